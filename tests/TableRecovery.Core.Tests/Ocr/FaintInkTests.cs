using TableRecovery.Core.Grid;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Tests.Ocr;

/// <summary>A number's ink box after binarizing, widened (or not) over what the gray image shows beside it.</summary>
public sealed class FaintInkTests
{
    private const int Width = 140, Height = 70, TextHeight = 24, Paper = 210;
    private static readonly PixelRect Interior = new(4, 4, Width - 8, Height - 8);

    [Fact]
    public void A_sliver_of_a_three_widens_over_the_faint_thirty_five_it_belongs_to()
    {
        var gray = NoisyPaper();
        // 35 printed faint (150 on 210), 14 px wide digits 24 px tall from y 22.
        Fill(gray, 40, 22, 15, 3, 150); Fill(gray, 40, 33, 15, 3, 150); Fill(gray, 40, 44, 15, 3, 150); Fill(gray, 52, 22, 3, 25, 150);
        Fill(gray, 60, 22, 15, 3, 150); Fill(gray, 60, 33, 15, 3, 150); Fill(gray, 60, 44, 15, 3, 150);
        Fill(gray, 60, 22, 3, 14, 150); Fill(gray, 72, 33, 3, 14, 150);
        // All that binarized: a darker 5×17 sliver of the 3's right stroke.
        var sliver = new PixelRect(51, 26, 5, 17);
        Fill(gray, sliver.X, sliver.Y, sliver.Width, sliver.Height, 120);

        var widened = FaintInk.Widen(gray, Width, Height, sliver, Interior, TextHeight);

        Assert.True(widened is { X: <= 41, Right: >= 73, Y: <= 23, Bottom: >= 45 },
            $"the box over 35 (x 40..74, y 22..46) should be found from the sliver {sliver}; got {widened?.ToString() ?? "none"}");
    }

    [Fact]
    public void A_blot_beside_a_whole_zero_does_not_widen_it()
    {
        var gray = NoisyPaper();
        // A 0 printed dark: a 13×25 outline, 3 px thick.
        Fill(gray, 55, 22, 13, 3, 90); Fill(gray, 55, 44, 13, 3, 90); Fill(gray, 55, 22, 3, 25, 90); Fill(gray, 65, 22, 3, 25, 90);
        // A blot of the same tone 6 px to its right, far enough to pass for a digit's reach, too small to be one.
        Fill(gray, 74, 33, 3, 3, 90);
        var zero = new PixelRect(55, 22, 13, 25);

        var widened = FaintInk.Widen(gray, Width, Height, zero, Interior, TextHeight);

        Assert.True(widened is null, $"a 3×3 blot beside the 0 {zero} widened it to {widened}");
    }

    private static byte[] NoisyPaper()
    {
        var random = new Random(11);
        var gray = new byte[Width * Height];
        for (var i = 0; i < gray.Length; i++) gray[i] = (byte)(Paper + random.Next(-6, 7));
        return gray;
    }

    private static void Fill(byte[] gray, int x, int y, int w, int h, byte tone)
    {
        for (var yy = y; yy < y + h; yy++)
        {
            for (var xx = x; xx < x + w; xx++) gray[yy * Width + xx] = tone;
        }
    }
}
