using TableRecovery.Core.Imaging;
using TableRecovery.Core.Interop;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Imaging;

public sealed class PageNormalizerTests
{
    private static CorpusImage CleanTable => Fixtures.CorpusWhere(c => c.ScanClass == "clean" && c.Rotation == 0 && !c.IsPage);

    [Theory]
    [InlineData(2.0)]
    [InlineData(-3.5)]
    [InlineData(0.7)]
    public void Deskew_restores_a_rotation_of_a_few_degrees(double degrees)
    {
        var source = CleanTable;
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var rotated = Leptonica.pixRotate(page.Pix, (float)(degrees * Math.PI / 180));
        using var tilted = new DecodedPage("tilted", Leptonica.pixConvertTo8(rotated));
        using var normalized = new PageNormalizer().Normalize(tilted, 0);
        // Rotating by +a is undone by a skew correction of -a (same sign convention as pixDeskew).
        var found = normalized.Transform.SkewDegrees + source.SkewDegrees;
        Assert.True(Math.Abs(found + degrees) < 0.25,
            $"{source.Name} rotated by {degrees}°: skew correction found {normalized.Transform.SkewDegrees:F2}°, expected {-degrees:F2}°");
    }

    [Fact]
    public void Scaling_brings_glyphs_near_the_target_height_whatever_the_scan_resolution()
    {
        foreach (var source in Fixtures.Corpus())
        {
            using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
            using var normalized = new PageNormalizer().Normalize(page, 0);
            Assert.True(normalized.TextHeight is > 20 and < 45,
                $"{source.Name}: glyph height after scaling {normalized.TextHeight:F1}px (scale {normalized.Transform.Scale:F2}), expected 20–45");
        }
    }

    [Fact]
    public void Boxes_map_back_to_the_source_through_quarter_turns_skew_and_scale()
    {
        var t = new ImageTransform(SourceWidth: 1000, SourceHeight: 600, QuarterTurns: 1, Border: 20, SkewDegrees: 0, Scale: 2);
        // Turned 90° clockwise, the source's top-left corner lands at the top-right of a 600×1000 image.
        var (x, y) = t.ToSource((600 - 1 + 20) * 2, 20 * 2);
        Assert.True(Math.Abs(x) < 1e-6 && Math.Abs(y) < 1e-6, $"mapped to ({x:F2}, {y:F2}), expected (0, 0)");
    }
}
