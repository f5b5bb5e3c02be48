using TableRecovery.Core.Layouts;
using TableRecovery.Core.Pipeline;
using TableRecovery.Core.Results;
using TableRecovery.Core.Review;
using TableRecovery.Core.Tests.Review;
using TableRecovery.Core.Tests.Support;

/// <summary>
/// How many reviewer actions it takes to finish every flagged table of a generated corpus: the real pipeline reads
/// each image, then <see cref="OracleReviewer"/> (answers from the truth) works each table in the review order, with
/// the table re-solved after every answer and without. Tables whose layout was not recognised cannot be matched to
/// the truth; they are counted apart.
/// </summary>
internal static class ReviewActionsBench
{
    /// <summary>BENCH_VERBOSE=1 prints each flagged table's answers, re-solving and not (the browser test needs a scan where re-solving saves some).</summary>
    private static readonly bool Verbose = Environment.GetEnvironmentVariable("BENCH_VERBOSE") == "1";

    public static void Run(string corpus, string? tessdata)
    {
        // A report's truth may stand beside one picture of it alone (tests/fixtures/cases keeps page 2 of a TIFF report): only
        // truths whose image is there are worked.
        var truths = Directory.EnumerateFiles(corpus, "*.truth.json").Order(StringComparer.Ordinal).Select(CorpusImage.Load)
            .Where(t => File.Exists(t.ImagePath)).ToList();
        tessdata ??= FindTessdata();
        using var recoverer = new TableRecoverer(new RecoveryEngineOptions { TessdataPath = tessdata, EngineSlots = 1 });
        var catalog = LayoutCatalog.Default;
        int images = 0, tables = 0, unmatched = 0, clean = 0, flagged = 0, flaggedCells = 0;
        int finishedOn = 0, finishedOff = 0;
        var on = new Totals();
        var off = new Totals();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var image in truths)
        {
            images++;
            var document = recoverer.Recover(new SourceFile(image.Name, image.Bytes), new RecoveryRequest(), CancellationToken.None).Document;
            var unused = image.Tables.ToList();
            foreach (var table in document.Tables)
            {
                tables++;
                var truth = unused.FirstOrDefault(t => t.Layout == table.Layout);
                if (truth is null || !catalog.TryGet(table.Layout, out _))
                {
                    unmatched++;
                    continue;
                }
                unused.Remove(truth);
                var needing = table.Cells.Count(c => c.Status == Statuses.NeedsReview);
                if (needing == 0)
                {
                    clean++;
                    on.WrongLeft += table.Cells.Count(c => c.Value != truth.Cells[c.Id].Value);
                    off.WrongLeft += table.Cells.Count(c => c.Value != truth.Cells[c.Id].Value);
                    continue;
                }
                flagged++;
                flaggedCells += needing;
                var printed = truth.PublishedInconsistent.ToHashSet(StringComparer.Ordinal);
                var withResolve = OracleReviewer.Work(TableReview.Default, catalog, table, id => truth.Cells[id].Value, printed, resolve: true);
                var without = OracleReviewer.Work(TableReview.Default, catalog, table, id => truth.Cells[id].Value, printed, resolve: false);
                on.Add(withResolve);
                off.Add(without);
                finishedOn += withResolve.Finished ? 1 : 0;
                finishedOff += without.Finished ? 1 : 0;
                if (Verbose)
                {
                    Console.WriteLine($"  {image.Name} {table.Layout}: {needing} flagged, answers {withResolve.CellActions + withResolve.IdentityActions} re-solving, {without.CellActions + without.IdentityActions} without");
                }
            }
        }
        var matched = tables - unmatched;
        Console.WriteLine($"review-actions: {images} images from {corpus}, {tables} tables ({unmatched} not matched to a layout of the truth), {watch.Elapsed.TotalSeconds:0} s");
        Console.WriteLine($"  tables needing no review: {clean}/{matched} = {Percent(clean, matched)} of matched tables");
        Console.WriteLine($"  flagged tables: {flagged}, flagged cells at the start: {flaggedCells}");
        Console.WriteLine("  mode        | actions | cell answers | keep-as-printed | per flagged table | finished | wrong values left");
        Console.WriteLine(on.Row("re-solve ON ", flagged, finishedOn));
        Console.WriteLine(off.Row("re-solve OFF", flagged, finishedOff));
        Console.WriteLine($"  re-solving saves {off.Actions - on.Actions} actions ({Percent(off.Actions - on.Actions, off.Actions)} of the answers needed without it)");
    }

    private static string Percent(int part, int whole) => whole == 0 ? "n/a" : $"{100.0 * part / whole:0.0}%";

    private static string FindTessdata()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tessdata");
            if (File.Exists(Path.Combine(candidate, "eng.traineddata"))) return candidate;
        }
        throw new DirectoryNotFoundException("No tessdata/ with eng.traineddata above the benchmark; run scripts/setup.sh or pass the folder.");
    }

    private sealed class Totals
    {
        public int Cells, Identities, WrongLeft;
        public int Actions => Cells + Identities;

        public void Add(ReviewRun run)
        {
            Cells += run.CellActions;
            Identities += run.IdentityActions;
            WrongLeft += run.WrongLeft;
        }

        public string Row(string name, int flagged, int finished) =>
            $"  {name} | {Actions,7} | {Cells,12} | {Identities,15} | {(flagged == 0 ? 0 : (double)Actions / flagged),17:0.0} | {finished,4}/{flagged,-3} | {WrongLeft,17}";
    }
}
