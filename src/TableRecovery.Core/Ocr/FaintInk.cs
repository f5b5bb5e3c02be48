using TableRecovery.Core.Grid;

namespace TableRecovery.Core.Ocr;

/// <summary>
/// A number's faint glyphs looked for in the gray image beside the ink that survived binarizing. On a hard scan printed
/// light gray on gray, a number can binarize into a few specks of one glyph (35 into a 5×17 sliver of its 3): the crop
/// made from that ink cuts the other glyphs off, and the cell and the strip then agree on the one digit left, sure of it
/// (bench150 0102: 35 passed as 3, ok). In the gray image the glyphs are there, a little darker than the paper.
/// </summary>
public static class FaintInk
{
    /// <summary>Only ink whose largest piece is shorter than this share of the text height is looked at: a broken glyph.</summary>
    public const double BrokenGlyph = 0.65;

    /// <summary>Pixels (after a 3×3 mean against grain) darker than this share of the way from the paper to the ink's tone count.</summary>
    private const double DarkShare = 0.45;

    /// <summary>Below this contrast between the paper and the ink's tone nothing is judged.</summary>
    private const int MinContrast = 20;

    /// <summary>A column of the band holds a glyph's stroke when this share of a text height of it is dark.</summary>
    private const double StrokeShare = 0.12;

    /// <summary>The gap between two digits of a number, at most, in text heights.</summary>
    private const double DigitGap = 0.35;

    /// <summary>The widened box must grow by this share of a text height at least: less is the blur of the glyphs already in.</summary>
    private const double MinGrowth = 0.3;

    /// <summary>The widened box adds at least this share of the dark mass the ink box holds: a lost glyph, not a blot beside a kept one.</summary>
    private const double MinAddedMass = 0.5;

    /// <summary>And at least this share of a squared text height: a 1's stroke, about 3 by 20 px at a 30 px text height.</summary>
    private const double MinGlyphMass = 0.06;

    /// <summary>
    /// The ink box widened over the faint glyphs that continue it on the same line in the gray image, or null when nothing
    /// faint continues it (or the paper is too noisy to tell: dark columns all along the band).
    /// </summary>
    public static PixelRect? Widen(byte[] gray, int width, int height, PixelRect ink, PixelRect interior, double t)
    {
        var margin = (int)Math.Ceiling(t * 0.1);
        // One pixel off the image's edge: the 3×3 mean reads around each pixel.
        var inside = interior.Inflate(-margin, -margin).Intersect(new PixelRect(1, 1, width - 2, height - 2));
        var own = ink.Intersect(inside);
        if (inside.Width < 3 || inside.Height < 3 || own.Width <= 0 || own.Height <= 0) return null;
        var paper = FaintMinus.Percentile(gray, width, inside, 0.75);
        var tone = FaintMinus.Percentile(gray, width, own, 0.1);
        if (paper - tone < MinContrast) return null;
        var threshold = paper - (paper - tone) * DarkShare;
        var reach = (int)Math.Ceiling(t * 0.3);
        var band = new PixelRect(inside.X, Math.Max(inside.Y, ink.Y - reach), inside.Width, 0);
        band = band with { Height = Math.Min(inside.Bottom, ink.Bottom + reach) - band.Y };
        if (band.Height < 3) return null;

        var dark = new int[band.Width];
        for (var y = band.Y + 1; y < band.Bottom - 1; y++)
        {
            for (var x = band.X + 1; x < band.Right - 1; x++)
            {
                if (Mean3x3(gray, width, x, y) < threshold) dark[x - band.X]++;
            }
        }
        var stroke = Math.Max(2, t * StrokeShare);
        bool Inked(int x) => dark[x - band.X] >= stroke;
        var gap = (int)Math.Ceiling(t * DigitGap);
        int left = Math.Max(band.X + 1, own.X), right = Math.Min(band.Right - 2, own.Right - 1);
        for (var x = left - 1; x > band.X && left - x <= gap; x--)
        {
            if (Inked(x)) left = x;
        }
        for (var x = right + 1; x < band.Right - 1 && x - right <= gap; x++)
        {
            if (Inked(x)) right = x;
        }
        if (right - left + 1 - own.Width < t * MinGrowth) return null;
        // Grain that passes for strokes beside the ink passes elsewhere in the band too: the widened box must be the only ink.
        var elsewhere = 0;
        for (var x = band.X + 1; x < band.Right - 1; x++)
        {
            if ((x < left - gap || x > right + gap) && Inked(x)) elsewhere++;
        }
        if (elsewhere > t * MinGrowth) return null;
        // A glyph's mass, not grain's: what the widened box adds is dark over a good part of what the ink box already holds.
        int inOwn = DarkIn(gray, width, own, threshold), added = DarkIn(gray, width, new PixelRect(left, own.Y, right + 1 - left, own.Height), threshold) - inOwn;
        if (added < inOwn * MinAddedMass || added < t * t * MinGlyphMass) return null;
        // The glyphs' rows: those of the band with a stroke's share of dark pixels across the widened columns.
        int top = own.Y, bottom = own.Bottom;
        for (var y = band.Y + 1; y < band.Bottom - 1; y++)
        {
            var across = 0;
            for (var x = left; x <= right; x++)
            {
                if (Mean3x3(gray, width, x, y) < threshold) across++;
            }
            if (across < 2) continue;
            top = Math.Min(top, y);
            bottom = Math.Max(bottom, y + 1);
        }
        return new PixelRect(left, top, right + 1 - left, bottom - top);
    }

    private static int DarkIn(byte[] gray, int width, PixelRect r, double threshold)
    {
        var count = 0;
        for (var y = r.Y; y < r.Bottom; y++)
        {
            for (var x = r.X; x < r.Right; x++)
            {
                if (Mean3x3(gray, width, x, y) < threshold) count++;
            }
        }
        return count;
    }

    private static int Mean3x3(byte[] gray, int width, int x, int y)
    {
        var sum = 0;
        for (var dy = -1; dy <= 1; dy++)
        {
            var row = (y + dy) * width + x;
            sum += gray[row - 1] + gray[row] + gray[row + 1];
        }
        return sum / 9;
    }
}
