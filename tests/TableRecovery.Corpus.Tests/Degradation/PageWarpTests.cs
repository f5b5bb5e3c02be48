using System.Globalization;
using TableRecovery.Core.Layouts;
using TableRecovery.Corpus.Degradation;
using TableRecovery.Corpus.Output;
using TableRecovery.Corpus.Planning;

using static TableRecovery.Corpus.Tests.Degradation.DegraderHarness;

namespace TableRecovery.Corpus.Tests.Degradation;

public sealed class PageWarpTests
{

    private static string Convert(Corpus.Planning.Degradation d) => string.Join(' ', Arguments(d));

    [Fact]
    public void A_flat_scan_gives_convert_the_arguments_it_always_did()
    {
        string[] before =
        [
            "-seed", "7", "in.png", "-background", "white", "-alpha", "remove", "-alpha", "off", "-colorspace", "Gray",
            "-filter", "Triangle", "-resize", "60%", "-print", "%w %h\\n", "+level", "0%,90%",
            "(", "+clone", "-sparse-color", "Barycentric", "0,0 gray(100%) 600,480 gray(80%)", ")", "-compose", "Multiply", "-composite",
            "-background", "gray(90%)", "-rotate", "-2.5", "+repage", "-print", "%w %h\\n",
            "-blur", "0x0.8", "-attenuate", "0.4", "+noise", "Gaussian", "-attenuate", "0.05", "+noise", "Impulse",
            "-background", "gray(90%)", "-rotate", "270", "+repage", "-quality", "40", "-strip", "-print", "%w %h\\n", "out.jpg",
        ];
        Assert.Equal(before, Arguments(Scan));
    }

