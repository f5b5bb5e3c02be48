using System.Globalization;
using TableRecovery.Core.Layouts;
using TableRecovery.Corpus.Degradation;
using TableRecovery.Corpus.Output;
using TableRecovery.Corpus.Planning;
using TableRecovery.Corpus.Rendering;

using static TableRecovery.Corpus.Tests.Degradation.DegraderHarness;

namespace TableRecovery.Corpus.Tests.Degradation;

public sealed class ShowThroughTests
{
    private static readonly ShowThrough Back = new("appeals", 12345, 0.05, -0.05, 1.5, 85);

    private static List<string> Convert(Corpus.Planning.Degradation d, string? back) => Arguments(d, back);

    [Fact]
    public void The_back_is_mirrored_scaled_blurred_lightened_and_multiplied_in_after_the_resize_and_before_the_skew()
    {
        var args = string.Join(' ', Convert(Scan with { ShowThrough = Back }, "back.png"));
        // 5 % of the 600 × 480 resized page is 30 px right and 24 px up.
        const string block = "( back.png -alpha remove -alpha off -colorspace Gray -flop -filter Triangle -resize 60% -blur 0x1.5 +level 85%,100% ) "
            + "-gravity center -geometry +30-24 -compose Multiply -composite +gravity +geometry";
        Assert.Contains("-resize 60% -print %w %h\\n " + block + " +level 0%,90%", args, StringComparison.Ordinal);
        Assert.InRange(args.IndexOf(block, StringComparison.Ordinal), 0, args.IndexOf("-rotate -2.5", StringComparison.Ordinal));
    }

