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

    [Theory]
    [InlineData(3)] // upright
    [InlineData(1)] // upside down: the sideways check turns one way, the labels then decide on a half turn
    public void Skew_of_five_degrees_is_found_on_a_blurred_sideways_page_turned_either_way(int quarterTurns)
    {
        // Leptonica's coarse sweep put the best angle of this page, turned one way, at the edge of a ±6° sweep, where it
        // gives no confidence: the page stayed skewed and its faint rules gave two scraps of grid.
        var source = Fixtures.Case("0046_active-2019_hard_sideways_five_degrees");
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var normalized = new PageNormalizer().Normalize(page, quarterTurns);
        var found = normalized.Transform.SkewDegrees;
        Assert.True(Math.Abs(found + source.SkewDegrees) < 0.3,
            $"{source.Name} skewed {source.SkewDegrees:F2}°, turned {quarterTurns} quarter(s): skew correction found {found:F2}°, expected {-source.SkewDegrees:F2}°");
    }

    [Fact]
    public void Deskew_keeps_a_ruling_line_straight_instead_of_stepping_it()
    {
        // A rotation by shears moves whole rows by a pixel at a time: in a low-resolution scan scaled up about threefold,
        // each step is a three-pixel jog that cuts through glyphs and rules (zeros read as 9 and 8).
        var source = CleanTable;
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var gray = Leptonica.pixConvertTo8(page.Pix);
        using var small = Leptonica.pixScale(gray, 0.45f, 0.45f);
        using var rotated = Leptonica.pixRotate(small, (float)(2.0 * Math.PI / 180));
        using var tilted = new DecodedPage("tilted", Leptonica.pixConvertTo8(rotated));
        using var normalized = new PageNormalizer().Normalize(tilted, 0);

        var (x, deviation) = LeftRuleDeviationFromStraight(normalized);
        Assert.True(deviation < 1.5,
            $"{source.Name} at 0.45× turned 2°, deskewed by {normalized.Transform.SkewDegrees:F2}° and scaled {normalized.Transform.Scale:F2}×: " +
            $"the table's left rule near x={x} strays {deviation:F2}px from a straight line, expected under 1.5px (turned by shears, 3px)");
    }

    /// <summary>
    /// The left border's ink centre row by row over the middle third (away from the row rules that join it), and its
    /// largest distance from the fitted line.
    /// </summary>
    private static (int X, double Deviation) LeftRuleDeviationFromStraight(NormalizedImage image)
    {
        var pixels = Leptonica.CopyGray(image.Gray);
        int w = image.Width, h = image.Height, top = h / 3, bottom = 2 * h / 3;
        double ColumnMean(int x)
        {
            double sum = 0;
            for (var y = top; y < bottom; y++) sum += pixels[y * w + x];
            return sum / (bottom - top);
        }
        var firstDark = Enumerable.Range(0, w / 2).First(x => ColumnMean(x) < 170);
        var rule = Enumerable.Range(firstDark, 8).MinBy(ColumnMean);
        var centres = new List<double>();
        for (var y = top; y < bottom; y++)
        {
            if (pixels[y * w + rule + 6] < 200)
            {
                continue; // a row rule joins here; its ink would pull the centre right
            }
            double mass = 0, moment = 0;
            for (var x = rule - 6; x <= rule + 6; x++)
            {
                var ink = 255.0 - pixels[y * w + x];
                mass += ink;
                moment += ink * x;
            }
            centres.Add(moment / mass);
        }
        double meanIndex = (centres.Count - 1) / 2.0, mean = centres.Average();
        var slope = centres.Select((c, i) => (i - meanIndex) * (c - mean)).Sum() / centres.Select((_, i) => (i - meanIndex) * (i - meanIndex)).Sum();
        return (rule, centres.Select((c, i) => Math.Abs(c - (mean + slope * (i - meanIndex)))).Max());
    }

    [Fact]
    public void A_keystoned_page_is_straightened_so_its_rules_run_straight()
    {
        // Photographed at an angle: the bottom edge 2.3% shorter at each end, so the side rules lean in by ~1.3° in opposite
        // directions, which no single deskew angle undoes (the grid stage found three tables in it).
        var source = Fixtures.Case("0046_active-2021_clean_warp");
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var normalized = new PageNormalizer().Normalize(page, 0);

        Assert.True(normalized.Transform.Warp is not null, $"{source.Name}: no bend found (deskewed by {normalized.Transform.SkewDegrees:F2}°)");
        var (x, deviation) = LeftRuleDeviationFromStraight(normalized);
        var lean = LeftRuleLean(normalized, x);
        Assert.True(deviation < 1.5 && Math.Abs(lean) < 2,
            $"{source.Name}, bent by {normalized.Transform.Warp.Bend:F1}px: the straightened left rule near x={x} strays {deviation:F2}px " +
            $"from a straight line and leans {lean:F1}px over the middle third; expected under 1.5px and 2px");
    }

    [Fact]
    public void A_page_lying_flat_is_not_resampled()
    {
        // Skewed, scaled, noisy, sideways and whole pages alike: their rules are straight, and resampling would only blur them.
        foreach (var source in Fixtures.Corpus())
        {
            using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
            using var normalized = new PageNormalizer().Normalize(page, 0);
            Assert.True(normalized.Transform.Warp is null, $"{source.Name} ({source.ScanClass}): straightened a bend of {normalized.Transform.Warp?.Bend:F1}px");
        }
    }

    /// <summary>How far the left rule's centre moves across the middle third of the image (0 for an upright rule).</summary>
    private static double LeftRuleLean(NormalizedImage image, int x)
    {
        var pixels = Leptonica.CopyGray(image.Gray);
        int w = image.Width, h = image.Height;
        double Centre(int y)
        {
            double mass = 0, moment = 0;
            for (var dy = -20; dy <= 20; dy++)
            {
                for (var cx = x - 6; cx <= x + 6; cx++)
                {
                    var ink = 255.0 - pixels[(y + dy) * w + cx];
                    mass += ink;
                    moment += ink * cx;
                }
            }
            return moment / mass;
        }
        return Centre(2 * h / 3) - Centre(h / 3);
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
    public void Glyphs_of_a_blurred_light_serif_broken_into_pieces_are_not_taken_for_small_print()
    {
        // A hard scan (`generate --count 80 --seed 7777`, 0065): AR PL UMing digits 11.3 px tall, blurred, salted and
        // saved at JPEG quality 42. Its glyphs came apart into more pieces than whole glyphs, the upper quartile of their
        // heights was 10 px, the page was scaled half as large again as its print asks, and the labels read as garbage:
        // no layout fitted an appeals table whose grid was found whole.
        var source = Fixtures.Case("0065_appeals_hard_fragmented");
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var normalized = new PageNormalizer().Normalize(page, 0);
        var estimated = normalized.TextHeight / normalized.Transform.Scale;
        Assert.True(estimated >= source.DigitHeight,
            $"text height estimated at {estimated:F1}px (scale {normalized.Transform.Scale:F2}) for digits printed {source.DigitHeight:F1}px tall; Chinese glyphs run about 1.3 times a digit");
    }

    [Fact]
    public void Specks_of_a_darkened_bilevel_scan_do_not_pass_for_its_text()
    {
        // A hard bilevel scan darkened toward its right edge: thousands of specks there outnumbered the glyphs, the upper
        // quartile of heights was a speck's (11 px for 30 px digits), and the page was read at 2.9 times its size.
        var source = Fixtures.Case("0038_requests-2019_hard_bilevel_dark_edge");
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var normalized = new PageNormalizer().Normalize(page, 0);
        var estimated = normalized.TextHeight / normalized.Transform.Scale;
        Assert.True(estimated >= source.DigitHeight && estimated <= source.DigitHeight * 1.6,
            $"text height estimated at {estimated:F1}px (scale {normalized.Transform.Scale:F2}) for digits printed {source.DigitHeight:F1}px tall; Chinese glyphs run about 1.3 times a digit");
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
