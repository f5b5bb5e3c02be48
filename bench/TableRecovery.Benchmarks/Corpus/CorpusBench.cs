using System.Diagnostics;
using TableRecovery.Core.Grid;
using TableRecovery.Core.Layouts;
using TableRecovery.Core.Pipeline;
using TableRecovery.Core.Reconciliation;
using TableRecovery.Core.Results;
using TableRecovery.Core.Tests.Reconciliation;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Benchmarks.Corpus;

/// <summary>
/// Recovers every image of a generated corpus folder (each with its <c>.truth.json</c>) on one engine slot and
/// scores it against the truth: grid structure, layout identification, raw reading accuracy and candidate
/// coverage (before the identities), final accuracy, review rate, silent errors, printed inconsistencies,
/// the same figures with reconciliation off, a reliability table, and speed beside plain Tesseract.
/// </summary>
internal static class CorpusBench
{
    private static readonly bool Verbose = Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1";
    private static readonly bool ListReviews = Environment.GetEnvironmentVariable("BENCH_REVIEWS") == "1";
    private static readonly bool Calibration = Environment.GetEnvironmentVariable("BENCH_CALIBRATION") == "1";

    /// <summary>(method, length class, confidence decile) → (readings, right): how far the engine's confidence can be trusted.</summary>
    private static readonly SortedDictionary<string, (int Count, int Right)> ReadingCalibration = new(StringComparer.Ordinal);

    /// <summary>(length class and whether a sure template or a zero's loops are among them, opposed, lower confidence of the two agreeing ways) → (cells, right): how far two ways agreeing can be trusted.</summary>
    private static readonly SortedDictionary<string, (int Count, int Right)> AgreementCalibration = new(StringComparer.Ordinal);

    /// <summary>
    /// The value two different ways (Cell, Strip, Template, Shape) read, at the lower of their two confidences, best such value
    /// first; contradicted when another way is half sure of another value.
    /// </summary>
    private static (decimal? Value, double Level, string Length, bool Contradicted)? AgreementLevel(IReadOnlyList<Core.Ocr.Reading> readings, Core.Layouts.CellValueKind kind)
    {
        var parsed = readings
            .Where(r => r.Method is Core.Ocr.ReadingMethod.Cell or Core.Ocr.ReadingMethod.Strip or Core.Ocr.ReadingMethod.Template or Core.Ocr.ReadingMethod.Shape)
            .Select(r => (r.Method, r.Confidence, r.Text, Parsed: Core.Layouts.CellValueParser.Parse(r.Text, kind)))
            .Where(r => r.Parsed.HasValue)
            .ToList();
        (decimal? Value, double Level, string Length, bool Contradicted)? best = null;
        foreach (var group in parsed.GroupBy(r => r.Parsed.Value))
        {
            var byMethod = group.GroupBy(r => r.Method).Select(m => (Method: m.Key, Confidence: m.Max(r => r.Confidence))).OrderByDescending(m => m.Confidence).ToList();
            if (byMethod.Count < 2) continue;
            var level = byMethod[1].Confidence;
            if (best is null || level > best.Value.Level)
            {
                var text = group.First().Text;
                var contradicted = parsed.Any(r => r.Parsed.Value != group.Key && r.Confidence >= 0.5);
                var pair = byMethod.Any(m => m.Method == Core.Ocr.ReadingMethod.Template && m.Confidence >= 0.9) ? "template"
                    : byMethod.Any(m => m.Method == Core.Ocr.ReadingMethod.Shape) ? "shape" : "engine";
                best = (group.Key, level, $"{(text.Length switch { 0 => "blank", 1 => "1 char", _ => "2+ chars" })} {pair}", contradicted);
            }
        }
        return best;
    }

