using TableRecovery.Core.Interop;
using TableRecovery.Core.Results;

namespace TableRecovery.Core.Imaging;

/// <summary>
/// Decodes PNG, JPEG, TIFF (every page), BMP, WebP and GIF after checking the header against a pixel
/// budget, so a decompression bomb is refused before any pixel is allocated.
/// </summary>
public sealed class ImageDecoder(long maxPixels)
{
    public long MaxPixels { get; } = maxPixels;

    public IReadOnlyList<DecodedPage> Decode(string name, ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            throw new ImageDecodeException(ErrorCodes.EmptyFile, "The file is empty (0 bytes).");
        }
        var format = ImageSignature.Detect(data);
        if (format == ImageFormat.Unknown)
        {
            throw new ImageDecodeException(ErrorCodes.UnsupportedFormat,
                "The file is not an image of a supported format (PNG, JPEG, TIFF, BMP, WebP, GIF); its first bytes match none of them.");
        }
        if (!Leptonica.pixReadHeaderMem(data, out _, out var width, out var height, out _, out _))
        {
            throw new ImageDecodeException(ErrorCodes.CorruptImage, $"The {format} header cannot be read: the file is damaged or truncated.");
        }
        if (width <= 0 || height <= 0)
        {
            throw new ImageDecodeException(ErrorCodes.CorruptImage, $"The {format} header gives an empty size ({width}x{height}).");
        }
        if ((long)width * height > MaxPixels)
        {
            throw new ImageDecodeException(ErrorCodes.ImageTooLarge,
                $"The image claims {width}x{height} = {(long)width * height:N0} pixels, over the limit of {MaxPixels:N0}; it was not decoded.");
        }
        if (format == ImageFormat.Jpeg && !EndsWithJpegEndMarker(data))
        {
            // libjpeg decodes a truncated file "successfully" and fills the rest with gray.
            throw new ImageDecodeException(ErrorCodes.CorruptImage, "The JPEG is truncated (no end-of-image marker).");
        }
        if (format == ImageFormat.Png && data[Math.Max(0, data.Length - 32)..].IndexOf(PngEnd) < 0)
        {
            throw new ImageDecodeException(ErrorCodes.CorruptImage, "The PNG is truncated (no IEND chunk).");
        }
        return format == ImageFormat.Tiff ? DecodeTiff(name, data) : [DecodeSingle(name, data, format)];
    }

    private static ReadOnlySpan<byte> PngEnd => [(byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];

    private static bool EndsWithJpegEndMarker(ReadOnlySpan<byte> data)
    {
        // Some writers pad after EOI; look at the tail only.
        var tail = data[Math.Max(0, data.Length - 64)..];
        return tail.IndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) >= 0;
    }

    private static DecodedPage DecodeSingle(string name, ReadOnlySpan<byte> data, ImageFormat format)
    {
        try
        {
            return new DecodedPage(name, Leptonica.pixReadMem(data));
        }
        catch (NativeException)
        {
            throw new ImageDecodeException(ErrorCodes.CorruptImage, $"The {format} data cannot be decoded: the file is damaged or truncated.");
        }
    }

    private IReadOnlyList<DecodedPage> DecodeTiff(string name, ReadOnlySpan<byte> data)
    {
        PixaHandle pixa;
        try
        {
            pixa = Leptonica.pixaReadMemMultipageTiff(data);
        }
        catch (NativeException)
        {
            throw new ImageDecodeException(ErrorCodes.CorruptImage, "The TIFF data cannot be decoded: the file is damaged or truncated.");
        }
        using (pixa)
        {
            var count = Leptonica.pixaGetCount(pixa);
            if (count == 0)
            {
                throw new ImageDecodeException(ErrorCodes.CorruptImage, "The TIFF holds no page.");
            }
            var pages = new List<DecodedPage>(count);
            long total = 0;
            for (var i = 0; i < count; i++)
            {
                var pix = Leptonica.pixaGetPix(pixa, i);
                var page = new DecodedPage(count == 1 ? name : $"page-{i + 1}", pix);
                total += (long)page.Width * page.Height;
                pages.Add(page);
                if (total > MaxPixels)
                {
                    foreach (var p in pages) p.Dispose();
                    throw new ImageDecodeException(ErrorCodes.ImageTooLarge, $"The TIFF's pages hold more than {MaxPixels:N0} pixels together.");
                }
            }
            return pages;
        }
    }
}
