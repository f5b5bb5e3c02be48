using TableRecovery.Core.Layouts;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Benchmarks.Corpus;

/// <summary>
/// With BENCH_SOLVER_DUMP=dir, writes each identified table's readings and truth (<see cref="ReadingsFixture"/>) for
/// tables whose search did not complete, or every table with BENCH_SOLVER_DUMP_ALL=1, so the reconciler can be
/// studied on real scans without OCR: `solve &lt;files or folder&gt;`.
/// </summary>
internal static class SolverDump
{
    private static readonly string? Folder = Environment.GetEnvironmentVariable("BENCH_SOLVER_DUMP");
    private static readonly bool All = Environment.GetEnvironmentVariable("BENCH_SOLVER_DUMP_ALL") == "1";

    public static void Write(string image, string layout, SnappedTable snapped, Dictionary<string, decimal?> truth, bool complete)
    {
        if (Folder is null || complete && !All) return;
        Directory.CreateDirectory(Folder);
        var readings = snapped.CellsById.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.Readings.ToList());
        new ReadingsFixture(image, layout, readings, truth).Save(Path.Combine(Folder, $"{Path.GetFileNameWithoutExtension(image)}.{layout}.json"));
    }
}
