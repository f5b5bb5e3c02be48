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

    /// <summary>Typical glyph height in pixels after scaling.</summary>
    public double TextHeight { get; } = textHeight;

    public int Width => Leptonica.pixGetWidth(Gray);
    public int Height => Leptonica.pixGetHeight(Gray);

    public void Dispose()
    {
        Gray.Dispose();
        Binary.Dispose();
    }
}
