using TableRecovery.Core.Grid;
using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Ocr;

/// <summary>
/// Cuts the printed text of cells out of the normalized gray image and pads it with white, alone or
/// stacked into one column strip; Tesseract reads badly when glyphs touch the image edge.
/// </summary>
public sealed class CropMaker(byte[] gray, int width, int height)
{
    public static CropMaker For(PixHandle gray8) =>
        new(Leptonica.CopyGray(gray8), Leptonica.pixGetWidth(gray8), Leptonica.pixGetHeight(gray8));

    /// <summary>The white margin put around a crop of text this tall.</summary>
    public static int PadFor(double textHeight) => (int)Math.Max(6, textHeight * 0.4);

    internal byte[] GrayPixels => gray;

    public int Width => width;
    public int Height => height;

    /// <summary>The region, clipped to the image, with <paramref name="pad"/> white pixels around it.</summary>
    public PixHandle Padded(PixelRect region, int pad) => Leptonica.FromGray(PaddedPixels(region, pad, out var w, out var h), w, h);

    /// <summary>
    /// The region with its paper made white, padded white. A shaded header (gray paper) padded with white has
    /// three tones, and the engine's own threshold then falls between the shade and the white: the whole header
    /// turns black and reads as nothing (复议后起诉 on a #C8 shade read "", whitened read right).
    /// </summary>
    public PixHandle PaddedOnWhitePaper(PixelRect region, int pad)
    {
        var pixels = PaddedPixels(region, pad, out var w, out var h);
        var paper = PaperTone(region.Intersect(new PixelRect(0, 0, width, height)));
        if (paper is > PaperNoise * 4 and < ShadedPaper)
        {
            for (var i = 0; i < pixels.Length; i++)
            {
                // A little past the paper's tone, so its noise turns white too.
                pixels[i] = (byte)Math.Min(255, pixels[i] * 255 / (paper - PaperNoise));
            }
        }
        return Leptonica.FromGray(pixels, w, h);
    }

    /// <summary>
    /// The region padded white, with only what lies in the <paramref name="keep"/> boxes left of it (each widened a pixel,
    /// for the blur at a stroke's edge): the specks of a peppered cell around a label's strokes are gone.
    /// </summary>
    public PixHandle PaddedKeeping(PixelRect region, IReadOnlyList<PixelRect> keep, int pad)
    {
        var pixels = PaddedPixels(region, pad, out var w, out var h);
        var r = region.Intersect(new PixelRect(0, 0, width, height));
        var kept = new bool[w * h];
        foreach (var box in keep)
        {
            var inside = box.Inflate(1, 1).Intersect(r);
            for (var y = inside.Y; y < inside.Bottom; y++)
            {
                kept.AsSpan((y - r.Y + pad) * w + inside.X - r.X + pad, inside.Width).Fill(true);
            }
        }
        for (var i = 0; i < pixels.Length; i++)
        {
            if (!kept[i]) pixels[i] = 255;
        }
        return Leptonica.FromGray(pixels, w, h);
    }

    /// <summary>Paper lighter than this is white enough: its labels read as they are.</summary>
    private const int ShadedPaper = 235;

    /// <summary>How far noise scatters the paper's tone: the paper is whitened from this much below its tone.</summary>
    private const int PaperNoise = 8;

    /// <summary>
    /// The region's paper: its most common tone (over a window of five tones, against noise) on the light side of the
    /// region's Otsu split. A high percentile lands on the noise above the shade, leaving the shade light gray, which
    /// still reads as nothing. Over the whole region, the mode can be the ink: on a noisy scan the paper's tones spread
    /// over thirty values and a dense label's strokes (规章, 行政强制: most of a tight ink box) pile higher on a few, so
    /// the "paper" came out dark, whitening made the strokes white, and chi_sim read 和计 and 计生.
    /// </summary>
    private int PaperTone(PixelRect r)
    {
        if (r.Width <= 0 || r.Height <= 0) return 255;
        var histogram = Histogram(gray, width, r);
        int best = 255, bestCount = -1;
        for (var v = Math.Max(2, OtsuThreshold(histogram)); v < 254; v++)
        {
            var count = histogram[v - 2] + histogram[v - 1] + histogram[v] + histogram[v + 1] + histogram[v + 2];
            if (count > bestCount)
            {
                (best, bestCount) = (v, count);
            }
        }
        return best;
    }

    /// <summary>The tone that best splits the histogram into two classes (Otsu): tones above it are the light class.</summary>
    private static int OtsuThreshold(int[] histogram)
    {
        long total = 0, weighted = 0;
        for (var v = 0; v < histogram.Length; v++)
        {
            total += histogram[v];
            weighted += (long)v * histogram[v];
        }
        if (total == 0) return 0;
        long below = 0, belowWeighted = 0;
        double bestSpread = -1;
        var threshold = 0;
        for (var v = 0; v < histogram.Length - 1; v++)
        {
            below += histogram[v];
            belowWeighted += (long)v * histogram[v];
            var above = total - below;
            if (below == 0 || above == 0) continue;
            var meanBelow = (double)belowWeighted / below;
            var meanAbove = (double)(weighted - belowWeighted) / above;
            var spread = (double)below * above * (meanBelow - meanAbove) * (meanBelow - meanAbove);
            if (spread > bestSpread)
            {
                (bestSpread, threshold) = (spread, v + 1);
            }
        }
        return threshold;
    }

