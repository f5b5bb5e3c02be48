using System.Diagnostics;
using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Pipeline;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Benchmarks.Corpus;

/// <summary>
/// Where a requests table's time goes, stage by stage, on one engine set: the same stages <see cref="TableRecoverer"/>
/// runs for a picture, timed one by one. The number cells alone are timed by reading the table a second time, when
/// every label read is already cached (the label cache is per page), so labels cost nothing and the rest is the digits.
/// </summary>
internal static class StageTimes
{
    public static void Print(IReadOnlyList<CorpusImage> requestsImages)
    {
        if (requestsImages.Count == 0) return;
        using var engines = new EngineSet(Fixtures.Tessdata);
        var reader = new TableReader();
        var assembler = new LayoutAssembler();
        var stages = new Dictionary<string, List<double>>();
        void Add(string stage, Stopwatch watch)
        {
            (stages.TryGetValue(stage, out var list) ? list : stages[stage] = []).Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
        }
        foreach (var image in requestsImages)
        {
            var watch = Stopwatch.StartNew();
            using var page = new ImageDecoder(200_000_000).Decode(image.Name, image.Bytes)[0];
            Add("decode", watch);
            using var normalized = new PageNormalizer().Normalize(page, 0);
            Add("normalize (deskew, scale, binarize)", watch);
            var tables = TableFinder.Find(normalized);
            Add("find the grid", watch);
            var crops = CropMaker.For(normalized.Gray);
            var labels = new LabelReader(engines, crops);
            var inks = new CellInks(normalized);
            OrientationDetector.IsSideways(normalized, tables, inks, crops, engines.Digits);
            OrientationDetector.IsUpsideDown(normalized, tables, inks, labels);
            Add("orientation check", watch);
            var read = tables.Select(t => reader.Read(normalized, inks, crops, t, engines.Digits, labels, image.Name)).ToList();
            Add("read every cell (labels and numbers)", watch);
            assembler.Assemble(read);
            Add("snap and reconcile", watch);
            foreach (var t in tables) reader.Read(normalized, inks, crops, t, engines.Digits, labels, image.Name);
            Add("  of which the number cells (read again, cached)", watch);
        }
        Console.WriteLine($"  stage by stage, median over {requestsImages.Count} of them (ms):");
        foreach (var (stage, times) in stages)
        {
            times.Sort();
            Console.WriteLine($"    {stage,-58} {times[times.Count / 2],7:0}");
        }
    }
}
