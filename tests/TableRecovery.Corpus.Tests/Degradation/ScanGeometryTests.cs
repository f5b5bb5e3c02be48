using TableRecovery.Corpus.Degradation;

namespace TableRecovery.Corpus.Tests.Degradation;

public sealed class ScanGeometryTests
{
    private static Corpus.Planning.Degradation Turn(int rotation, double skew = 0, double scale = 1) =>
        new(rotation, skew, scale, 0, 0, 0, 1, 100, false, null);

    [Fact]
    public void A_page_turned_clockwise_puts_its_top_left_corner_at_the_top_right()
    {
        var geometry = new ScanGeometry((100, 50), (100, 50), (100, 50), (50, 100));
        var (x, y) = geometry.Map(0, 0, Turn(90));
        Assert.Equal(50, x, 6);
        Assert.Equal(0, y, 6);
    }

    [Fact]
    public void A_page_turned_upside_down_maps_a_box_to_the_opposite_corner()
    {
        var geometry = new ScanGeometry((200, 100), (100, 50), (100, 50), (100, 50));
        Assert.Equal([80, 40, 20, 10], geometry.MapBox(0, 0, 40, 20, Turn(180, scale: 0.5)));
    }

    [Fact]
    public void A_counter_clockwise_skew_lifts_the_right_side_of_a_row()
    {
        var geometry = new ScanGeometry((400, 400), (400, 400), (428, 428), (428, 428));
        var left = geometry.Map(50, 200, Turn(0, skew: -4));
        var right = geometry.Map(350, 200, Turn(0, skew: -4));
        Assert.True(right.Y < left.Y - 15, $"right edge at {right.Y:0.0}, left at {left.Y:0.0}");
    }

    [Fact]
    public void The_degrader_passes_every_recorded_parameter_to_convert()
    {
        var args = string.Join(' ', DegraderHarness.Arguments(DegraderHarness.Scan));
        foreach (var expected in new[] { "-seed 7", "-colorspace Gray", "-resize 60%", "+level 0%,90%", "gray(80%)", "-rotate -2.5",
            "-blur 0x0.8", "-attenuate 0.4 +noise Gaussian", "-attenuate 0.05 +noise Impulse", "-rotate 270", "-quality 40" })
        {
            Assert.Contains(expected, args, StringComparison.Ordinal);
        }
        Assert.EndsWith("out.jpg", args, StringComparison.Ordinal);
    }
}
