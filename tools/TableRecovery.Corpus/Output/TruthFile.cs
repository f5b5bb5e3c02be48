using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TableRecovery.Corpus.Output;

/// <summary>The ground truth written beside each image as <c>&lt;name&gt;.truth.json</c> (snake_case).</summary>
public sealed record TruthFile(
    string Image,
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
    IReadOnlyList<TruthTable> Tables,
    string? LatinFont = null)
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static TruthFile Read(string path) =>
        JsonSerializer.Deserialize<TruthFile>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} holds no truth.");
}

public sealed record TruthStyle(
    int BorderPx,
    string BorderColor,
    string TextColor,
    int PaddingPx,
    string NumberAlign,
    string? HeaderShade,
    int LineGaps,
    int MissingLineThirds);

/// <param name="Warp">Left out when the page is flat, so corpora generated without warps keep their exact truth files.</param>
/// <param name="ShowThrough">Left out when the back of the sheet is blank, for the same reason.</param>
/// <param name="Bilevel">Left out for a gray or colour scan, for the same reason.</param>
public sealed record TruthDegradation(
    double BlurSigma,
    double GaussianNoise,
    double SaltAndPepper,
    double Illumination,
    int BackgroundLevel,
    bool Grayscale,
    int? JpegQuality,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TruthWarp? Warp = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TruthShowThrough? ShowThrough = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TruthBilevel? Bilevel = null);

/// <summary>A bilevel scan: every pixel cut at <c>threshold_percent</c> gray into ink or paper (see Planning.Bilevel).</summary>
public sealed record TruthBilevel(int ThresholdPercent)
{
    public static TruthBilevel? From(Planning.Bilevel? bilevel) => bilevel is null ? null : new(bilevel.ThresholdPercent);
}

/// <summary>
/// The page warp: <c>kind</c> keystone (<c>edge</c> pulled in by <c>inset</c> of its length at each end), barrel
/// (<c>coefficient</c>, radius in half-diagonals, negative = pincushion) or curl (<c>amplitude</c> as a fraction of the
/// height, <c>wavelength</c> in widths). Fields of the other kinds are null.
/// </summary>
public sealed record TruthWarp(string Kind, string? Edge, double? Inset, double? Coefficient, double? Amplitude, double? Wavelength)
{
    public static TruthWarp? From(Planning.PageWarp? warp) => warp switch
    {
        null => null,
        Planning.KeystoneWarp k => new(k.Kind, k.Edge.ToString().ToLowerInvariant(), k.Inset, null, null, null),
        Planning.BarrelWarp b => new(b.Kind, null, null, b.Coefficient, null, null),
        Planning.CurlWarp c => new(c.Kind, null, null, null, c.Amplitude, c.Wavelength),
        _ => throw new ArgumentException($"Unknown warp {warp}.", nameof(warp)),
    };
}

/// <summary>
/// The other side of the sheet showing through: a <c>layout</c> table drawn from <c>seed</c>, mirrored, its centre
/// shifted by <c>shift_x</c>/<c>shift_y</c> of the resized width/height, blurred by <c>blur_sigma</c> px and lightened so
/// its black is <c>level</c> % gray, multiplied into the page before the skew. The page's values and boxes are unchanged.
/// </summary>
public sealed record TruthShowThrough(string Layout, int Seed, double ShiftX, double ShiftY, double BlurSigma, int Level)
{
    public static TruthShowThrough? From(Planning.ShowThrough? showThrough) => showThrough is null
        ? null
        : new(showThrough.Layout, showThrough.Seed, showThrough.ShiftX, showThrough.ShiftY, showThrough.BlurSigma, showThrough.Level);
}

/// <summary>One table of the image. <c>grid_rows</c>/<c>grid_columns</c> count the full drawn lattice.</summary>
public sealed record TruthTable(
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
    IReadOnlyDictionary<string, TruthCell> Cells,
    IReadOnlyList<string> PublishedInconsistent);

/// <summary>
/// A value cell as printed: <c>value</c> (zero for every printed form of zero), the printed <c>text</c>, its lattice
/// position [row, column, row_span, column_span] and its box [x, y, width, height] in the final image.
/// </summary>
public sealed record TruthCell(decimal Value, string Text, int[] Grid, int[]? Box);
