namespace TableRecovery.Corpus.Planning;

/// <summary>Whether the images of a run show the table printed on the other side of the sheet.</summary>
public enum ShowThroughMode
{
    /// <summary>Blank backs only; the corpus is what it was before show-through existed.</summary>
    None,

    /// <summary>Every image shows, faintly and mirrored, another table printed on the back of the sheet.</summary>
    Mixed,
}

/// <summary>
/// The other side of a thin sheet showing through: a table of another layout with values of its own, rendered in the
/// page's style, mirrored left-right, shifted, blurred by the paper and lightened, then multiplied into the page right
/// after the resize, so the skew and the warp bend it with the sheet and the page's blur, noise and JPEG lie over it.
/// The truth of the page is untouched: the back side is under the print, not over it.
/// </summary>
/// <param name="Layout">Layout of the table on the back.</param>
/// <param name="Seed">Seed of the back side's table: its values, print variant and line breaks.</param>
/// <param name="ShiftX">Offset of the mirrored back from the page centre, as a fraction of the resized width (±0.1).</param>
/// <param name="ShiftY">Offset of the mirrored back from the page centre, as a fraction of the resized height (±0.1).</param>
/// <param name="BlurSigma">Blur of the back in resized pixels: the paper fibres diffuse the ink seen through them.</param>
/// <param name="Level">Gray level in percent the back's black maps to (<c>+level Level%,100%</c>); higher is fainter.</param>
public sealed record ShowThrough(string Layout, int Seed, double ShiftX, double ShiftY, double BlurSigma, int Level);
