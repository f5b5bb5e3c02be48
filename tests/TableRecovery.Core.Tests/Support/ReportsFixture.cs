using System.Text.Json;
using TableRecovery.Core.Pipeline;
using TableRecovery.Core.Results;

namespace TableRecovery.Core.Tests.Support;

/// <summary>A generated report's truth: the image schema plus the report's agency and year, and each table's pictures.</summary>
public sealed record ReportTruth(string Path, string Form, string Agency, int Year, IReadOnlyList<ReportTruthTable> Tables)
{
    public string Name => System.IO.Path.GetFileName(Path);

    public static ReportTruth Load(string truthPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(truthPath));
        var root = doc.RootElement;
        var tables = root.GetProperty("tables").EnumerateArray().Select(t => new ReportTruthTable(
            t.GetProperty("layout").GetString()!,
            t.GetProperty("picture").GetString()!,
            t.GetProperty("pictures").EnumerateArray().Select(p => p.GetString()!).ToList(),
            t.GetProperty("cells").EnumerateObject().ToDictionary(c => c.Name,
                c => (Value: c.Value.GetProperty("value").GetDecimal(), Picture: c.Value.GetProperty("picture").GetString()!)),
            t.GetProperty("published_inconsistent").EnumerateArray().Select(x => x.GetString()!).ToList())).ToList();
        var report = root.GetProperty("report");
        return new ReportTruth(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(truthPath)!, root.GetProperty("image").GetString()!),
            root.GetProperty("form").GetString()!, report.GetProperty("agency").GetString()!, report.GetProperty("year").GetInt32(), tables);
    }

    public override string ToString() => Name;
}

public sealed record ReportTruthTable(string Layout, string Picture, IReadOnlyList<string> Pictures,
    IReadOnlyDictionary<string, (decimal Value, string Picture)> Cells, IReadOnlyList<string> PublishedInconsistent);

/// <summary>Every committed report recovered once through the real pipeline (real poppler, Tesseract, Leptonica), with how long each took.</summary>
public sealed class ReportsFixture : IDisposable
{
    private readonly TableRecoverer _recoverer = new(new RecoveryEngineOptions { TessdataPath = Fixtures.Tessdata, EngineSlots = 1 });

    public ReportsFixture()
    {
        foreach (var truthPath in Directory.EnumerateFiles(Fixtures.ReportsDirectory, "*.truth.json").Order(StringComparer.Ordinal))
        {
            var truth = ReportTruth.Load(truthPath);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var document = _recoverer.Recover(new SourceFile(truth.Name, File.ReadAllBytes(truth.Path)), new RecoveryRequest(), CancellationToken.None).Document;
            Reports.Add((truth, document, clock.Elapsed));
        }
    }

    public List<(ReportTruth Truth, ResultDocument Document, TimeSpan Took)> Reports { get; } = [];

    public (ReportTruth Truth, ResultDocument Document) Form(string form)
    {
        var found = Reports.First(r => r.Truth.Form == form);
        return (found.Truth, found.Document);
    }

    public void Dispose() => _recoverer.Dispose();
}
