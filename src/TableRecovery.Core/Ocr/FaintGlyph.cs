using TableRecovery.Core.Grid;

namespace TableRecovery.Core.Ocr;

/// <summary>
/// A glyph's faint ink looked for in the gray image above or below a lone flat stroke. On a hard scan a faint 2 can binarize
/// into its base stroke alone, a faint thin 7 into its top bar: the ink then looks like a printed dash, the engine reads
/// the crop as "-", and the two agree on a zero (warp60 0055: a 2 of 行政强制 passed as 0, ok; bench150 0148 read at 0.8
/// times its size: a 7 passed as 0). A dash printed for zero has only paper above and below it.
/// </summary>
public static class FaintGlyph
{
    /// <summary>How far above (below) the stroke a glyph's ink reaches, in text heights (the stroke's own row excluded).</summary>
    private const double Reach = 0.8;

    /// <summary>Pixels darker than this share of the way from the paper to the stroke's darkest tone count as ink.</summary>
    private const double DarkShare = 0.3;

    /// <summary>Below this contrast between paper and stroke nothing is judged.</summary>
    private const int MinContrast = 40;

    /// <summary>A glyph covers at least this share of the band above the stroke.</summary>
    private const double MinCover = 0.04;

    /// <summary>And several times what the same band holds elsewhere in the cell, so that noise all over is no glyph.</summary>
    private const double OverNoise = 3;

    /// <param name="stroke">The lone flat stroke's ink box.</param>
    /// <param name="interior">The cell inside its rules: the noise of the paper is measured there, away from the stroke.</param>
    public static bool Above(byte[] gray, int width, int height, PixelRect stroke, PixelRect interior, double t) =>
        Beside(gray, width, height, stroke, interior, t, above: true);

    /// <inheritdoc cref="Above"/>
    public static bool Below(byte[] gray, int width, int height, PixelRect stroke, PixelRect interior, double t) =>
        Beside(gray, width, height, stroke, interior, t, above: false);

    /// <summary>Where a faint glyph's ink lies beside the stroke: above it (a 2's base), below it (a 7's bar), or nowhere.</summary>
    public static GlyphSide? Side(byte[] gray, int width, int height, PixelRect stroke, PixelRect interior, double t) =>
        Above(gray, width, height, stroke, interior, t) ? GlyphSide.Above
        : Below(gray, width, height, stroke, interior, t) ? GlyphSide.Below
        : null;

    /// <summary>The stroke with a text height beside it on the glyph's side, inside the cell: what to show the engine.</summary>
    public static PixelRect Region(PixelRect stroke, PixelRect interior, double t, GlyphSide side)
    {
        var margin = (int)Math.Ceiling(t * 0.3);
        var top = side == GlyphSide.Above ? Math.Max(interior.Y, stroke.Y - (int)Math.Ceiling(t)) : stroke.Y - 2;
        var bottom = side == GlyphSide.Above ? stroke.Bottom + 2 : Math.Min(interior.Bottom, stroke.Bottom + (int)Math.Ceiling(t));
        return new PixelRect(stroke.X - margin, top, stroke.Width + 2 * margin, bottom - top).Intersect(interior);
    }

    private static bool Beside(byte[] gray, int width, int height, PixelRect stroke, PixelRect interior, double t, bool above)
    {
        var page = new PixelRect(0, 0, width, height);
        var inside = interior.Intersect(page);
        var own = stroke.Intersect(page);
        if (own.Width <= 0 || own.Height <= 0 || inside.Width <= 0 || inside.Height <= 0) return false;
        var (darkest, _) = CropMaker.ToneRange(gray, width, own);
        var paper = FaintMinus.Percentile(gray, width, inside, 0.75);
        if (paper - darkest < MinContrast) return false;
        var threshold = paper - (paper - darkest) * DarkShare;
        var margin = (int)Math.Ceiling(t * 0.2);
        var top = above ? Math.Max(inside.Y, stroke.Y - (int)Math.Ceiling(t * Reach)) : stroke.Bottom + (int)Math.Ceiling(t * 0.1);
        var bottom = above ? stroke.Y - (int)Math.Ceiling(t * 0.1) : Math.Min(inside.Bottom, stroke.Bottom + (int)Math.Ceiling(t * Reach));
        var band = new PixelRect(stroke.X - margin, top, stroke.Width + 2 * margin, bottom - top).Intersect(inside);
        if (band.Width <= 0 || band.Height < t * 0.3) return false;
        var beside = Dark(gray, width, band, threshold);
        // The same band elsewhere in the cell, left of the stroke where there is room, else right of it.
        var shift = band.X - inside.X >= band.Width + margin ? -(band.Width + margin) : band.Width + margin;
        var elsewhere = new PixelRect(band.X + shift, band.Y, band.Width, band.Height).Intersect(inside);
        var noise = elsewhere.Width > 0 ? Dark(gray, width, elsewhere, threshold) * (double)(band.Width * band.Height) / (elsewhere.Width * elsewhere.Height) : 0;
        return beside >= band.Width * band.Height * MinCover && beside >= noise * OverNoise;
    }

    private static int Dark(byte[] gray, int width, PixelRect r, double threshold)
    {
        var count = 0;
        for (var y = r.Y; y < r.Y + r.Height; y++)
        {
            foreach (var v in gray.AsSpan(y * width + r.X, r.Width))
            {
                if (v < threshold) count++;
            }
        }
        return count;
    }
}

/// <summary>Which side of a lone stroke a faint glyph's ink lies on.</summary>
public enum GlyphSide
{
    Above,
    Below,
}