    [Fact]
    public void The_show_through_only_adds_its_own_block_and_without_it_the_arguments_are_as_before()
    {
        var before = Convert(Scan, null);
        Assert.Equal(before, Convert(Scan, "back.png"));
        Assert.Equal(before, Arguments(Scan));
        Assert.DoesNotContain("-flop", before);

        var with = Convert(Scan with { ShowThrough = Back }, "back.png");
        var start = with.IndexOf("(");
        var end = with.IndexOf("+geometry") + 1;
        Assert.Equal(before, with.Take(start).Concat(with.Skip(end)));

        // Unscaled and in colour the back is neither resized nor turned gray; a shift left and down reads -x+y.
        var plain = string.Join(' ', Convert(Scan with { Scale = 1, Grayscale = false, ShowThrough = Back with { ShiftX = -0.1, ShiftY = 0.025 } }, "b.png"));
        Assert.Contains("( b.png -alpha remove -alpha off -flop -blur 0x1.5 +level 85%,100% ) -gravity center -geometry -100+20 ", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void A_show_through_without_the_back_rendering_is_refused() =>
        Assert.Throws<ArgumentException>(() => Convert(Scan with { ShowThrough = Back }, null));

    [Fact]
    public void Mixed_show_through_comes_from_its_own_stream_and_leaves_the_rest_of_the_plan_and_the_warp_alone()
    {
        var backs = new List<ShowThrough>();
        foreach (var (request, index, plain, shown) in OptInPlans.With(r => r with { ShowThrough = ShowThroughMode.Mixed }))
        {
            Assert.Null(plain.Degradation.ShowThrough);
            Assert.NotNull(shown.Degradation.ShowThrough);
            Assert.Equal(plain.Degradation, shown.Degradation with { ShowThrough = null });
            Assert.Equal(plain.FileName, shown.FileName);
            Assert.Equal(plain.Seed, shown.Seed);
            Assert.Equal(plain.Style, shown.Style);
            Assert.Equal(plain.IsPage, shown.IsPage);
            Assert.Equal(plain.PageTitle, shown.PageTitle);
            Assert.Equal(plain.BodyParagraphs, shown.BodyParagraphs);
            Assert.Equal(Json(plain), Json(shown with { Degradation = plain.Degradation }));

            var warped = OptInPlans.Planner.Plan(OptInPlans.Seed, index, request with { Warp = WarpMode.Mixed });
            var both = OptInPlans.Planner.Plan(OptInPlans.Seed, index, request with { Warp = WarpMode.Mixed, ShowThrough = ShowThroughMode.Mixed });
            Assert.Equal(warped.Degradation, both.Degradation with { ShowThrough = null });
            Assert.Equal(shown.Degradation.ShowThrough, both.Degradation.ShowThrough);

            var st = shown.Degradation.ShowThrough!;
            Assert.DoesNotContain(st.Layout, shown.Tables.Select(t => t.Truth.Layout.Id));
            Assert.InRange(st.ShiftX, -0.1, 0.1);
            Assert.InRange(st.ShiftY, -0.1, 0.1);
            Assert.InRange(st.BlurSigma, 1, 2.5);
            Assert.InRange(st.Level, 78, 92);
            backs.Add(st);
        }
        Assert.True(backs.Select(b => b.Layout).Distinct().Count() >= 4);
        Assert.Contains(backs, b => b.Level <= 80);
        Assert.Contains(backs, b => b.Level >= 90);
    }

    [Fact]
    public void The_back_side_is_another_table_in_the_same_style_and_the_same_every_time()
    {
        var planner = new ImagePlanner(LayoutCatalog.Default);
        var request = new PlanRequest([ScanClass.Mild], LayoutCatalog.Default.All.Select(l => l.Id).ToList(), Page: true, ShowThrough: ShowThroughMode.Mixed);
        var front = planner.Plan(4, 0, request);
        var back = planner.BackSide(front);
        Assert.False(back.IsPage);
        Assert.Empty(back.BodyParagraphs);
        Assert.Null(back.PageTitle);
        Assert.Equal(front.Style, back.Style);
        Assert.Equal(front.Degradation.ShowThrough!.Layout, Assert.Single(back.Tables).Truth.Layout.Id);
        Assert.Equal(front.Degradation.ShowThrough.Seed, back.Seed);
        Assert.Equal(PageComposer.Compose(back), PageComposer.Compose(planner.BackSide(planner.Plan(4, 0, request))));
        Assert.NotEqual(PageComposer.Compose(front), PageComposer.Compose(back));
        Assert.Throws<ArgumentException>(() => planner.BackSide(planner.Plan(4, 0, request with { ShowThrough = ShowThroughMode.None })));
    }

    [Fact]
    public void The_truth_records_the_show_through_and_a_blank_back_writes_none()
    {
        var planner = new ImagePlanner(LayoutCatalog.Default);
        var request = new PlanRequest([ScanClass.Hard], LayoutCatalog.Default.All.Select(l => l.Id).ToList());
        var blank = TruthFileBuilder.Build(planner.Plan(4, 0, request), null, null).ToJson();
        Assert.DoesNotContain("show_through", blank, StringComparison.Ordinal);
        var plan = planner.Plan(4, 0, request with { ShowThrough = ShowThroughMode.Mixed });
        var shown = TruthFileBuilder.Build(plan with { Degradation = plan.Degradation with { ShowThrough = Back } }, null, null);
        Assert.Contains("\"show_through\": {\n      \"layout\": \"appeals\",\n      \"seed\": 12345,\n      \"shift_x\": 0.05,\n      \"shift_y\": -0.05,\n"
            + "      \"blur_sigma\": 1.5,\n      \"level\": 85\n    }", shown.ToJson().ReplaceLineEndings("\n"), StringComparison.Ordinal);
        var path = Path.Combine(Path.GetTempPath(), $"show-through-{Guid.NewGuid():N}.truth.json");
        try
        {
            File.WriteAllText(path, shown.ToJson());
            Assert.Equal(new TruthShowThrough("appeals", 12345, 0.05, -0.05, 1.5, 85), TruthFile.Read(path).Degradation.ShowThrough);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A square printed on the back shows mirrored, shifted and only as dark as the level; the page's ink and size stay.</summary>
    [Fact]
    public async Task ImageMagick_draws_the_back_mirrored_shifted_and_faint_under_the_page()
    {
        var page = await RunConvertAsync("-size", "420x300", "xc:white", "-fill", "black", "-draw", "rectangle 30,30 37,37", "png:-");
        var back = await RunConvertAsync("-size", "420x300", "xc:white", "-fill", "black", "-draw", "rectangle 50,100 89,139", "png:-");
        var d = new Corpus.Planning.Degradation(0, 0, 1, 0, 0, 0, 1, 100, false, null, null, new ShowThrough("appeals", 1, 0.1, -0.05, 1.5, 85));
        var output = Path.Combine(Path.GetTempPath(), $"show-through-{Guid.NewGuid():N}.png");
        try
        {
            var geometry = await new ScanDegrader().DegradeAsync(page, back, d, 1, output, CancellationToken.None);
            Assert.Equal((420, 300), geometry.Final);
            // Mirrored to x 330–369, then 42 px right and 15 px up: centred on (391, 104).
            Assert.InRange(await GrayAsync(output, 391, 104), 0.84, 0.86);
            Assert.Equal(1, await GrayAsync(output, 70, 120), 3);
            Assert.Equal(1, await GrayAsync(output, 349, 119), 3);
            Assert.Equal(0, await GrayAsync(output, 33, 33), 3);
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string Json(ImagePlan plan) => TruthFileBuilder.Build(plan, null, null).ToJson();

    private static async Task<double> GrayAsync(string image, int x, int y) => double.Parse(
        System.Text.Encoding.ASCII.GetString(await RunConvertAsync(image, "-colorspace", "Gray", "-format", $"%[fx:p{{{x},{y}}}.r]", "info:")),
        CultureInfo.InvariantCulture);
}
