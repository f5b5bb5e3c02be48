using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Grid;

/// <summary>
/// Ruling lines found in the gray image rather than in the text binarization: a scan's lines are often
/// lighter than its text (gray ink, blur, JPEG), and a threshold chosen for glyphs drops them. Each pixel's
/// darkness is measured against the paper around it (so uneven illumination and tinted paper do not
/// matter), then only dark runs longer than any glyph stroke survive a directional opening; what remains
/// needs just a small contrast to count as a line, because noise and text were removed by the opening.
/// </summary>
internal static class LineMap
{
    /// <summary>Darkness under the paper level (0–255) a surviving run needs to be a line.</summary>
    /// <remarks>
    /// Measured on generated hard scans (gray #747474–#8F8F8F lines, blur σ≈1, JPEG q≈30–50): a blurred
    /// one-pixel line keeps 12–25 levels after the top-hat and the opening; noise and text keep less.
    /// </remarks>
    public const int MinContrast = 12;

    /// <summary>Across its direction a line is thinner than this share of the text height.</summary>
    private const double ThinShare = 0.35;

    /// <returns>1 bpp maps (1 = line) of the horizontal and the vertical runs; the caller disposes them.</returns>
    public static (PixHandle Horizontal, PixHandle Vertical) Find(PixHandle gray, double textHeight, int minHorizontal, int minVertical)
    {
        using var paper = Paper(gray, textHeight);
        using var darkness = Leptonica.pixSubtractGray(paper, gray);
        // The paper, measured on blocks, may fall a few pixels short of the page's right and bottom edge, and so does the darkness.
        int width = Leptonica.pixGetWidth(darkness), height = Leptonica.pixGetHeight(darkness);
        var pixels = Leptonica.CopyGray(darkness);
        var thin = (int)(textHeight * ThinShare);
        return (Runs(pixels, width, height, minHorizontal, thin, horizontal: true), Runs(pixels, width, height, minVertical, thin, horizontal: false));
    }

    /// <summary>Paper is measured on blocks this many pixels wide.</summary>
    private const int PaperBlock = 4;

    /// <summary>
    /// The paper's gray level around each pixel: a closing wider than a glyph removes all the dark detail. The
    /// paper varies slowly, so it is measured on blocks (each as light as its lightest pixel), where the
    /// closing costs a sixteenth of its time at full size (136 ms on a requests table).
    /// </summary>
    private static PixHandle Paper(PixHandle gray, double textHeight)
    {
        var brick = (int)(textHeight * 1.6);
        int width = Leptonica.pixGetWidth(gray), height = Leptonica.pixGetHeight(gray);
        if (Math.Min(width, height) < PaperBlock * 4)
        {
            return Leptonica.pixCloseGray(gray, brick, brick); // a sliver of a picture has too few blocks to measure on
        }
        using var blocks = Leptonica.pixScaleGrayLightest(gray, PaperBlock);
        using var closed = Leptonica.pixCloseGray(blocks, brick / PaperBlock, brick / PaperBlock);
        using var full = Leptonica.pixExpandReplicate(closed, PaperBlock);
        return Leptonica.pixClipRectangle(full, 0, 0, width, height);
    }

    private static PixHandle Runs(byte[] darkness, int width, int height, int length, int thin, bool horizontal)
    {
        // Only what is thin across the line's direction: a line has paper on both sides, a blurred row of text does not.
        var detail = horizontal ? BrickFilter.TophatWhite(darkness, width, height, 1, thin) : BrickFilter.TophatWhite(darkness, width, height, thin, 1);
        // No closing before the opening: on blurred scans it joins the strokes of neighbouring glyphs into runs;
        // a line cut by noise is joined again when its pieces are clustered into a rule.
        var runs = horizontal ? BrickFilter.Open(detail, width, height, length, 1) : BrickFilter.Open(detail, width, height, 1, length);
        for (var i = 0; i < runs.Length; i++) runs[i] = runs[i] >= MinContrast ? (byte)0 : (byte)255;
        using var map = Leptonica.FromGray(runs, width, height);
        return Leptonica.pixThresholdToBinary(map, 128);
    }
}