    public static int Run(IReadOnlyList<string> folders, string? only)
    {
        // In folder order, each image with the folder it came from (by reference: two folders may hold equal images).
        var images = new List<CorpusImage>();
        var folderOf = new Dictionary<CorpusImage, string>(ReferenceEqualityComparer.Instance);
        foreach (var path in folders)
        {
            foreach (var image in Directory.EnumerateFiles(path, "*.truth.json").Order(StringComparer.Ordinal).Select(CorpusImage.Load)
                .Where(i => only is null || i.Name.Contains(only, StringComparison.Ordinal)))
            {
                images.Add(image);
                folderOf[image] = path;
            }
        }
        var folder = string.Join(" + ", folders);
        if (images.Count == 0)
        {
            Console.Error.WriteLine($"No *.truth.json in {folder}.");
            return 2;
        }
        var assembler = new RecordingAssembler();
        using var recoverer = new TableRecoverer(
            new RecoveryEngineOptions { TessdataPath = Fixtures.Tessdata, EngineSlots = 1 }, assembler: assembler);
        // Engine start-up is paid once per worker, not per image: keep it out of the per-image times.
        var warm = Stopwatch.StartNew();
        recoverer.Recover(new SourceFile(images[0].Name, images[0].Bytes), new RecoveryRequest(), CancellationToken.None);
        Console.WriteLine($"corpus {folder}: {images.Count} images; warm-up (engine start + first image) {warm.Elapsed.TotalSeconds:0.0} s");

        var all = new Scoreboard("all");
        var byClass = new SortedDictionary<string, Scoreboard>(StringComparer.Ordinal);
        var requestsSeconds = new List<double>();
        foreach (var image in images)
        {
            assembler.Recorded.Clear();
            var watch = Stopwatch.StartNew();
            var outcome = recoverer.Recover(new SourceFile(image.Name, image.Bytes), new RecoveryRequest(), CancellationToken.None);
            var seconds = watch.Elapsed.TotalSeconds;
            if (!image.IsPage && image.Tables is [{ Layout: "requests-2021" or "requests-2019" }])
            {
                requestsSeconds.Add(seconds);
            }
            // Reports are scored per form (docx-pictures, pdf-scanned, …); pictures per scan class.
            var group = image.Form ?? image.ScanClass;
            var board = byClass.TryGetValue(group, out var b) ? b : byClass[group] = new Scoreboard(group);
            Scoreboard[] boards = [all, board];
            if (folders.Count > 1)
            {
                // Each folder's own totals too: reports beside the pictures of the same tables' kinds.
                var name = $"all of {folderOf[image]}";
                boards = [.. boards, byClass.TryGetValue(name, out var f) ? f : byClass[name] = new Scoreboard(name)];
            }
            var lines = Score(image, outcome.Document, assembler.Recorded, seconds, boards);
            if (Verbose || lines.Count > 0)
            {
                Console.WriteLine($"  {image.Name}: {seconds:0.00} s, {outcome.Document.Tables.Count} tables"
                    + (outcome.Document.Errors.Count > 0 ? $", errors: {string.Join(", ", outcome.Document.Errors.Select(e => e.Code))}" : ""));
                foreach (var line in lines) Console.WriteLine($"      {line}");
            }
        }
        Console.WriteLine();
        foreach (var board in byClass.Values.Append(all))
        {
            board.Print();
        }
        all.PrintReliability();
        if (Calibration)
        {
            Console.WriteLine("\nreading calibration: method, printed length, confidence decile | readings | share right");
            foreach (var (key, (count, right)) in ReadingCalibration)
            {
                Console.WriteLine($"   {key} | {count,6} | {100.0 * right / count:0.0}%");
            }
            Console.WriteLine("\nagreement calibration: length, template ≥ 0.9 (else a zero's loops) among them, opposed, lower confidence of the two agreeing ways | cells | share right");
            foreach (var (key, (count, right)) in AgreementCalibration)
            {
                Console.WriteLine($"   {key} | {count,6} | {100.0 * right / count:0.0}% ({count - right} wrong)");
            }
        }
        PrintSpeed(images, requestsSeconds);
        return 0;
    }

