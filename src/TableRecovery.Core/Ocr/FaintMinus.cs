using TableRecovery.Core.Grid;

namespace TableRecovery.Core.Ocr;

/// <summary>
/// A minus sign looked for in the gray image, left of a number's ink. A light thin minus (a 1 px stroke of a small
/// font, scaled up and smoothed) keeps its length in gray but binarizes into a dot too small to tell from noise, and
/// then both engine readings drop it: -10 read as 10 twice, agreeing.
/// </summary>
public static class FaintMinus
{
    /// <summary>How far left of the digits a minus may stand, in text heights.</summary>
    private const double Reach = 0.9;

    /// <summary>A minus is at least this long (noise specks, scaled up, are shorter), in text heights.</summary>
    private const double MinLength = 0.18;

    /// <summary>A minus is at most this thick, in text heights.</summary>
    private const double MaxThickness = 0.25;

    /// <summary>
    /// A stroke darker than this share of the way from the paper to the digits' darkest tone counts: a faint minus
    /// is lighter than its digits' cores (half as dark, measured), but far darker than the paper.
    /// </summary>
    private const double DarkShare = 0.3;

    /// <summary>The digits start at the first column this share of the way to their darkest tone; a faint minus never gets there.</summary>
    private const double DigitShare = 0.75;

    /// <summary>Below this contrast between paper and digits nothing is judged.</summary>
    private const int MinContrast = 40;

    /// <param name="ink">The number's ink box; the minus may lie inside it (a dot of ink) or left of it (no ink at all).</param>
    public static bool Before(byte[] gray, int width, int height, PixelRect ink, PixelRect interior, double t) =>
        Look(gray, width, height, ink, interior, t) == MinusSighting.Clear;

    /// <summary>Whether a minus stands left of the number's ink, and whether it stands there alone.</summary>
    public static MinusSighting Look(byte[] gray, int width, int height, PixelRect ink, PixelRect interior, double t)
    {
        var page = new PixelRect(0, 0, width, height);
        var digits = ink.Intersect(page);
        if (digits.Width <= 0 || digits.Height < 3) return MinusSighting.None;
        var left = Math.Max(Math.Max(0, interior.X), ink.X - (int)Math.Ceiling(t * Reach));
        var (darkest, _) = CropMaker.ToneRange(gray, width, digits);
        var paper = Percentile(gray, width, new PixelRect(left, ink.Y, Math.Max(1, ink.X - left), ink.Height).Intersect(page), 0.9);
        if (ink.X - left < 1 || paper - darkest < MinContrast) return MinusSighting.None;
        var threshold = paper - DarkShare * (paper - darkest);
        var digitStart = DigitStart(gray, width, digits, paper - DigitShare * (paper - darkest));
        // Back off the first digit's soft edge too: up to the last clear column before it, but no wider than a soft edge.
        // A minus whose blur touches the digit's (a hard scan's -2, the minus as dark as the digit) is not the digit: backed
        // off through it, the search left only the paper before it, and -2 passed as 2, read so twice.
        var softEdgeEnd = digitStart - Math.Max(SoftEdge, (int)Math.Ceiling(t * MaxSoftEdge));
        while (digitStart > left && digitStart > softEdgeEnd && !ColumnClear(gray, width, digitStart - 1, digits, threshold)) digitStart--;
        var region = new PixelRect(left, ink.Y, digitStart - left, ink.Height).Intersect(page);
        if (region.Width < t * MinLength) return MinusSighting.None;

        // Rows holding a long dark run (the stroke), and rows holding any dark pixel (anything else there).
        var strokeRows = new List<int>();
        var darkRows = new List<int>();
        for (var y = 0; y < region.Height; y++)
        {
            var row = gray.AsSpan((region.Y + y) * width + region.X, region.Width);
            int run = 0, longest = 0;
            foreach (var v in row)
            {
                run = v < threshold ? run + 1 : 0;
                longest = Math.Max(longest, run);
            }
            if (longest >= t * MinLength) strokeRows.Add(y);
            if (row.IndexOfAnyInRange((byte)0, (byte)Math.Ceiling(threshold - 1)) >= 0) darkRows.Add(y);
        }
        if (strokeRows.Count == 0) return MinusSighting.None;
        int first = strokeRows[0], last = strokeRows[^1];
        var thickness = last - first + 1;
        var middle = (first + last) / 2.0 / region.Height;
        // One flat stroke near the middle height, and no other ink (a glyph, a rule remnant) above or below its soft edges.
        if (thickness != strokeRows.Count || thickness > Math.Max(2, t * MaxThickness) || middle is < 0.25 or > 0.8) return MinusSighting.None;
        return darkRows.All(y => y >= first - SoftEdge && y <= last + SoftEdge) ? MinusSighting.Clear : MinusSighting.AmongOtherInk;
    }

    /// <summary>Rows of a smoothed stroke's faint edge above and below its dark core.</summary>
    private const int SoftEdge = 2;

    /// <summary>How wide a blurred digit's soft edge runs left of its core, at most, in text heights.</summary>
    private const double MaxSoftEdge = 0.12;

    /// <summary>The first column of the box holding a pixel darker than <paramref name="threshold"/>.</summary>
    private static int DigitStart(byte[] gray, int width, PixelRect box, double threshold)
    {
        for (var x = box.X; x < box.X + box.Width; x++)
        {
            for (var y = box.Y; y < box.Y + box.Height; y++)
            {
                if (gray[y * width + x] < threshold) return x;
            }
        }
        return box.X + box.Width;
    }

    private static bool ColumnClear(byte[] gray, int width, int x, PixelRect box, double threshold)
    {
        for (var y = box.Y; y < box.Y + box.Height; y++)
        {
            if (gray[y * width + x] < threshold) return false;
        }
        return true;
    }

    /// <summary>The tone below which <paramref name="share"/> of the region's pixels lie.</summary>
    internal static int Percentile(byte[] gray, int width, PixelRect r, double share)
    {
        var histogram = CropMaker.Histogram(gray, width, r);
        var wanted = r.Width * r.Height * share;
        var seen = 0;
        for (var v = 0; v < 256; v++)
        {
            seen += histogram[v];
            if (seen >= wanted) return v;
        }
        return 255;
    }
}

/// <summary>What <see cref="FaintMinus.Look"/> saw left of a number.</summary>
public enum MinusSighting
{
    None,

    /// <summary>One flat stroke at a minus's height and nothing else about it.</summary>
    Clear,

    /// <summary>
    /// The stroke, with other ink above or below it: a minus in a mottled scan's noise, or a stroke of something else.
    /// </summary>
    AmongOtherInk,
}
