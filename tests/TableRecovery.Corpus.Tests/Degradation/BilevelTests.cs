using System.Globalization;
using TableRecovery.Corpus.Degradation;
using TableRecovery.Corpus.Output;
using TableRecovery.Corpus.Planning;

using static TableRecovery.Corpus.Tests.Degradation.DegraderHarness;

namespace TableRecovery.Corpus.Tests.Degradation;

public sealed class BilevelTests
{
    [Fact]
    public void The_cut_comes_after_the_blur_and_noise_and_before_the_specks_and_the_image_is_stored_one_bit()
    {
        var args = Arguments(Scan with { JpegQuality = null, Bilevel = new Bilevel(45) });
        var cut = args.IndexOf("-threshold");
        Assert.True(cut > 0, string.Join(' ', args));
        Assert.Equal("45%", args[cut + 1]);
        Assert.InRange(cut, args.IndexOf("Gaussian"), args.IndexOf("Impulse"));
        Assert.InRange(args.IndexOf("bilevel"), cut, args.Count - 1);
        Assert.DoesNotContain("-quality", args);
        Assert.DoesNotContain("Group4", args);
        var tiff = ScanDegrader.Arguments("in.png", Scan with { JpegQuality = null, Bilevel = new Bilevel(45) }, 1000, 800, "out.tif", 7);
        Assert.Contains("Group4", tiff);

        // Without it the arguments are as they were.
        Assert.DoesNotContain("-threshold", Arguments(Scan));
        Assert.DoesNotContain("bilevel", Arguments(Scan));
    }

    [Fact]
    public void Mixed_bilevel_comes_from_its_own_stream_and_changes_only_the_sampling_the_storage_and_the_cut()
    {
        var thresholds = new List<int>();
        foreach (var (_, _, plain, bilevel) in OptInPlans.With(r => r with { Bilevel = BilevelMode.Mixed }))
        {
            Assert.Null(plain.Degradation.Bilevel);
            var cut = Assert.IsType<Bilevel>(bilevel.Degradation.Bilevel);
            Assert.InRange(cut.ThresholdPercent, 40, 60);
            thresholds.Add(cut.ThresholdPercent);
            Assert.True(bilevel.Degradation.Grayscale);
            Assert.Null(bilevel.Degradation.JpegQuality);
            Assert.Contains(bilevel.Extension, new[] { "tif", "png" });
            Assert.Equal(plain.Degradation with { Scale = 0, Grayscale = true, JpegQuality = null },
                bilevel.Degradation with { Scale = 0, Bilevel = null });
            Assert.Equal(plain.Name, bilevel.Name);
            Assert.Equal(plain.Tables.SelectMany(t => t.Truth.Values.OrderBy(v => v.Key, StringComparer.Ordinal)),
                bilevel.Tables.SelectMany(t => t.Truth.Values.OrderBy(v => v.Key, StringComparer.Ordinal)));
            var digits = 0.72 * bilevel.Style.FontSizePx * bilevel.Style.DeviceScaleFactor * bilevel.Degradation.Scale;
            Assert.True(digits is >= 15.9 and <= 32.1, $"{bilevel.Name}: digits {digits:0.0} px, scale {bilevel.Degradation.Scale}");
        }
        Assert.Contains(thresholds, t => t <= 44);
        Assert.Contains(thresholds, t => t >= 56);
    }

    [Fact]
    public void The_truth_records_the_cut_and_a_gray_scan_writes_none()
    {
        var planner = new ImagePlanner(Core.Layouts.LayoutCatalog.Default);
        var request = new PlanRequest([ScanClass.Mild], Core.Layouts.LayoutCatalog.Default.All.Select(l => l.Id).ToList());
        Assert.DoesNotContain("bilevel", TruthFileBuilder.Build(planner.Plan(4, 0, request), null, null).ToJson(), StringComparison.Ordinal);
        var plan = planner.Plan(4, 0, request with { Bilevel = BilevelMode.Mixed });
        var json = TruthFileBuilder.Build(plan, null, null).ToJson().ReplaceLineEndings("\n");
        Assert.Contains($"\"bilevel\": {{\n      \"threshold_percent\": {plan.Degradation.Bilevel!.ThresholdPercent}\n    }}", json, StringComparison.Ordinal);
    }

    /// <summary>A gray bar lighter than the cut goes to paper, one darker to ink, and the file holds no gray at all.</summary>
    [Fact]
    public async Task ImageMagick_cuts_every_pixel_to_ink_or_paper()
    {
        var page = await RunConvertAsync("-size", "200x100", "xc:white", "-fill", "gray(40%)", "-draw", "rectangle 20,20 59,79",
            "-fill", "gray(70%)", "-draw", "rectangle 120,20 159,79", "png:-");
        var d = new Corpus.Planning.Degradation(0, 0, 1, 0, 0, 0, 1, 100, true, null, Bilevel: new Bilevel(50));
        var output = Path.Combine(Path.GetTempPath(), $"bilevel-{Guid.NewGuid():N}.tif");
        try
        {
            await new ScanDegrader().DegradeAsync(page, d, 1, output, CancellationToken.None);
            var described = System.Text.Encoding.ASCII.GetString(await RunConvertAsync(output, "-format", "%z %k %[fx:p{40,50}.r] %[fx:p{140,50}.r]", "info:"));
            var parts = described.Split(' ');
            Assert.True(parts[0] == "1" && parts[1] == "2", $"depth and colours: {described}");
            Assert.Equal(0, double.Parse(parts[2], CultureInfo.InvariantCulture));
            Assert.Equal(1, double.Parse(parts[3], CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(output);
        }
    }
}
