using System.Text.Json;
using TableRecovery.Core.Grid;

namespace TableRecovery.Core.Tests.Support;

/// <summary>Paths of the repository: tessdata, the committed corpus sample (tests/fixtures/corpus) and the cases (tests/fixtures/cases).</summary>
public static class Fixtures
{
    public static string RepoRoot { get; } = FindRoot();

    public static string Tessdata => Path.Combine(RepoRoot, "tessdata");

    public static string CorpusDirectory => Path.Combine(RepoRoot, "tests", "fixtures", "corpus");

    /// <summary>Benchmark images on which a reading once failed, and the cuts some tests need (tests/fixtures/cases).</summary>
    public static string CasesDirectory => Path.Combine(RepoRoot, "tests", "fixtures", "cases");

    /// <summary>A case image with its truth, by the name of its truth file without ".truth.json".</summary>
    public static CorpusImage Case(string name) => CorpusImage.Load(Path.Combine(CasesDirectory, name + ".truth.json"));

    /// <summary>The committed generated reports (tests/fixtures/reports): .docx, PDF and TIFF with their truth.</summary>
    public static string ReportsDirectory => Path.Combine(RepoRoot, "tests", "fixtures", "reports");

    /// <summary>Every image of the committed sample with its ground truth.</summary>
    public static IReadOnlyList<CorpusImage> Corpus() =>
        Directory.EnumerateFiles(CorpusDirectory, "*.truth.json")
            .Order(StringComparer.Ordinal)
            .Select(CorpusImage.Load)
            .ToList();

    public static CorpusImage CorpusWhere(Func<CorpusImage, bool> predicate) =>
        Corpus().FirstOrDefault(predicate) ?? throw new InvalidOperationException("The committed corpus sample holds no such image.");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TableRecovery.slnx")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (TableRecovery.slnx).");
    }
}

/// <summary>A generated image and what the generator put into it.</summary>
/// <param name="Form">For a generated report (.docx, PDF, multi-page TIFF): how its tables were put in it.</param>
public sealed record CorpusImage(string ImagePath, string ScanClass, int Rotation, double SkewDegrees, bool IsPage, IReadOnlyList<TruthTable> Tables, string? Form = null)
{
    public string Name => Path.GetFileName(ImagePath);

    /// <summary>How tall the generator printed a digit, in the image's own pixels, when the truth says.</summary>
    public double? DigitHeight { get; init; }

    public byte[] Bytes => File.ReadAllBytes(ImagePath);

    public static CorpusImage Load(string truthPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(truthPath));
        var root = doc.RootElement;
        var tables = root.GetProperty("tables").EnumerateArray().Select(t => new TruthTable(
            t.GetProperty("layout").GetString()!,
            t.TryGetProperty("grid_rows", out var r) ? r.GetInt32() : 0,
            t.TryGetProperty("grid_columns", out var c) ? c.GetInt32() : 0,
            t.GetProperty("cells").EnumerateObject().ToDictionary(
                p => p.Name,
                p => new TruthCell(p.Value.GetProperty("value").ValueKind == JsonValueKind.Null ? null : p.Value.GetProperty("value").GetDecimal(),
                    p.Value.TryGetProperty("text", out var tx) ? tx.GetString() ?? "" : "",
                    p.Value.TryGetProperty("box", out var cb) && cb.ValueKind == JsonValueKind.Array
                        ? new PixelRect(cb[0].GetInt32(), cb[1].GetInt32(), cb[2].GetInt32(), cb[3].GetInt32())
                        : null)),
            t.TryGetProperty("published_inconsistent", out var pi) ? pi.EnumerateArray().Select(x => x.GetString()!).ToList() : [],
            t.TryGetProperty("box", out var bx) && bx.ValueKind == JsonValueKind.Array
                ? new PixelRect(bx[0].GetInt32(), bx[1].GetInt32(), bx[2].GetInt32(), bx[3].GetInt32())
                : null,
            t.TryGetProperty("pictures", out var pics) && pics.ValueKind == JsonValueKind.Array && pics.GetArrayLength() > 1)).ToList();
        return new CorpusImage(
            Path.Combine(Path.GetDirectoryName(truthPath)!, root.GetProperty("image").GetString()!),
            root.GetProperty("scan_class").GetString()!,
            root.TryGetProperty("rotation", out var rot) ? rot.GetInt32() : 0,
            root.TryGetProperty("skew_degrees", out var sk) ? sk.GetDouble() : 0,
            root.TryGetProperty("page", out var pg) && pg.ValueKind == JsonValueKind.True,
            tables,
            root.TryGetProperty("form", out var form) ? form.GetString() : null)
        {
            DigitHeight = root.TryGetProperty("digit_height_px", out var digits) ? digits.GetDouble() : null,
        };
    }

    public override string ToString() => Name;
}

/// <param name="Box">The table's bounds in the image's own pixels (axis-aligned after skew and rotation), when the truth has it.</param>
/// <param name="Cut">A report's table printed over two pictures or pages.</param>
public sealed record TruthTable(
    string Layout, int GridRows, int GridColumns, IReadOnlyDictionary<string, TruthCell> Cells, IReadOnlyList<string> PublishedInconsistent,
    PixelRect? Box, bool Cut = false);

/// <param name="Box">Where the cell is printed, in the image's own pixels, when the truth has it.</param>
public sealed record TruthCell(decimal? Value, string Text, PixelRect? Box = null);
