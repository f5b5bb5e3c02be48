using System.Diagnostics;
using System.Globalization;
using TableRecovery.Benchmarks.Corpus;
using TableRecovery.Core.Layouts;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Reconciliation;
using TableRecovery.Core.Results;
using TableRecovery.Core.Tests.Reconciliation;

// Usage: dotnet run -c Release --project bench/TableRecovery.Benchmarks -- corpus <folder> [name filter]
//        dotnet run -c Release --project bench/TableRecovery.Benchmarks -- dump <image>   (what was read and snapped)
//        dotnet run -c Release --project bench/TableRecovery.Benchmarks -- fixture <image> <read table> <truth table>   (a read-table test fixture)
//        dotnet run -c Release --project bench/TableRecovery.Benchmarks -- solve <files or folders>   (the reconciler alone on readings fixtures: tests/fixtures/readings, or BENCH_SOLVER_DUMP=dir)
//        dotnet run -c Release --project bench/TableRecovery.Benchmarks -- textheight <folder>   (estimated text height against the truth's digit height)
//        dotnet run -c Release --project bench/TableRecovery.Benchmarks -- solver [tables]
//        dotnet run -c Release --project bench/TableRecovery.Benchmarks -- accuracy [tables]
//        dotnet run -c Release --project bench/TableRecovery.Benchmarks -- review-actions <corpus dir> [tessdata dir]
var mode = args.Length > 0 ? args[0] : "solver";
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (mode == "corpus")
{
    if (args.Length < 2)
    {
        Console.Error.WriteLine("Usage: corpus <folder of generated images or reports with .truth.json> [more folders] [name filter]");
        return 2;
    }
    // Several folders are scored in one run (reports beside pictures); a last argument that is no folder filters names.
    var folders = args.Skip(1).TakeWhile(Directory.Exists).ToList();
    var filter = args.Skip(1 + folders.Count).FirstOrDefault();
    if (folders.Count == 0)
    {
        Console.Error.WriteLine($"No such folder: {args[1]}");
        return 2;
    }
    return CorpusBench.Run(folders, filter);
}
if (mode == "dump" && args.Length > 1)
{
    return TableDump.Run(args[1]);
}
if (mode == "textheight" && args.Length > 1)
{
    return TextHeightSurvey.Run(args[1]);
}
if (mode == "solve" && args.Length > 1)
{
    return SolveDumps.Run(args.Skip(1));
}
if (mode == "fixture" && args.Length > 3)
{
    return FixtureCapture.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
}
var tables = args.Length > 1 && mode != "review-actions" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;

switch (mode)
{
    case "solver":
        SolverBench.Run(tables);
        break;
    case "accuracy":
        AccuracyBench.Run(tables);
        break;
    case "review-actions":
        if (args.Length < 2)
        {
            Console.Error.WriteLine("Usage: review-actions <corpus dir> [tessdata dir]");
            return 2;
        }
        ReviewActionsBench.Run(args[1], args.Length > 2 ? args[2] : null);
        break;
    default:
        Console.Error.WriteLine($"Unknown mode '{mode}'. Modes: corpus, dump, fixture, solve, textheight, solver, accuracy, review-actions.");
        return 2;
}
return 0;

/// <summary>Milliseconds per requests-2021 table (175 cells, 39 identities) by number of ambiguous cells.</summary>
internal static class SolverBench
{
    private static readonly Misreading[] AmbiguousKinds =
    [
        Misreading.SwappedChoice, Misreading.DisagreeingStrip, Misreading.LowConfidence,
        Misreading.WrongDigit, Misreading.DroppedDigit,
    ];

