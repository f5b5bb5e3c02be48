using TableRecovery.Core.Imaging;
using TableRecovery.Core.Interop;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Imaging;

public sealed class BinarizerTests
{
    [Fact]
    public void Only_a_page_of_pure_ink_and_paper_is_taken_for_a_bilevel_scan()
    {
        var wrong = new List<string>();
        foreach (var source in Fixtures.Corpus())
        {
            using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
            using var gray = Leptonica.pixConvertTo8(page.Pix);
            if (Binarizer.IsBilevel(gray)) wrong.Add($"{source.Name} ({source.ScanClass}) taken for bilevel");
            // The same page as a bilevel scanner stores it: one bit, cut at the middle gray.
            using var cut = Leptonica.pixThresholdToBinary(gray, 128);
            using var bilevel = Leptonica.pixConvertTo8(cut);
            if (!Binarizer.IsBilevel(bilevel)) wrong.Add($"{source.Name} cut to one bit not taken for bilevel");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Mending_a_bilevel_scan_grows_its_ink_by_one_pixel_and_joins_a_one_pixel_break()
    {
        // A 1 px stroke broken by a 1 px gap, as a light stroke falls apart under a bilevel scanner's cut.
        var pixels = new byte[40 * 20];
        Array.Fill(pixels, (byte)255);
        for (var x = 5; x < 35; x++)
        {
            if (x != 20) pixels[10 * 40 + x] = 0;
        }
        using var stroke = Leptonica.FromGray(pixels, 40, 20);
        using var mended = Binarizer.MendedBilevel(stroke);
        var after = Leptonica.CopyGray(mended);
        var row = Enumerable.Range(5, 30).Select(x => after[10 * 40 + x]).ToList();
        Assert.True(row.All(p => p < 128), $"the break is still open: {string.Join(",", row)}");
        var inkBefore = pixels.Count(p => p < 128);
        var inkAfter = after.Count(p => p < 128);
        Assert.True(inkAfter >= 2 * inkBefore && inkAfter <= 2 * inkBefore + 4, $"ink {inkBefore} px before, {inkAfter} after: not one pixel grown");
    }
}
