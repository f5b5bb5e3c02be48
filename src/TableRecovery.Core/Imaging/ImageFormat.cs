namespace TableRecovery.Core.Imaging;

public enum ImageFormat
{
    Unknown,
    Png,
    Jpeg,
    Tiff,
    Bmp,
    WebP,
    Gif,
}

/// <summary>Recognizes an image by its leading bytes: extensions lie, signatures do not.</summary>
public static class ImageSignature
{
    public static ImageFormat Detect(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A])) return ImageFormat.Png;
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return ImageFormat.Jpeg;
        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8)) return ImageFormat.Tiff;
        if (data.StartsWith("BM"u8) && data.Length > 26) return ImageFormat.Bmp;
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8)) return ImageFormat.WebP;
        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8)) return ImageFormat.Gif;
        return ImageFormat.Unknown;
    }
}