    /// <summary>Scores one image into the boards; returns the notable events (misses, silent errors).</summary>
    private static List<string> Score(CorpusImage image, ResultDocument document, List<AssembledTable> recorded, double seconds, Scoreboard[] boards)
    {
        var notes = new List<string>();
        foreach (var board in boards) board.AddImage(seconds);
        if (recorded.Count != document.Tables.Count)
        {
            notes.Add($"recorded {recorded.Count} tables but the document has {document.Tables.Count}; scoring by layout only");
        }
        var used = new HashSet<int>();
        foreach (var truth in image.Tables)
        {
            var layout = LayoutCatalog.Default[truth.Layout];
            // The read table that covers the truth's box is the one meant to be this table.
            var index = BestOverlap(truth, recorded, used, byPosition: image.Form is null);
            var read = index >= 0 ? recorded[index] : null;
            var result = index >= 0 && index < document.Tables.Count ? document.Tables[index] : null;
            if (index >= 0) used.Add(index);
            // A Word table or a text layer has no drawn lattice to compare; a table cut in two has two.
            var gridRight = read is not null && (truth.GridRows == 0 || truth.Box is null && image.Form is not null || truth.Cut
                || read.Read.Lattice.RowCount == truth.GridRows && read.Read.Lattice.ColumnCount == truth.GridColumns);
            var identified = result is not null && result.Layout == truth.Layout;
            if (read is null) notes.Add($"{truth.Layout}: no table found");
            else if (!identified) notes.Add($"{truth.Layout}: identified as '{result?.Layout}' (grid {read.Read.Lattice.RowCount}x{read.Read.Lattice.ColumnCount}, truth {truth.GridRows}x{truth.GridColumns})"
                + (result?.Notes is [var why, ..] ? $": {why}" : ""));
            else if (!gridRight) notes.Add($"{truth.Layout}: grid {read.Read.Lattice.RowCount}x{read.Read.Lattice.ColumnCount}, truth {truth.GridRows}x{truth.GridColumns}");

            var cellsOn = identified ? result!.Cells.ToDictionary(c => c.Id) : [];
            // The reconciler's own verdict, before the assembler's placement safeguards, to tell the two apart.
            var solvedAlone = ListReviews && identified && read!.Snapped is { } snappedTable
                ? TableReconciler.Default.Reconcile(ReconciliationInput.FromLayout(layout, id =>
                    snappedTable.CellsById.TryGetValue(id, out var rc) && rc is not null ? rc.Readings : null))
                : null;
            var reconciled = solvedAlone?.Cells.ToDictionary(c => c.Id);
            if (solvedAlone is not null)
            {
                var st = solvedAlone.Statistics;
                notes.Add($"solver {truth.Layout}: complete {st.Complete}, {st.Nodes} nodes, {st.Solutions} solutions, {st.AmbiguousCells} ambiguous cells");
                SolverDump.Write(image.Name, truth.Layout, read!.Snapped!, truth.Cells.ToDictionary(p => p.Key, p => p.Value.Value), st.Complete);
            }
            var cellsOff = identified ? read!.WithoutIdentities.Cells.ToDictionary(c => c.Id) : [];
            var tally = new TableTally();
            foreach (var (id, truthCell) in truth.Cells)
            {
                var expected = truthCell.Value;
                var on = cellsOn.GetValueOrDefault(id);
                var off = cellsOff.GetValueOrDefault(id);
                var snappedCell = identified && read!.Snapped is { } s && s.CellsById.TryGetValue(id, out var rc) ? rc : null;
                var candidates = snappedCell is null ? [] : SyntheticTables.CandidateValues(layout.Cell(id).Kind, snappedCell.Readings);
                tally.Add(expected, on, off, expected is { } v && candidates.Contains(v));
                if (Calibration && snappedCell is not null && expected is { } truthValue)
                {
                    foreach (var r in snappedCell.Readings.Where(r => r.Method is Core.Ocr.ReadingMethod.Cell or Core.Ocr.ReadingMethod.Strip or Core.Ocr.ReadingMethod.Shape or Core.Ocr.ReadingMethod.Template))
                    {
                        var parsed = Core.Layouts.CellValueParser.Parse(r.Text, layout.Cell(id).Kind);
                        var length = r.Method == Core.Ocr.ReadingMethod.Shape ? $"'{r.Text}'" : r.Text.Length switch { 0 => "blank", 1 => "1 char", _ => "2+ chars" };
                        var key = $"{r.Method,-6} {length,-8} conf {Math.Min(9, (int)(r.Confidence * 10)) / 10.0:0.0}";
                        var (count, right) = ReadingCalibration.GetValueOrDefault(key);
                        ReadingCalibration[key] = (count + 1, right + (parsed.HasValue && parsed.Value == truthValue ? 1 : 0));
                        if (r.Method == Core.Ocr.ReadingMethod.Template && r.Confidence >= 0.9 && parsed.Value != truthValue)
                        {
                            notes.Add($"template-wrong {id}: truth '{truthCell.Text}', readings {SyntheticTables.Describe(snappedCell.Readings)}");
                        }
                    }
                    if (AgreementLevel(snappedCell.Readings, layout.Cell(id).Kind) is { } agreed)
                    {
                        var key = $"{agreed.Length,-17} {(agreed.Contradicted ? "contradicted" : "unopposed"),-12} min conf {Math.Min(9, (int)(agreed.Level * 10)) / 10.0:0.0}";
                        var (count, right) = AgreementCalibration.GetValueOrDefault(key);
                        AgreementCalibration[key] = (count + 1, right + (agreed.Value == truthValue ? 1 : 0));
                    }
                }
                if (Verbose && identified && off?.Value != expected)
                {
                    notes.Add($"misread {id}: truth '{truthCell.Text}' ({expected}), readings {(snappedCell is null ? "none" : SyntheticTables.Describe(snappedCell.Readings))}, final {on?.Value} {on?.Status}");
                }
                if (ListReviews && identified && on is not null && on.Status == Statuses.NeedsReview)
                {
                    notes.Add($"review-{(on.Value == expected ? "right" : "wrong")} {id}: '{truthCell.Text}'{(on.Value == expected ? "" : $" output {on.Value}")} @{on.Confidence:0.000} reconciler {reconciled?.GetValueOrDefault(id)?.Status} alts {string.Join(",", on.Alternatives.Select(a => $"{a.Value}:{a.Confidence:0.00}"))}, readings {(snappedCell is null ? "none" : SyntheticTables.Describe(snappedCell.Readings))}");
                }
                if (on is not null && on.Value != expected && on.Status is Statuses.Ok or Statuses.Corrected)
                {
                    notes.Add($"SILENT {truth.Layout} {id}: truth {expected} ('{truthCell.Text}'), output {on.Value} '{on.Text}' {on.Status} @{on.Confidence:0.00}");
                }
            }
            var broken = truth.PublishedInconsistent.Count > 0;
            var flagged = identified && result!.Identities.Any(i => i.PublishedInconsistent);
            if (broken && !flagged)
            {
                notes.Add($"{truth.Layout}: printed inconsistent ({string.Join(", ", truth.PublishedInconsistent)}), not reported");
            }
            if (!broken && flagged)
            {
                notes.Add($"{truth.Layout}: printed consistent, reported inconsistent: {string.Join(", ", result!.Identities.Where(i => i.PublishedInconsistent).Select(i => $"{i.Name} ({i.LhsSum} vs {i.RhsSum})"))}");
            }
            foreach (var board in boards)
            {
                board.AddTable(truth.Layout, read is not null, gridRight, identified, tally, broken, broken && flagged, !broken && flagged);
            }
        }
        var extra = document.Tables.Where((_, i) => !used.Contains(i)).ToList();
        foreach (var board in boards) board.ExtraTables += extra.Count;
        notes.AddRange(extra.Select(t => $"extra table '{t.Layout}' from {t.Image}"));
        return notes;
    }

