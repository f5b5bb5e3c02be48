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
    /// <param name="speckled">Also look for light rules peppered with salt noise (<see cref="AddSpeckledRows"/>): not on a bilevel scan.</param>
    /// <param name="throughGrain">
    /// Look through grain: a light rule on grainy paper (gray noise of a few levels on every pixel) has a pixel lighter than
    /// the contrast a line needs every few pixels along it, and no stretch as long as the opening's brick survives. Averaged
    /// along the line first, it does; but glyph strokes beside each other then join into runs too (a whole corpus read
    /// through grain lost more tables' structure than it gained), so this is a second look at a page no layout fits.
    /// </param>
    public static (PixHandle Horizontal, PixHandle Vertical) Find(PixHandle gray, double textHeight, int minHorizontal, int minVertical, bool speckled,
        bool throughGrain = false)
    {
        using var paper = Paper(gray, textHeight);
        using var darkness = Leptonica.pixSubtractGray(paper, gray);
        // The paper, measured on blocks, may fall a few pixels short of the page's right and bottom edge, and so does the darkness.
        int width = Leptonica.pixGetWidth(darkness), height = Leptonica.pixGetHeight(darkness);
        var pixels = Leptonica.CopyGray(darkness);
        var thin = (int)(textHeight * ThinShare);
        return (Runs(pixels, width, height, minHorizontal, thin, horizontal: true, textHeight, speckled, throughGrain),
            Runs(pixels, width, height, minVertical, thin, horizontal: false, textHeight, speckled, throughGrain));
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

    /// <summary>
    /// Rules peppered with salt: a light rule with white specks every few pixels along it keeps no stretch as long as the
    /// opening's brick dark throughout, and is lost (bench150 0128: gray #A6A6A6 one-pixel rules under salt-and-pepper
    /// noise came out as two tables, 7x2 and 3x4, for one of 14x4). A stretch of <paramref name="length"/> pixels at least
    /// <see cref="SpeckledShare"/> dark is such a rule; its dark pixels are added where the opening found no rule in the
    /// band of rows around, or between the ends of what it found there. Past those ends a dense stretch only lengthens a
    /// rule already found, and reached a sliver of rule beyond a table's border, which became a column (fresh80 0030).
    /// Horizontal only: added upright as well, they cost bench150 0028 its identification and 0062 two rows' labels, and
    /// fixed nothing the horizontal ones did not.
    /// </summary>
    private static void AddSpeckledRows(byte[] runs, byte[] detail, int width, int height, int length)
    {
        if (length < 1 || length > width) return;
        var need = (int)Math.Ceiling(length * SpeckledShare);
        // Where the opening found rule pixels in each row: the first and the last.
        var first = new int[height];
        var last = new int[height];
        for (var y = 0; y < height; y++)
        {
            var row = runs.AsSpan(y * width, width);
            first[y] = row.IndexOf((byte)0);
            last[y] = row.LastIndexOf((byte)0);
        }
        var opened = (byte[])runs.Clone();
        var prefix = new int[width + 1];
        var cover = new int[width + 1];
        for (var y = 0; y < height; y++)
        {
            var row = detail.AsSpan(y * width, width);
            for (var x = 0; x < width; x++) prefix[x + 1] = prefix[x] + (row[x] >= MinContrast ? 1 : 0);
            if (prefix[width] < need) continue;
            Array.Clear(cover);
            var any = false;
            for (var x = 0; x + length <= width; x++)
            {
                if (prefix[x + length] - prefix[x] < need) continue;
                cover[x]++;
                cover[x + length]--;
                any = true;
            }
            if (!any) continue;
            int from = int.MaxValue, to = -1;
            for (var ny = Math.Max(0, y - BandRows); ny <= Math.Min(height - 1, y + BandRows); ny++)
            {
                if (last[ny] < 0) continue;
                from = Math.Min(from, first[ny]);
                to = Math.Max(to, last[ny]);
            }
            for (int x = 0, run = 0; x < width; x++)
            {
                run += cover[x];
                // The dark pixels only: the specks stay gaps, which clustering pieces into a rule bridges.
                if (run > 0 && row[x] >= MinContrast && (to < 0 || x >= from && x <= to) && !FoundAt(opened, width, height, x, y)) runs[y * width + x] = 0;
            }
        }
    }

    /// <summary>
    /// The opening found a rule at this column within <see cref="BandRows"/> of the row: a dense stretch there is that rule's
    /// blurred edge, and adding it would only thicken the rule and shift the cells' boxes by a pixel (and their readings).
    /// </summary>
    private static bool FoundAt(byte[] opened, int width, int height, int x, int y)
    {
        for (var ny = Math.Max(0, y - BandRows); ny <= Math.Min(height - 1, y + BandRows); ny++)
        {
            if (opened[ny * width + x] == 0) return true;
        }
        return false;
    }

    /// <summary>A speckled rule is a stretch this many text heights long: far longer than any glyph's stroke, or a row of them.</summary>
    private const double SpeckledLength = 4.0;

    /// <summary>
    /// The share of a speckled rule's stretch that is dark. At 85 % over the opening's own length (1.15 text heights
    /// upright, 2.4 across) strokes of glyphs passed for rules: 88 of bench150's 178 tables lost their structure.
    /// </summary>
    private const double SpeckledShare = 0.9;

    /// <summary>Rows above and below whose rules the opening found count as the same rule's.</summary>
    private const int BandRows = 2;

    /// <summary>
    /// Pixels along a line that a look through grain averages: 3 found the 28 rows of a grainy hard scan's light rules
    /// where the plain search found 6 (m51 0032, `generate --count 60 --seed 5151`); 5 and 7 found as many rows but glyph
    /// strokes joined into rules between columns (13 and 16 columns for 11).
    /// </summary>
    private const int GrainMean = 3;

    private static PixHandle Runs(byte[] darkness, int width, int height, int length, int thin, bool horizontal, double textHeight, bool speckled,
        bool throughGrain)
    {
        // Only what is thin across the line's direction: a line has paper on both sides, a blurred row of text does not.
        var detail = horizontal ? BrickFilter.TophatWhite(darkness, width, height, 1, thin) : BrickFilter.TophatWhite(darkness, width, height, thin, 1);
        // No closing before the opening: on blurred scans it joins the strokes of neighbouring glyphs into runs;
        // a line cut by noise is joined again when its pieces are clustered into a rule.
        // Through grain, each pixel's darkness is its mean with its neighbours along the line: the grain's dark and light
        // pixels even out where the line's stay dark.
        var along = !throughGrain ? detail
            : horizontal ? BrickFilter.Mean(detail, width, height, GrainMean, 1) : BrickFilter.Mean(detail, width, height, 1, GrainMean);
        var runs = horizontal ? BrickFilter.Open(along, width, height, length, 1) : BrickFilter.Open(along, width, height, 1, length);
        for (var i = 0; i < runs.Length; i++) runs[i] = runs[i] >= MinContrast ? (byte)0 : (byte)255;
        if (horizontal && speckled) AddSpeckledRows(runs, detail, width, height, (int)(textHeight * SpeckledLength));
        using var map = Leptonica.FromGray(runs, width, height);
        return Leptonica.pixThresholdToBinary(map, 128);
    }
}