    /// <summary>Several regions stacked top to bottom with white gaps; returns each one's y range in the strip.</summary>
    /// <param name="fullContrast">Each region thresholded on its own, as in <see cref="PaddedFullContrast"/>.</param>
    public PixHandle Stacked(IReadOnlyList<PixelRect> regions, int pad, int gap, out IReadOnlyList<Interval> rows, bool fullContrast = false)
    {
        var pieces = regions.Select(r =>
        {
            var pixels = PaddedPixels(r, pad, out var w, out var h);
            return (Pixels: fullContrast ? FullContrast(pixels, r) : pixels, W: w, H: h);
        }).ToList();
        var stripWidth = pieces.Max(p => p.W);
        var stripHeight = pieces.Sum(p => p.H) + gap * (pieces.Count - 1);
        var strip = new byte[stripWidth * stripHeight];
        strip.AsSpan().Fill(255);
        var spans = new List<Interval>(pieces.Count);
        var y = 0;
        foreach (var (pixels, w, h) in pieces)
        {
            for (var row = 0; row < h; row++)
            {
                pixels.AsSpan(row * w, w).CopyTo(strip.AsSpan((y + row) * stripWidth, w));
            }
            spans.Add(new Interval(y, y + h));
            y += h + gap;
        }
        rows = spans;
        return Leptonica.FromGray(strip, stripWidth, stripHeight);
    }

    /// <summary>The table's digits as its sure numbers print them (see <see cref="Ocr.DigitTemplates"/>).</summary>
    public DigitTemplates DigitTemplates(IEnumerable<(PixelRect Ink, string Digits)> sure) => Ocr.DigitTemplates.Learn(gray, width, height, sure);

    /// <summary>The ink box widened over faint glyphs binarizing lost beside it (see <see cref="FaintInk"/>).</summary>
    public PixelRect? FaintInkAround(PixelRect ink, PixelRect interior, double textHeight) => FaintInk.Widen(gray, width, height, ink, interior, textHeight);

    /// <summary>Where a glyph's faint ink lies beside a lone flat stroke, judged in gray (see <see cref="FaintGlyph"/>).</summary>
    public GlyphSide? FaintGlyphBeside(PixelRect stroke, PixelRect interior, double textHeight) => FaintGlyph.Side(gray, width, height, stroke, interior, textHeight);

    /// <summary>A minus sign left of the number's ink, judged in gray (see <see cref="FaintMinus"/>).</summary>
    public bool MinusBefore(PixelRect ink, PixelRect interior, double textHeight) => FaintMinus.Before(gray, width, height, ink, interior, textHeight);

    /// <summary>A minus sign left of the number's ink, alone or among other ink (see <see cref="FaintMinus.Look"/>).</summary>
    public MinusSighting LookForMinus(PixelRect ink, PixelRect interior, double textHeight) => FaintMinus.Look(gray, width, height, ink, interior, textHeight);

    /// <summary>The shape (loops, slant) of the largest glyph in the region.</summary>
    public GlyphShape? Shape(PixelRect region, double inkShare = GlyphShape.InkShare, bool closeGaps = false) =>
        GlyphShape.Measure(gray, width, height, region, inkShare, closeGaps);

    /// <summary>
    /// The region thresholded halfway between its darkest and lightest pixel, padded white. The line model reads
    /// from gray values, so a faint low-contrast glyph (a small 0 upscaled into a soft blob) can read as nothing
    /// at all; at full contrast it reads.
    /// </summary>
    public PixHandle PaddedFullContrast(PixelRect region, int pad) =>
        Leptonica.FromGray(FullContrast(PaddedPixels(region, pad, out var w, out var h), region), w, h);

    private byte[] FullContrast(byte[] pixels, PixelRect region)
    {
        var (darkest, lightest) = ToneRange(gray, width, region.Intersect(new PixelRect(0, 0, width, height)));
        var threshold = (darkest + lightest) / 2;
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = pixels[i] < threshold ? (byte)0 : (byte)255;
        }
        return pixels;
    }

    private byte[] PaddedPixels(PixelRect region, int pad, out int w, out int h)
    {
        var r = region.Intersect(new PixelRect(0, 0, width, height));
        w = Math.Max(1, r.Width) + 2 * pad;
        h = Math.Max(1, r.Height) + 2 * pad;
        var result = new byte[w * h];
        result.AsSpan().Fill(255);
        for (var y = 0; y < r.Height; y++)
        {
            gray.AsSpan((r.Y + y) * width + r.X, r.Width).CopyTo(result.AsSpan((y + pad) * w + pad, r.Width));
        }
        return result;
    }

    /// <summary>How many pixels of each gray value lie inside <paramref name="r"/> (already clipped to the image).</summary>
    internal static int[] Histogram(byte[] gray, int width, PixelRect r)
    {
        var histogram = new int[256];
        for (var y = 0; y < r.Height; y++)
        {
            foreach (var v in gray.AsSpan((r.Y + y) * width + r.X, r.Width)) histogram[v]++;
        }
        return histogram;
    }

    /// <summary>The darkest and lightest gray value inside <paramref name="r"/> (already clipped to the image).</summary>
    internal static (byte Darkest, byte Lightest) ToneRange(byte[] gray, int width, PixelRect r)
    {
        byte darkest = 255, lightest = 0;
        for (var y = 0; y < r.Height; y++)
        {
            foreach (var v in gray.AsSpan((r.Y + y) * width + r.X, r.Width))
            {
                if (v < darkest) darkest = v;
                if (v > lightest) lightest = v;
            }
        }
        return (darkest, lightest);
    }
}
