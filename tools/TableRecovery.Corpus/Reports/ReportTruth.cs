using System.Text.Json;
using TableRecovery.Corpus.Output;

namespace TableRecovery.Corpus.Reports;

/// <summary>
/// The truth of one report, <c>&lt;name&gt;.truth.json</c>: the image truth schema (tests/fixtures/corpus/README.md) with
/// <c>image</c> the report's file name and <c>tables[]</c> in report order, plus <c>form</c>, <c>report</c> {agency, year},
/// <c>pictures</c> (every picture of the report, in order) and per table the <c>picture</c> it is in.
/// </summary>
public sealed record ReportTruthFile(
    string Image,
    string Form,
    ReportTruthInfo Report,
    IReadOnlyList<string> Pictures,
    string ScanClass,
    int Seed,
    bool Page,
    int Rotation,
    double SkewDegrees,
    double Scale,
    double DeviceScaleFactor,
    int Width,
    int Height,
    string Font,
    int FontSizePx,
    double DigitHeightPx,
    TruthStyle Style,
    TruthDegradation Degradation,
    IReadOnlyList<ReportTruthTable> Tables)
{
    public string ToJson() => JsonSerializer.Serialize(this, TruthFile.Json);

    public static ReportTruthFile Read(string path) =>
        JsonSerializer.Deserialize<ReportTruthFile>(File.ReadAllText(path), TruthFile.Json) ?? throw new InvalidDataException($"{path} holds no truth.");
}

public sealed record ReportTruthInfo(string Agency, int Year, string Title);

/// <summary>
/// A table of a report: the image schema's table, plus <c>picture</c> (the part or page holding it; for a table cut over
/// several, the first) and <c>pictures</c> (all of them). A cell's <c>box</c> is in its <c>picture</c>; both are null for a
/// Word table or a born-digital page, which are no pictures of known pixels.
/// </summary>
public sealed record ReportTruthTable(
    string Layout,
    string Section,
    string? Heading,
    string? Caption,
    string? TitleRow,
    bool ExtraBlankColumn,
    bool TotalSpansHeaderRows,
    string ZeroText,
    bool ThousandsSeparators,
    int GridRows,
    int GridColumns,
    int[]? Box,
    IReadOnlyDictionary<string, ReportTruthCell> Cells,
    IReadOnlyList<string> PublishedInconsistent,
    string Picture,
    IReadOnlyList<string> Pictures);

/// <summary>A value cell: as in the image truth, with the picture it is in.</summary>
public sealed record ReportTruthCell(decimal Value, string Text, int[] Grid, int[]? Box, string Picture);

/// <summary><c>manifest.json</c> of a reports corpus.</summary>
public sealed record ReportManifest(string Generator, long Seed, int Count, IReadOnlyList<ReportManifestEntry> Reports)
{
    public string ToJson() => JsonSerializer.Serialize(this, TruthFile.Json);
}

public sealed record ReportManifestEntry(string Image, string Truth, string Form, string ScanClass, IReadOnlyList<string> Layouts,
    bool Cut, bool Inconsistent);
