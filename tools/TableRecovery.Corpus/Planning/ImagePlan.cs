using TableRecovery.Corpus.Grids;
using TableRecovery.Corpus.Truth;

namespace TableRecovery.Corpus.Planning;

/// <summary>How badly an image was scanned.</summary>
public enum ScanClass
{
    Clean,
    Mild,
    Hard,
}

/// <summary>One table placed in an image: its truth, how it is printed, and the text around it.</summary>
/// <param name="Heading">The section heading printed above the table, or null.</param>
/// <param name="Caption">A report-style caption ("表2 …") printed above or below the table, or null.</param>
public sealed record TablePlan(TableValues Truth, TableVariant Variant, GridTable Grid, string? Heading, string? Caption, bool CaptionBelow);

/// <summary>The look shared by every table of one image.</summary>
public sealed record RenderStyle(
    string FontFamily,
    int FontSizePx,
    int BorderPx,
    string BorderColor,
    string TextColor,
    int PaddingPx,
    string NumberAlign,
    string? HeaderShade,
    int LabelColumnPx,
    int ValueColumnPx,
    int SheetWidthPx,
    double DeviceScaleFactor,
    int LineGaps,
    int MissingLineThirds,
    string? LatinFamily = null);

/// <summary>ImageMagick degradation applied after rendering; every parameter is recorded in the truth.</summary>
/// <param name="Rotation">Degrees the whole page was turned clockwise (0, 90, 180, 270).</param>
/// <param name="SkewDegrees">Small clockwise rotation of the scan.</param>
/// <param name="Scale">Resize factor applied to the rendered image.</param>
/// <param name="Illumination">Darkest multiplier of a corner-to-corner lighting gradient (1 = even light).</param>
/// <param name="BackgroundLevel">White maps to this gray level in percent (100 = white paper).</param>
/// <param name="Warp">Keystone, lens or curl warp of a photographed or bent page; null for a flat scan.</param>
/// <param name="ShowThrough">The table on the other side of the sheet seen through the paper; null for a blank back.</param>
/// <param name="Bilevel">The cut into ink and paper of a bilevel scan; null for a gray or colour scan.</param>
public sealed record Degradation(
    int Rotation,
    double SkewDegrees,
    double Scale,
    double BlurSigma,
    double GaussianNoise,
    double SaltAndPepper,
    double Illumination,
    int BackgroundLevel,
    bool Grayscale,
    int? JpegQuality,
    PageWarp? Warp = null,
    ShowThrough? ShowThrough = null,
    Bilevel? Bilevel = null);

/// <summary>Everything decided about one image before it is drawn.</summary>
public sealed record ImagePlan(
    string Name,
    string Extension,
    int Seed,
    ScanClass ScanClass,
    bool IsPage,
    IReadOnlyList<TablePlan> Tables,
    RenderStyle Style,
    Degradation Degradation,
    IReadOnlyList<string> BodyParagraphs,
    string? PageTitle)
{
    public string FileName => Name + "." + Extension;
}
