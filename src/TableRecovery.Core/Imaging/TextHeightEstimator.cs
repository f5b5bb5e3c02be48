using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Imaging;

/// <summary>
/// Estimates the typical glyph height from the connected components of the ink: the 85th percentile of
/// the heights of glyph-like components (Chinese characters break into radicals, so the median
/// underestimates; ruling lines and specks are filtered out by their shape).
/// </summary>
/// <remarks>
/// The upper quartile was not high enough on a blurred noisy scan of a light serif font, whose glyphs break into more
/// pieces than whole ones: over 230 generated images (bench `textheight`, two seeds), the quartile came to 0.88–1.42
/// times the printed digit height, and the two lowest (0.88, 0.99) were tables no layout was found for, their labels
/// read at 1.5 times the size. The 85th percentile came to 1.06–1.47, typical images unchanged (median 1.29 → 1.30);
/// the 90th reaches into merged ink and rules (up to 2.07).
/// </remarks>
public static class TextHeightEstimator
{
    private const double GlyphPercentile = 0.85;

    /// <summary>
    /// A bilevel scan's mended ink keeps the upper quartile its cases were measured at: at the 85th percentile four of them
    /// read worse (a 4.6 passed as 1.6, a lattice of 26 rows found as 22).
    /// </summary>
    private const double BilevelGlyphPercentile = 0.75;

    /// <param name="bilevel">The ink is a bilevel scan's, mended.</param>
    public static double? Estimate(PixHandle binary, bool bilevel = false)
    {
        var boxes = Leptonica.pixConnCompBoxes(binary);
        var heights = new List<int>(boxes.Length);
        foreach (var (_, _, w, h) in boxes)
        {
            if (h < 5 || w < 2 || h > 400 || w > 400) continue;
            if (w > 4 * h || h > 5 * w) continue;
            heights.Add(h);
        }
        if (heights.Count < 8)
        {
            return null;
        }
        heights.Sort();
        var estimate = heights[(int)(heights.Count * (bilevel ? BilevelGlyphPercentile : GlyphPercentile))];
        return bilevel && HeightWeighted(heights, BilevelGlyphPercentile) is var weighted && weighted >= estimate * PiecesShortfall
            ? Math.Min(weighted, heights[(int)(heights.Count * WeightedCap)])
            : estimate;
    }

    /// <summary>
    /// A bilevel scan's components are counted by height too, and that upper quartile taken where it is this many times the
    /// counted one. The cut breaks glyphs into pieces and leaves specks, and where both outnumber whole glyphs the counted
    /// quartile is a piece's or a speck's height: f50b 0038, a page darkened at an edge, 11 px for 30 px digits, read at 2.9
    /// times its size for 47 s and no table found; f51b 0012 and 0034, hard scans, 0.84 and 0.74 of the digit height where a
    /// whole page's is 1.2–1.35, read for 74 and 148 s. Counted by height, each component has a say in proportion to its height
    /// and whole glyphs outweigh the pieces. Not taken everywhere: on most pages it is a pixel or three above the count, and
    /// that moved fragile pages (`generate --count 40 --seed 4850 --bilevel mixed`, f48o: 0022's table lost, 0023's review
    /// 46 → 137 cells). At 1.15, over five bilevel corpora (f49c = `--count 40 --seed 4903 --bilevel mixed`, f50b = `--count
    /// 40 --seed 5002 --bilevel mixed --warp mixed --latin-font mixed`, f51b = `--count 40 --seed 5102 --bilevel mixed
    /// --show-through mixed`, f48o, and `--count 60 --seed 4848 --bilevel mixed --latin-font mixed`): review 17.11 → 16.85,
    /// 22.18 → 18.39, 32.96 → 31.90, 21.09 → 20.89 and 37.10 → 35.12 %; tables identified 45 → 46, 39 → 41 and 54 → 56 in
    /// f49c, f51b and the last, none lost; no wrong value passed, with a 4 the cut broke into a 1 doubted (TableReader).
    /// </summary>
    private const double PiecesShortfall = 1.15;

    /// <summary>Counted by height, a page's merged blobs (a dark band cut into a few pieces) weigh in too: capped at the 90th percentile.</summary>
    private const double WeightedCap = 0.9;

    /// <summary>The height under which this share of the summed heights lies (the heights sorted).</summary>
    private static int HeightWeighted(List<int> sorted, double share)
    {
        var total = sorted.Sum(h => (long)h);
        long sum = 0;
        foreach (var h in sorted)
        {
            sum += h;
            if (sum >= share * total) return h;
        }
        return sorted[^1];
    }
}