    [Fact]
    public void Each_warp_kind_is_drawn_by_its_own_operator_after_the_skew_and_before_the_blur()
    {
        var keystone = Convert(Scan with { Warp = new KeystoneWarp(PageEdge.Top, 0.02) });
        Assert.Contains("-virtual-pixel Background -distort Perspective 0,0 %[fx:w*0.02],%[fx:h*0]  %w,0 %[fx:w*0.98],%[fx:h*0]", keystone, StringComparison.Ordinal);
        Assert.Contains("-distort Barrel 0 0 %[fx:-0.015*min(w,h)/hypot(w,h)] 1.015",
            Convert(Scan with { Warp = new BarrelWarp(-0.015) }), StringComparison.Ordinal);
        // 0.005 of the 480 px resized height rounds to 2 px; the wave is twice the 600 px resized width.
        var curl = Convert(Scan with { Warp = new CurlWarp(0.005, 2) });
        Assert.Contains("-background gray(90%) -wave 2x1200 -print", curl, StringComparison.Ordinal);
        foreach (var (args, op) in new[] { (keystone, "-distort"), (curl, "-wave") })
        {
            var at = args.IndexOf(op, StringComparison.Ordinal);
            Assert.InRange(at, args.IndexOf("-rotate -2.5", StringComparison.Ordinal), args.IndexOf("-blur", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_small_curl_still_moves_the_rows_by_two_pixels()
    {
        Assert.Equal((2, 1500), new CurlWarp(0.0015, 3).Pixels(500, 300, 1));
        Assert.Equal((10, 750), new CurlWarp(0.005, 1.5).Pixels(1000, 4000, 0.5));
    }

    [Fact]
    public void Mixed_warps_come_from_their_own_stream_and_leave_the_rest_of_the_plan_alone()
    {
        var warps = new List<PageWarp>();
        foreach (var (_, _, flat, warped) in OptInPlans.With(r => r with { Warp = WarpMode.Mixed }))
        {
            Assert.Null(flat.Degradation.Warp);
            Assert.NotNull(warped.Degradation.Warp);
            Assert.Equal(flat.Degradation, warped.Degradation with { Warp = null });
            Assert.Equal(flat.FileName, warped.FileName);
            Assert.Equal(flat.Style, warped.Style);
            warps.Add(warped.Degradation.Warp!);
        }
        Assert.InRange(warps.Count(w => w is KeystoneWarp), 30, 70);
        Assert.InRange(warps.Count(w => w is BarrelWarp), 30, 70);
        Assert.InRange(warps.Count(w => w is CurlWarp), 30, 70);
        Assert.Contains(warps, w => w is BarrelWarp { Coefficient: < 0 });
        Assert.All(warps.OfType<KeystoneWarp>(), k => Assert.InRange(k.Inset, 0.005, 0.03));
        Assert.All(warps.OfType<CurlWarp>(), c => Assert.InRange(c.Wavelength, 1.5, 3));
    }

    [Fact]
    public void The_truth_names_the_warp_and_a_flat_scan_writes_no_warp_at_all()
    {
        var planner = new ImagePlanner(LayoutCatalog.Default);
        var request = new PlanRequest([ScanClass.Mild], LayoutCatalog.Default.All.Select(l => l.Id).ToList());
        var flat = TruthFileBuilder.Build(planner.Plan(4, 0, request), null, null).ToJson();
        Assert.DoesNotContain("warp", flat, StringComparison.Ordinal);
        var plan = planner.Plan(4, 0, request with { Warp = WarpMode.Mixed });
        var warped = TruthFileBuilder.Build(plan with { Degradation = plan.Degradation with { Warp = new KeystoneWarp(PageEdge.Left, 0.012) } }, null, null);
        Assert.Contains("\"warp\": {\n      \"kind\": \"keystone\",\n      \"edge\": \"left\",\n      \"inset\": 0.012,", warped.ToJson().ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"warp-{Guid.NewGuid():N}.truth.json");
        try
        {
            File.WriteAllText(path, warped.ToJson());
            Assert.Equal(new TruthWarp("keystone", "left", 0.012, null, null, null), TruthFile.Read(path).Degradation.Warp);
        }
        finally
        {
            File.Delete(path);
        }
    }

    public static TheoryData<string, double> Warps => new()
    {
        { "keystone top 0.03", 0 }, { "keystone right 0.03", 3 }, { "barrel 0.2", 0 }, { "barrel -0.1", -2 }, { "curl 0.02 1.5", 0 }, { "curl 0.02 1.5", 3 },
    };

    /// <summary>The truth boxes of a warped scan are only honest if the geometry moves a point where ImageMagick draws it.</summary>
    [Theory]
    [MemberData(nameof(Warps))]
    public async Task The_geometry_moves_a_printed_mark_where_ImageMagick_draws_it(string warp, double skew)
    {
        var d = new Corpus.Planning.Degradation(0, skew, 1, 0, 0, 0, 1, 100, false, null, Parse(warp));
        foreach (var (x, y) in new[] { (30, 30), (380, 140), (200, 260) })
        {
            var png = await RunConvertAsync("-size", "420x300", "xc:white", "-fill", "black", "-draw", $"rectangle {x},{y} {x + 7},{y + 7}", "png:-");
            var output = Path.Combine(Path.GetTempPath(), $"warp-{Guid.NewGuid():N}.png");
            try
            {
                var geometry = await new ScanDegrader().DegradeAsync(png, d, 1, output, CancellationToken.None);
                var box = System.Text.Encoding.ASCII.GetString(await RunConvertAsync(output, "-fuzz", "50%", "-format", "%@", "info:"))
                    .Split('x', '+').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                var (ex, ey) = geometry.Map(x + 4, y + 4, d);
                Assert.InRange(box[2] + box[0] / 2.0, ex - 1.2, ex + 1.2);
                Assert.InRange(box[3] + box[1] / 2.0, ey - 1.2, ey + 1.2);
            }
            finally
            {
                File.Delete(output);
            }
        }
    }

    private static PageWarp Parse(string warp)
    {
        var p = warp.Split(' ');
        double At(int i) => double.Parse(p[i], CultureInfo.InvariantCulture);
        return p[0] switch
        {
            "keystone" => new KeystoneWarp(Enum.Parse<PageEdge>(p[1], ignoreCase: true), At(2)),
            "barrel" => new BarrelWarp(At(1)),
            _ => new CurlWarp(At(1), At(2)),
        };
    }
}
