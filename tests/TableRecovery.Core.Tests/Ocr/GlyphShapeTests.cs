using TableRecovery.Core.Grid;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Tests.Ocr;

/// <summary>Small digits drawn in gray as a scan scaled up shows them: a zero's ring, a six's bowl under an open hook.</summary>
public sealed class GlyphShapeTests
{
    private const int Width = 40, Height = 50, Paper = 215, Ink = 70;
    private static readonly PixelRect Glyph = new(6, 6, 28, 38);

    [Fact]
    public void A_zero_whose_outline_a_grain_of_salt_broke_is_one_loop_once_the_gap_is_closed()
    {
        var gray = Ring(gapFrom: 84, gapTo: 94);
        var asCut = GlyphShape.Measure(gray, Width, Height, Glyph, GlyphShape.BlurredInkShare);
        var closed = GlyphShape.Measure(gray, Width, Height, Glyph, GlyphShape.BlurredInkShare, closeGaps: true);
        Assert.False(asCut is { IsZero: true }, $"the broken ring measured as a zero before closing: loops {Describe(asCut)}");
        Assert.True(closed is { IsZero: true }, $"the closed ring is no zero: loops {Describe(closed)}");
    }

    [Fact]
    public void A_six_stays_open_at_its_hook_when_gaps_are_closed()
    {
        // The bowl: a ring over the lower 60 % of the glyph; the hook: the left side going up, open to the right.
        var gray = NoisyPaper();
        DrawRing(gray, cx: 20, cy: 31, rx: 10, ry: 10, gapFrom: -1, gapTo: -1);
        for (var y = 8; y < 31; y++)
        {
            for (var x = 10; x < 13; x++) gray[y * Width + x] = Ink;
        }
        for (var x = 12; x < 24; x++)
        {
            for (var y = 8; y < 11; y++) gray[y * Width + x] = Ink;
        }
        var closed = GlyphShape.Measure(gray, Width, Height, Glyph, GlyphShape.BlurredInkShare, closeGaps: true);
        Assert.False(closed is { IsZero: true }, $"a six measured as a zero: loops {Describe(closed)}");
    }

    [Fact]
    public void A_one_with_a_flag_and_a_foot_is_upright_and_a_four_is_not()
    {
        var one = NoisyPaper();
        Fill(one, x: 19, y: 8, w: 3, h: 34);   // stem
        Fill(one, x: 14, y: 8, w: 5, h: 3);    // flag
        Fill(one, x: 13, y: 40, w: 15, h: 3);  // foot
        var four = NoisyPaper();
        Fill(four, x: 22, y: 8, w: 3, h: 34);  // stem
        Fill(four, x: 10, y: 30, w: 20, h: 3); // bar, two thirds down
        for (var y = 8; y < 31; y++) Fill(four, x: 22 - (y - 8) / 2, y: y, w: 3, h: 1); // diagonal
        var oneShape = GlyphShape.Measure(one, Width, Height, Glyph);
        var fourShape = GlyphShape.Measure(four, Width, Height, Glyph);
        Assert.True(oneShape is { Upright: true }, $"a 1 with flag and foot not upright: loops {Describe(oneShape)}");
        Assert.False(fourShape is { Upright: true }, $"a 4 measured upright: loops {Describe(fourShape)}");
    }

    [Fact]
    public void A_four_whose_closed_counter_is_as_tall_as_a_zeros_is_no_zero()
    {
        // A thin serif 4: its counter a triangle from the apex at the top down to the bar at three quarters of the height.
        var four = NoisyPaper();
        Fill(four, x: 22, y: 8, w: 3, h: 34);  // stem
        Fill(four, x: 9, y: 33, w: 21, h: 3);  // bar
        for (var y = 8; y < 34; y++) Fill(four, x: 22 - (y - 8) * 12 / 25, y: y, w: 3, h: 1); // diagonal
        foreach (var (inkShare, closeGaps) in new[] { (GlyphShape.InkShare, false), (GlyphShape.BlurredInkShare, false), (GlyphShape.BlurredInkShare, true) })
        {
            var shape = GlyphShape.Measure(four, Width, Height, Glyph, inkShare, closeGaps);
            // Closing fills the narrow apex, and the counter is then too short for a zero anyway.
            Assert.True(closeGaps || shape is { Loops: [var (top, bottom, _)] } && top <= 0.3 && bottom >= 0.7,
                $"the drawn 4's counter is not a loop as tall as a zero's (cut {inkShare}, closed {closeGaps}): loops {Describe(shape)}");
            Assert.False(shape!.IsZero, $"a 4 measured as a zero (cut {inkShare}, closed {closeGaps}): loops {Describe(shape)}");
        }
    }

    private static void Fill(byte[] gray, int x, int y, int w, int h)
    {
        for (var yy = y; yy < y + h; yy++)
        {
            for (var xx = x; xx < x + w; xx++) gray[yy * Width + xx] = Ink;
        }
    }

    private static string Describe(GlyphShape? shape) =>
        shape is null ? "none" : string.Join(", ", shape.Loops.Select(l => $"{l.Top:0.00}–{l.Bottom:0.00}{(l.Tapered ? " tapered" : "")}"));

    /// <summary>A zero's ring, 3 px thick, with a gap (degrees, clockwise from the right) where salt took the ink.</summary>
    private static byte[] Ring(int gapFrom, int gapTo)
    {
        var gray = NoisyPaper();
        DrawRing(gray, cx: 20, cy: 25, rx: 10, ry: 16, gapFrom, gapTo);
        return gray;
    }

    private static byte[] NoisyPaper()
    {
        var random = new Random(11);
        var gray = new byte[Width * Height];
        for (var i = 0; i < gray.Length; i++) gray[i] = (byte)(Paper + random.Next(-5, 6));
        return gray;
    }

    private static void DrawRing(byte[] gray, int cx, int cy, int rx, int ry, int gapFrom, int gapTo)
    {
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                double dx = (x - cx) / (double)rx, dy = (y - cy) / (double)ry;
                var r = Math.Sqrt(dx * dx + dy * dy);
                var angle = (Math.Atan2(dy, dx) * 180 / Math.PI + 360) % 360;
                var inGap = angle >= gapFrom && angle <= gapTo;
                // 3 px thick: from the ellipse inward about 3 px.
                if (r <= 1.0 && r >= 1.0 - 3.0 / Math.Min(rx, ry) && !inGap) gray[y * Width + x] = Ink;
            }
        }
    }
}
