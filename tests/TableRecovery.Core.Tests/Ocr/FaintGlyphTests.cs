using TableRecovery.Core.Grid;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Tests.Ocr;

/// <summary>A lone stroke on noisy paper, drawn in gray: a printed dash, or what binarizing left of a faint 7 or 2.</summary>
public sealed class FaintGlyphTests
{
    private const int Width = 120, Height = 80, TextHeight = 30, Paper = 210, Faint = 160;
    private static readonly PixelRect Interior = new(4, 4, Width - 8, Height - 8);

    [Fact]
    public void A_printed_dash_has_paper_above_and_below_it()
    {
        var (gray, stroke) = Stroke(y: 38);
        Assert.False(FaintGlyph.Above(gray, Width, Height, stroke, Interior, TextHeight), "ink found above a dash");
        Assert.False(FaintGlyph.Below(gray, Width, Height, stroke, Interior, TextHeight), "ink found below a dash");
    }

    [Fact]
    public void The_bar_of_a_seven_whose_faint_stem_did_not_binarize_has_a_glyph_below_it()
    {
        var (gray, stroke) = Stroke(y: 24);
        // The 7's stem: a faint diagonal from the bar's right end down to the line's foot.
        for (var y = 28; y < 54; y++)
        {
            var x = 68 - (y - 28) / 2;
            for (var dx = 0; dx < 3; dx++) gray[y * Width + x + dx] = Faint;
        }
        Assert.True(FaintGlyph.Below(gray, Width, Height, stroke, Interior, TextHeight), "the 7's faint stem below its bar was not seen");
        Assert.False(FaintGlyph.Above(gray, Width, Height, stroke, Interior, TextHeight), "ink found above the 7's bar");
    }

    /// <summary>Paper with light noise and a dark flat stroke 16×4 px at <paramref name="y"/>.</summary>
    private static (byte[] Gray, PixelRect Stroke) Stroke(int y)
    {
        var random = new Random(7);
        var gray = new byte[Width * Height];
        for (var i = 0; i < gray.Length; i++) gray[i] = (byte)(Paper + random.Next(-6, 7));
        var stroke = new PixelRect(52, y, 16, 4);
        for (var sy = stroke.Y; sy < stroke.Bottom; sy++)
        {
            for (var sx = stroke.X; sx < stroke.Right; sx++) gray[sy * Width + sx] = 60;
        }
        return (gray, stroke);
    }
}