    private static int BestOverlap(TruthTable truth, List<AssembledTable> recorded, HashSet<int> used, bool byPosition)
    {
        var best = -1;
        var bestOverlap = 0.3;
        // A report's table boxes are in the pixels of their own picture, so tables are matched in order by layout there.
        for (var i = 0; byPosition && i < recorded.Count; i++)
        {
            if (used.Contains(i)) continue;
            var cells = recorded[i].Read.Cells.Select(c => c.SourceBox).Where(b => !b.IsEmpty).ToList();
            if (cells.Count == 0 || truth.Box is not { } box) continue;
            var bounds = new PixelRect(cells.Min(c => c.X), cells.Min(c => c.Y), 0, 0);
            bounds = bounds with { Width = cells.Max(c => c.Right) - bounds.X, Height = cells.Max(c => c.Bottom) - bounds.Y };
            var overlap = Overlap(bounds, box);
            if (overlap > bestOverlap)
            {
                bestOverlap = overlap;
                best = i;
            }
        }
        // Without a truth box (older corpora) fall back to the first unused table of the right layout.
        if (best < 0 && (truth.Box is null || !byPosition))
        {
            best = Enumerable.Range(0, recorded.Count).FirstOrDefault(i => !used.Contains(i) && recorded[i].Snapped?.Layout.Id == truth.Layout, -1);
        }
        return best;
    }

