using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Imaging;

/// <summary>One decoded picture and the name it goes by (a page of a multi-page TIFF counts as one, named page-N).</summary>
public sealed class DecodedPage(string name, PixHandle pix) : IDisposable
{
    public string Name { get; } = name;
    public PixHandle Pix { get; } = pix;
    public int Width => Leptonica.pixGetWidth(Pix);
    public int Height => Leptonica.pixGetHeight(Pix);
    public void Dispose() => Pix.Dispose();
}
