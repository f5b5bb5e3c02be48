using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Imaging;

/// <summary>
/// A picture made ready for reading: upright, deskewed, scaled so text is ~28 px tall, as 8 bpp gray and
/// as 1 bpp ink, with the transform back to the source.
/// </summary>
public sealed class NormalizedImage(PixHandle gray, PixHandle binary, ImageTransform transform, double textHeight) : IDisposable
{
    public PixHandle Gray { get; } = gray;
    public PixHandle Binary { get; } = binary;
    public ImageTransform Transform { get; } = transform;

    /// <summary>
    /// The source was a bilevel scan (mended before normalizing): its gray holds no tones but the scaling's, so what
    /// speckles a gray scan's light rules never happens to it; its rules break into dashes instead.
    /// </summary>
    public bool FromBilevelScan { get; init; }

    /// <summary>Typical glyph height in pixels after scaling.</summary>
    public double TextHeight { get; } = textHeight;

    public int Width => Leptonica.pixGetWidth(Gray);
    public int Height => Leptonica.pixGetHeight(Gray);

    private Func<PixHandle, PixHandle>? _smoothInk;
    private PixHandle? _smoothedSource;
    private PixHandle? _smoothedInk;

    /// <summary>
    /// The ink of the page median-filtered at its own scale before it was normalized, made on first use; null for a
    /// bilevel page. A 3 × 3 median takes out specks of pepper noise a pixel or two wide, which normalized and
    /// binarized become blots a third of a text height across that read as digits in cells printed blank. It also
    /// erases strokes a pixel wide (thin rules, the faint strokes of a light font), so it is only asked whether small ink
    /// was specks.
    /// </summary>
    public PixHandle? SmoothedInk
    {
        get
        {
            if (_smoothedInk is null && _smoothInk is { } smooth && _smoothedSource is { } source)
            {
                _smoothedInk = smooth(source);
            }
            return _smoothedInk;
        }
    }

    /// <param name="source">The page before normalizing, upright; owned from here on.</param>
    /// <param name="smoothInk">Normalizes and binarizes the median-filtered source as this image was.</param>
    internal void SmoothInkFrom(PixHandle source, Func<PixHandle, PixHandle> smoothInk)
    {
        _smoothedSource = source;
        _smoothInk = smoothInk;
    }

    public void Dispose()
    {
        Gray.Dispose();
        Binary.Dispose();
        _smoothedSource?.Dispose();
        _smoothedInk?.Dispose();
    }
}
