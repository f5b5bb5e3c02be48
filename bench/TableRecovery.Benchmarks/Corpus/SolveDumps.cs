using System.Diagnostics;
using TableRecovery.Core.Reconciliation;
using TableRecovery.Core.Results;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Benchmarks.Corpus;

/// <summary>`solve &lt;dump files or folder&gt;`: the reconciler alone on tables dumped by <see cref="SolverDump"/>, against their truth.</summary>
internal static class SolveDumps
{
    /// <summary>BENCH_SOLVE_CELLS=1 lists each flagged cell with its readings.</summary>
    private static readonly bool ListFlagged = Environment.GetEnvironmentVariable("BENCH_SOLVE_CELLS") == "1";

    /// <summary>
    /// BENCH_PRINTED_ERROR_PRIOR=p solves with that prior of a misprint in place of the product's, to measure a change of it;
    /// BENCH_MAX_NODES=n with that node limit of the exact search, to see whether a table it gives up on is only a little too large.
    /// </summary>
    private static TableReconciler Reconciler()
    {
        var options = ReconciliationOptions.Default;
        if (double.TryParse(Environment.GetEnvironmentVariable("BENCH_PRINTED_ERROR_PRIOR"), System.Globalization.CultureInfo.InvariantCulture, out var prior))
        {
            options = options with { PrintedErrorPrior = prior };
        }
        if (long.TryParse(Environment.GetEnvironmentVariable("BENCH_MAX_NODES"), out var nodes))
        {
            options = options with { MaxSearchNodes = nodes };
        }
        return new TableReconciler(options);
    }

    public static int Run(IEnumerable<string> paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*.json").Order(StringComparer.Ordinal) : (IEnumerable<string>)[p]).ToList();
        int okRight = 0, okWrong = 0, review = 0, cellsAll = 0, misprinted = 0, flaggedRight = 0, flaggedWrong = 0, valuesRight = 0;
        var reconciler = Reconciler();
        foreach (var file in files)
        {
            var table = ReadingsFixture.LoadFile(file);
            var input = table.Input();
            var watch = Stopwatch.StartNew();
            var solved = reconciler.Reconcile(input);
            watch.Stop();
            int right = 0, wrong = 0, flagged = 0, valueRight = 0;
            foreach (var cell in solved.Cells)
            {
                var truth = table.TruthOf(cell.Id);
                var correct = cell.Value == truth;
                valueRight += correct ? 1 : 0;
                if (cell.Status is Statuses.Ok or Statuses.Corrected)
                {
                    if (correct) right++;
                    else
                    {
                        wrong++;
                        Console.WriteLine($"    SILENT {cell.Id}: truth {truth}, output {cell.Value} {cell.Status} @{cell.Confidence:0.000}");
                    }
                }
                else
                {
                    flagged++;
                    if (ListFlagged)
                    {
                        var readings = string.Join(", ", table.Readings.GetValueOrDefault(cell.Id)?.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}") ?? []);
                        Console.WriteLine($"    review {cell.Id}: truth {truth}, output {cell.Value} @{cell.Confidence:0.000} [{readings}]");
                    }
                }
            }
            // Whether the printed table breaks an identity is read off its truth; what the reconciler claims, off its outcomes.
            var printedBroken = input.Identities.Where(i => i.Lhs.Sum(table.TruthOf) != i.Rhs.Sum(table.TruthOf)).Select(i => i.Name).ToList();
            var claimed = solved.Identities.Where(i => i.PublishedInconsistent).Select(i => i.Name).ToList();
            if (printedBroken.Count > 0)
            {
                misprinted++;
                flaggedRight += claimed.Count > 0 ? 1 : 0;
                if (claimed.Count == 0) Console.WriteLine($"    printed inconsistent ({string.Join(", ", printedBroken)}), not reported");
            }
            else if (claimed.Count > 0)
            {
                flaggedWrong++;
                Console.WriteLine($"    printed consistent, reported inconsistent: {string.Join(", ", claimed)}");
            }
            if (claimed.Count > 0 && Environment.GetEnvironmentVariable("BENCH_MISPRINTS") == "1")
            {
                foreach (var cell in solved.Cells.Where(c => c.ConsistentValue is not null))
                {
                    var readings = string.Join(", ", table.Readings.GetValueOrDefault(cell.Id)?.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}") ?? []);
                    Console.WriteLine($"    MISPRINT {(printedBroken.Count > 0 ? "true" : "FALSE")} {cell.Id}: printed {table.TruthOf(cell.Id)}, output {cell.Value}, consistent {cell.ConsistentValue} [{readings}]");
                }
            }
            var st = solved.Statistics;
            Console.WriteLine($"  {Path.GetFileName(file)}: {watch.Elapsed.TotalMilliseconds:0} ms, complete {st.Complete}, {st.Nodes} nodes, {st.Solutions} solutions, {st.AmbiguousCells} ambiguous; " +
                $"values right {valueRight}/{solved.Cells.Count}, settled right {right}, settled wrong {wrong}, review {flagged}");
            okRight += right;
            okWrong += wrong;
            review += flagged;
            cellsAll += solved.Cells.Count;
            valuesRight += valueRight;
        }
        Console.WriteLine($"{files.Count} tables, {cellsAll} cells: settled right {okRight}, settled wrong (silent) {okWrong}, review {review} ({100.0 * review / Math.Max(1, cellsAll):0.00}%), values right {valuesRight} ({100.0 * valuesRight / Math.Max(1, cellsAll):0.00}%)");
        Console.WriteLine($"printed inconsistencies flagged {flaggedRight}/{misprinted}, consistent tables flagged as inconsistent {flaggedWrong}");
        return 0;
    }
}
