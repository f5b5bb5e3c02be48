using TableRecovery.Core.Imaging;
using TableRecovery.Core.Interop;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Imaging;

/// <summary>The committed sample is PNG and JPEG; the other formats scanners and reports use are made from it here.</summary>
[Collection(NativeCollection.Name)]
public sealed class ImageDecoderFormatTests
{
    // Leptonica's IFF_* codes (imageio.h).
    private const int Bmp = 1, Tiff = 4, TiffG4 = 8, TiffLzw = 9, Gif = 13, WebP = 15;

    [Theory]
    [InlineData(Bmp, "bmp")]
    [InlineData(Tiff, "tif")]
    [InlineData(TiffLzw, "tif")]
    [InlineData(WebP, "webp")]
    [InlineData(Gif, "gif")]
    public void A_table_image_decodes_the_same_from_every_accepted_format(int format, string extension)
    {
        var source = Fixtures.CorpusWhere(c => c.ScanClass == "clean" && !c.IsPage);
        using var original = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var gray = Leptonica.pixConvertTo8(original.Pix);
        var encoded = Leptonica.pixWriteMem(gray, format);

        var pages = new ImageDecoder(100_000_000).Decode($"x.{extension}", encoded);
        try
        {
            Assert.True(pages.Count == 1, $"{extension} (IFF {format}): {pages.Count} pages decoded, expected 1");
            Assert.True(pages[0].Width == original.Width && pages[0].Height == original.Height,
                $"{extension}: decoded {pages[0].Width}x{pages[0].Height}, expected {original.Width}x{original.Height}");
        }
        finally
        {
            foreach (var page in pages) page.Dispose();
        }
    }

    [Fact]
    public void A_one_bit_fax_tiff_decodes_too()
    {
        var source = Fixtures.CorpusWhere(c => c.ScanClass == "clean" && !c.IsPage);
        using var original = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var gray = Leptonica.pixConvertTo8(original.Pix);
        using var binary = Leptonica.pixThresholdToBinary(gray, 160);
        var pages = new ImageDecoder(100_000_000).Decode("fax.tif", Leptonica.pixWriteMem(binary, TiffG4));
        try
        {
            Assert.True(pages.Count == 1 && pages[0].Width == original.Width,
                $"G4 TIFF: {pages.Count} pages, width {pages.FirstOrDefault()?.Width}, expected 1 page of width {original.Width}");
        }
        finally
        {
            foreach (var page in pages) page.Dispose();
        }
    }
}