    /// <summary>Intersection over the smaller area: a read table that misses a row still overlaps its truth fully.</summary>
    private static double Overlap(PixelRect a, PixelRect b)
    {
        var i = a.Intersect(b);
        if (i.IsEmpty) return 0;
        var smaller = Math.Min((double)a.Width * a.Height, (double)b.Width * b.Height);
        return i.Width * (double)i.Height / smaller;
    }

    private static void PrintSpeed(IReadOnlyList<CorpusImage> images, List<double> requestsSeconds)
    {
        Console.WriteLine();
        if (requestsSeconds.Count == 0)
        {
            Console.WriteLine("speed: no single requests table in this corpus");
            return;
        }
        requestsSeconds.Sort();
        Console.WriteLine($"speed, one requests table end to end on one core ({requestsSeconds.Count} images): median {Median(requestsSeconds):0.00} s, max {requestsSeconds[^1]:0.00} s");
        var sample = images.Where(i => !i.IsPage && i.Tables is [{ Layout: "requests-2021" or "requests-2019" }]).Take(5).ToList();
        var plain = new List<double>();
        foreach (var image in sample)
        {
            var seconds = PlainTesseract.Seconds(image.ImagePath);
            if (seconds is { } s) plain.Add(s);
        }
        if (plain.Count > 0)
        {
            plain.Sort();
            Console.WriteLine($"  beside plain `tesseract IMG stdout -l chi_sim --psm 6` (OMP_THREAD_LIMIT=1) on {plain.Count} of them: median {Median(plain):0.00} s");
        }
        else
        {
            Console.WriteLine("  plain tesseract could not be run for comparison (is tesseract-ocr installed?)");
        }
        StageTimes.Print(images.Where(i => !i.IsPage && i.Tables is [{ Layout: "requests-2021" or "requests-2019" }]).Take(15).ToList());
    }

    private static double Median(List<double> sorted) => sorted[sorted.Count / 2];
}

/// <summary>Runs the plain tesseract command line on an image, the comparison a user would otherwise make.</summary>
internal static class PlainTesseract
{
    public static double? Seconds(string image)
    {
        var start = new ProcessStartInfo("tesseract") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { image, "stdout", "-l", "chi_sim", "--psm", "6", "--tessdata-dir", Fixtures.Tessdata })
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["OMP_THREAD_LIMIT"] = "1";
        try
        {
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? watch.Elapsed.TotalSeconds : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