    public static void Run(int tables)
    {
        var layout = LayoutCatalog.Default["requests-2021"];
        var window = double.Parse(Environment.GetEnvironmentVariable("BENCH_WINDOW") ?? "8", CultureInfo.InvariantCulture);
        var reconciler = new TableReconciler(new ReconciliationOptions { WindowNats = window });
        Console.WriteLine($"window {window} nats");
        Console.WriteLine($"solver: requests-2021, {layout.Cells.Count} cells, {layout.Identities.Count} identities, {tables} random tables per row");
        Console.WriteLine("misread cells | solver-ambiguous (mean) | median ms | p95 ms | max ms | nodes (median) | complete");
        // Warm up the JIT.
        for (var i = 0; i < 20; i++)
        {
            reconciler.Reconcile(Make(layout, new Random(-1 - i), 8));
        }
        foreach (var k in new[] { 0, 4, 8, 12, 16 })
        {
            var times = new List<double>();
            var nodes = new List<long>();
            var ambiguous = 0.0;
            var complete = 0;
            for (var t = 0; t < tables; t++)
            {
                var input = Make(layout, new Random(k * 100_000 + t), k);
                var watch = Stopwatch.StartNew();
                var result = reconciler.Reconcile(input);
                watch.Stop();
                times.Add(watch.Elapsed.TotalMilliseconds);
                if (Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1" && result.Statistics.Nodes > 100_000)
                {
                    Console.WriteLine($"   slow: k={k} t={t} {watch.Elapsed.TotalMilliseconds:0.0} ms {result.Statistics}");
                }
                nodes.Add(result.Statistics.Nodes);
                ambiguous += result.Statistics.AmbiguousCells;
                complete += result.Statistics.Complete ? 1 : 0;
            }
            times.Sort();
            nodes.Sort();
            Console.WriteLine($"{k,13} | {ambiguous / tables,23:0.0} | {Percentile(times, 0.5),9:0.00} | {Percentile(times, 0.95),6:0.00} | {times[^1],6:0.00} | {nodes[nodes.Count / 2],14} | {complete}/{tables}");
        }
    }

    private static ReconciliationInput Make(TableLayout layout, Random rng, int misread)
    {
        var truth = SyntheticTables.Consistent(layout, rng);
        var chosen = layout.Cells.Select(c => c.Id).OrderBy(_ => rng.Next()).Take(misread).ToHashSet();
        var readings = new Dictionary<string, IReadOnlyList<Reading>>();
        foreach (var cell in layout.Cells)
        {
            var kind = Misreading.None;
            if (chosen.Contains(cell.Id))
            {
                kind = AmbiguousKinds[rng.Next(AmbiguousKinds.Length)];
                if (truth[cell.Id] == 0 && kind == Misreading.DroppedDigit)
                {
                    kind = Misreading.SwappedChoice;
                }
            }
            readings[cell.Id] = SyntheticTables.Read(truth[cell.Id], kind, rng);
        }
        return ReconciliationInput.FromLayout(layout, id => readings[id]);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

/// <summary>
/// What reconciliation adds: the same random misread tables with identities on and off. Accuracy, review rate,
/// silent errors (wrong value marked ok/corrected) and a reliability table of confidence against accuracy.
/// </summary>
internal static class AccuracyBench
{
    public static void Run(int tables)
    {
        string[] layouts = ["requests-2021", "requests-2019", "appeals"];
        foreach (var useIdentities in new[] { true, false })
        {
            var reconciler = new TableReconciler(new ReconciliationOptions { UseIdentities = useIdentities });
            long cells = 0, right = 0, review = 0, silent = 0, silentWithTruthCandidate = 0, corrected = 0, exactTables = 0;
            var buckets = new (long N, long Right)[11];
            var misprints = 0;
            var misprintsDetected = 0;
            for (var t = 0; t < tables; t++)
            {
                var rng = new Random(t);
                var layout = LayoutCatalog.Default[layouts[t % layouts.Length]];
                var truth = SyntheticTables.Consistent(layout, rng);
                // One table in ten carries a misprint of the report itself, read confidently.
                string? misprint = null;
                if (t % 10 == 9)
                {
                    var ids = layout.Identities.SelectMany(i => i.CellIds).Distinct().ToList();
                    misprint = ids[rng.Next(ids.Count)];
                    truth[misprint] += rng.Next(1, 10);
                    misprints++;
                }
                var (readings, _) = SyntheticTables.ReadTable(layout, truth, rng, rng.NextDouble() * 0.1);
                if (misprint is not null)
                {
                    var text = truth[misprint].ToString(CultureInfo.InvariantCulture);
                    readings[misprint] = [new Reading(text, 0.97, ReadingMethod.Cell), new Reading(text, 0.96, ReadingMethod.Strip)];
                }
                var result = reconciler.Reconcile(ReconciliationInput.FromLayout(layout, id => readings[id]));
                var exact = true;
                foreach (var cell in result.Cells)
                {
                    cells++;
                    var ok = cell.Value == truth[cell.Id];
                    right += ok ? 1 : 0;
                    exact &= ok;
                    review += cell.Status == Statuses.NeedsReview ? 1 : 0;
                    corrected += cell.Status == Statuses.Corrected ? 1 : 0;
                    if (!ok && cell.Status is Statuses.Ok or Statuses.Corrected)
                    {
                        silent++;
                        var candidates = SyntheticTables.CandidateValues(layout.Cell(cell.Id).Kind, readings[cell.Id]);
                        silentWithTruthCandidate += candidates.Contains(truth[cell.Id]) ? 1 : 0;
                    }
                    var b = (int)Math.Floor(cell.Confidence * 10);
                    buckets[Math.Min(b, 10)].N++;
                    buckets[Math.Min(b, 10)].Right += ok ? 1 : 0;
                }
                exactTables += exact ? 1 : 0;
                if (misprint is not null && result.Identities.Any(i => i.PublishedInconsistent))
                {
                    misprintsDetected++;
                }
            }
            Console.WriteLine($"reconciliation {(useIdentities ? "ON" : "OFF")}: {tables} tables ({string.Join(", ", layouts)}), {cells} cells");
            Console.WriteLine($"  cell accuracy      {100.0 * right / cells:0.000}%   table exact-match {100.0 * exactTables / tables:0.0}%");
            Console.WriteLine($"  review rate        {100.0 * review / cells:0.000}%   corrected {corrected}");
            Console.WriteLine($"  silent errors      {silent} (truth among the candidates: {silentWithTruthCandidate})");
            Console.WriteLine($"  misprints flagged  {misprintsDetected}/{misprints}");
            Console.WriteLine("  reliability: confidence bucket | cells | observed accuracy");
            for (var b = 0; b < buckets.Length; b++)
            {
                if (buckets[b].N > 0)
                {
                    Console.WriteLine($"    [{b / 10.0:0.0}, {(b + 1) / 10.0:0.0}) | {buckets[b].N,7} | {100.0 * buckets[b].Right / buckets[b].N:0.00}%");
                }
            }
        }
    }
}
