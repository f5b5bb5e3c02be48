namespace TableRecovery.Corpus.Planning;

/// <summary>
/// What the caller pins down for one image; everything left null is drawn from the image seed.
/// </summary>
public sealed record PlanRequest(
    IReadOnlyList<ScanClass> Classes,
    IReadOnlyList<string> Layouts,
    ScanClass? ForcedClass = null,
    string? ForcedLayout = null,
    bool? Page = null,
    bool? Sideways = null,
    bool? Inconsistent = null,
    string? ForcedExtension = null,
    WarpMode Warp = WarpMode.None,
    ShowThroughMode ShowThrough = ShowThroughMode.None,
    BilevelMode Bilevel = BilevelMode.None,
    LatinFontMode LatinFont = LatinFontMode.None);
