using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Imaging;

/// <summary>
/// Turns a decoded page upright by the given quarter turns, undoes its skew (up to ±<see cref="MaxSkewDegrees"/>),
/// scales it so glyphs are about <see cref="TargetTextHeight"/> px tall, and binarizes it.
/// </summary>
public sealed class PageNormalizer
{
    /// <summary>Tesseract's LSTM reads best at 20–30 px digits; Chinese glyphs run a little taller.</summary>
    public const double TargetTextHeight = 30;

    public const float MaxSkewDegrees = 6;

    private const double MinScale = 0.35, MaxScale = 4.0;

    /// <param name="scaleFactor">Scales the page this much past the size its text height asks for: a second look.</param>
    /// <param name="sharpen">Sharpens a page enlarged past <see cref="SharpenedFromScale"/> after scaling it.</param>
    public NormalizedImage Normalize(DecodedPage page, int quarterTurns, double scaleFactor = 1, bool sharpen = false)
    {
        using var decoded = Leptonica.pixConvertTo8(page.Pix);
        // A bilevel scan's broken strokes are mended before anything measures the page.
        using var mended = Binarizer.IsBilevel(decoded) ? Binarizer.MendedBilevel(decoded) : null;
        var gray0 = mended ?? decoded;
        using var turned = quarterTurns % 4 == 0 ? Leptonica.pixConvertTo8(gray0) : Leptonica.pixRotateOrth(gray0, quarterTurns % 4);
        double textHeight;
        float skew;
        using (var coarse = Binarizer.Binarize(turned, 15))
        {
            textHeight = TextHeightEstimator.Estimate(coarse, mended is not null) ?? TargetTextHeight;
            skew = FindSkew(coarse);
        }

        var scale = Math.Clamp(TargetTextHeight / textHeight * scaleFactor, MinScale, MaxScale);
        var rescale = Math.Abs(scale - 1) > 0.12;
        if (!rescale)
        {
            scale = 1;
        }
        var border = Math.Abs(skew) >= 0.05f ? BorderFor(turned, skew) : 0;
        var transform = new ImageTransform(page.Width, page.Height, quarterTurns % 4, border, skew, scale);
        sharpen &= scale >= SharpenedFromScale;
        var gray = Deskewed(turned, transform, sharpen);
        var binary = Binarizer.Binarize(gray, (int)(TargetTextHeight * 0.8));
        if (PageDewarper.Measure(binary, textHeight * scale) is { } warp)
        {
            var straight = PageDewarper.Straighten(gray, warp);
            gray.Dispose();
            binary.Dispose();
            gray = straight;
            binary = Binarizer.Binarize(gray, (int)(TargetTextHeight * 0.8));
            transform = transform with { Warp = warp };
        }
        var normalized = new NormalizedImage(gray, binary, transform, textHeight * scale) { FromBilevelScan = mended is not null };
        if (mended is null)
        {
            normalized.SmoothInkFrom(Leptonica.pixConvertTo8(turned), source => SmoothedInk(source, transform, sharpen));
        }
        return normalized;
    }

    /// <summary>The upright page padded, scaled and deskewed as <paramref name="transform"/> says (not straightened).</summary>
    private static PixHandle Deskewed(PixHandle upright, ImageTransform transform, bool sharpen)
    {
        var deskew = transform.Border > 0;
        using var padded = deskew ? AddWhiteBorder(upright, transform.Border) : Leptonica.pixConvertTo8(upright);
        // Scaled before it is turned: the rotation smooths what it moves by a fraction of a pixel, and at the larger
        // scale that smoothing is a fraction of a stroke; turned first, a thin faint stroke (a minus, a serif label)
        // loses its contrast, and the scaling then spreads the loss.
        using var scaled = transform.Scale != 1 ? Scaled(padded, transform.Scale, sharpen) : Leptonica.pixConvertTo8(padded);
        return deskew ? Leptonica.pixRotate(scaled, (float)(transform.SkewDegrees * Math.PI / 180)) : Leptonica.pixConvertTo8(scaled);
    }

    /// <summary>
    /// Leptonica sharpens what it scales by less than this (by 0.7–1.4) and only interpolates past it, so a page enlarged
    /// three or four times (a picture of a table a few hundred pixels wide) comes out as blurred as its print was small.
    /// </summary>
    public const double SharpenedFromScale = 1.4;

    /// <summary>The share of a stroke's difference from its surroundings added back by sharpening.</summary>
    private const float SharpenedFraction = 1.0f;

    private static PixHandle Scaled(PixHandle gray, double scale, bool sharpen)
    {
        var scaled = Leptonica.pixScale(gray, (float)scale, (float)scale);
        if (!sharpen) return scaled;
        using (scaled)
        {
            // The blur to undo spans about one source pixel: as many pixels of the enlarged page as it was enlarged.
            return Leptonica.pixUnsharpMaskingGray(scaled, Math.Max(1, (int)Math.Round(scale)), SharpenedFraction);
        }
    }

    /// <summary>The page median-filtered (3 × 3), then made as <paramref name="transform"/> says and binarized.</summary>
    private static PixHandle SmoothedInk(PixHandle upright, ImageTransform transform, bool sharpen)
    {
        using var median = Leptonica.pixMedianFilter(upright, 3, 3);
        using var deskewed = Deskewed(median, transform, sharpen);
        using var straight = transform.Warp is { } warp ? PageDewarper.Straighten(deskewed, warp) : Leptonica.pixConvertTo8(deskewed);
        return Binarizer.Binarize(straight, (int)(TargetTextHeight * 0.8));
    }

    /// <summary>White padding wide enough that the rotation does not clip a table that fills the picture.</summary>
    private static int BorderFor(PixHandle image, float skew)
    {
        var size = Math.Max(Leptonica.pixGetWidth(image), Leptonica.pixGetHeight(image));
        return (int)Math.Ceiling(size * Math.Sin(Math.Abs(skew) * Math.PI / 180) / 2) + 4;
    }

    /// <summary>
    /// The sweep reaches past the angles taken: its coarse steps, on a page reduced four times, can put the best angle of
    /// a page skewed 5° at 6°, and Leptonica gives no confidence to a best angle at the edge of its sweep (a blurred
    /// sideways page skewed -4.9° read 0 turned one way, -5.0° the other).
    /// </summary>
    private const float SweepMarginDegrees = 2;

    private static float FindSkew(PixHandle binary)
    {
        if (!Leptonica.pixFindSkew(binary, MaxSkewDegrees + SweepMarginDegrees, out var degrees, out var confidence) || confidence < 1.5f)
        {
            return 0;
        }
        return Math.Abs(degrees) <= MaxSkewDegrees ? degrees : 0;
    }

    private static PixHandle AddWhiteBorder(PixHandle gray, int border)
    {
        int w = Leptonica.pixGetWidth(gray), h = Leptonica.pixGetHeight(gray);
        var src = Leptonica.CopyGray(gray);
        int bw = w + 2 * border, bh = h + 2 * border;
        var dst = new byte[bw * bh];
        dst.AsSpan().Fill(255);
        for (var y = 0; y < h; y++)
        {
            src.AsSpan(y * w, w).CopyTo(dst.AsSpan((y + border) * bw + border, w));
        }
        return Leptonica.FromGray(dst, bw, bh);
    }
}
