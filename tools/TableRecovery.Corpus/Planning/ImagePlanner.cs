using TableRecovery.Core.Layouts;
using TableRecovery.Corpus.Grids;
using TableRecovery.Corpus.Truth;

namespace TableRecovery.Corpus.Planning;

/// <summary>
/// Decides everything about one image from (master seed, index): layouts, truth, print variant, style and
/// degradation. Pure: no I/O, so the same seed always gives the same plan.
/// </summary>
public sealed class ImagePlanner
{
    private static readonly IReadOnlyList<(string Family, double Weight)> Fonts =
    [
        ("Noto Serif CJK SC", 0.28), ("Noto Sans CJK SC", 0.2), ("AR PL UMing CN", 0.14), ("AR PL UKai CN", 0.08),
        ("WenQuanYi Zen Hei", 0.15), ("WenQuanYi Micro Hei", 0.15),
    ];

    /// <summary>
    /// The Latin fonts a report's Word or Excel file prints its digits in beside SimSun or FangSong: Times New Roman most
    /// often (Liberation Serif and Nimbus Roman draw its shapes), then Arial and Calibri (Liberation Sans, Nimbus Sans, Carlito).
    /// </summary>
    private static readonly IReadOnlyList<(string Family, double Weight)> LatinFonts =
    [
        ("Liberation Serif", 0.3), ("Nimbus Roman", 0.2), ("Liberation Sans", 0.15), ("Nimbus Sans", 0.1), ("Carlito", 0.25),
    ];

    private const double MildMinimumDigitPx = 9;

    private readonly LayoutCatalog _catalog;

    public ImagePlanner(LayoutCatalog catalog) => _catalog = catalog;

    public ImagePlan Plan(long masterSeed, int index, PlanRequest request)
    {
        var seed = Seeds.Derive(masterSeed, index);
        var mix = Seeds.Stream(seed, 0);
        var scanClass = request.ForcedClass ?? mix.Pick(request.Classes);
        var pageFormats = new[] { "2021", "2019" }
            .Where(f => request.Layouts.Contains($"active-{f}") && request.Layouts.Contains($"requests-{f}") && request.Layouts.Contains("appeals"))
            .ToList();
        var page = request.Page ?? (pageFormats.Count > 0 && mix.Chance(0.1));
        if (page && pageFormats.Count == 0)
        {
            pageFormats = ["2021", "2019"];
        }
        var sideways = request.Sideways ?? mix.Chance(0.1);
        string[] layouts;
        if (page)
        {
            var format = mix.Pick(pageFormats);
            layouts = [$"active-{format}", $"requests-{format}", "appeals"];
        }
        else
        {
            layouts = [request.ForcedLayout ?? mix.Pick(request.Layouts)];
        }

        var style = ChooseStyle(Seeds.Stream(seed, 1), scanClass, page);
        if (request.LatinFont == LatinFontMode.Mixed)
        {
            // A stream of its own, like the warp's, so the rest of the plan is what the seed always drew.
            style = style with { LatinFamily = Seeds.Stream(seed, 6).PickWeighted(LatinFonts) };
        }
        var tables = new List<TablePlan>();
        for (var i = 0; i < layouts.Length; i++)
        {
            tables.Add(PlanTable(_catalog[layouts[i]], Seeds.Stream(seed, 10 + i), Seeds.Derive(seed, 20 + i), page, request.Inconsistent, i == 1 || layouts.Length == 1));
        }

        var degradation = ChooseDegradation(Seeds.Stream(seed, 2), scanClass, sideways, style);
        if (request.Warp == WarpMode.Mixed)
        {
            // A stream of its own, so a run without warps draws exactly the numbers it always did.
            degradation = degradation with { Warp = ChooseWarp(Seeds.Stream(seed, 7)) };
        }
        if (request.ShowThrough == ShowThroughMode.Mixed)
        {
            // Its own stream too, so neither the rest of the plan nor the warp changes when the back shows through.
            degradation = degradation with { ShowThrough = ChooseShowThrough(Seeds.Stream(seed, 8), layouts) };
        }
        var bilevel = request.Bilevel == BilevelMode.Mixed ? Seeds.Stream(seed, 9) : null;
        if (bilevel is not null)
        {
            // Its own stream as well; it replaces the scan's resize, gray encoding and JPEG, and keeps the rest.
            degradation = Bilevelled(bilevel, degradation, style);
        }
        var digitHeight = 0.72 * style.FontSizePx * style.DeviceScaleFactor * degradation.Scale;
        if (scanClass == ScanClass.Mild && digitHeight < MildMinimumDigitPx)
        {
            // A mild scan stays readable: render larger rather than shrink digits below ~9 px.
            style = style with { DeviceScaleFactor = Math.Ceiling(MildMinimumDigitPx / (0.72 * style.FontSizePx * degradation.Scale) * 4) / 4 };
        }
        var extension = request.ForcedExtension ?? (bilevel is not null
            ? bilevel.Pick<string>(["tif", "png"])
            : ChooseExtension(Seeds.Stream(seed, 3), degradation));
        if (extension is "tif" or "bmp" or "png")
        {
            degradation = degradation with { JpegQuality = null };
        }
        else if (degradation.JpegQuality is null)
        {
            degradation = degradation with { JpegQuality = 92 };
        }
        var text = Seeds.Stream(seed, 4);
        var paragraphs = page ? Enumerable.Range(0, 4).Select(_ => text.Pick(ReportText.Paragraphs)).ToList() : [];
        var year = layouts[0].EndsWith("2019", StringComparison.Ordinal) ? text.Next(2019, 2021) : text.Next(2021, 2025);
        string? title = page && text.Chance(0.5) ? $"{text.Pick(ReportText.Agencies)}{year}年政府信息公开工作年度报告" : null;
        var name = $"{index:D4}_{(page ? "page-" + layouts[0][7..] : layouts[0])}_{scanClass.ToString().ToLowerInvariant()}";
        return new ImagePlan(name, extension, seed, scanClass, page, tables, style, degradation, paragraphs, title);
    }

    internal static TablePlan PlanTable(TableLayout layout, Random random, int truthSeed, bool page, bool? inconsistent, bool inconsistencyCandidate)
    {
        var broken = layout.Identities.Count > 0 && (inconsistent ?? random.Chance(0.1)) && (inconsistent is null || inconsistencyCandidate);
        var truth = new TruthGenerator(layout).Generate(truthSeed, broken);
        var variant = new TableVariant(
            PrintStyle.Choose(random),
            TitleRow: random.Chance(0.1) ? ReportText.TitleRow(layout.Id) : null,
            ExtraBlankColumn: random.Chance(0.08),
            TotalSpansHeaderRows: layout.Id.StartsWith("requests", StringComparison.Ordinal) && random.Chance(0.15),
            HalfWidthParentheses: random.Chance(0.25));
        var heading = page || random.Chance(0.45) ? random.Pick(ReportText.Headings(layout.Id)) : null;
        string? caption = random.Chance(page ? 0.1 : 0.12) ? $"表{random.Next(1, 4)}  {ReportText.TitleRow(layout.Id)}统计表" : null;
        return new TablePlan(truth, variant, LayoutGridBuilder.Build(truth, variant), heading, caption, random.Chance(0.3));
    }

    internal static RenderStyle ChooseStyle(Random random, ScanClass scanClass, bool page)
    {
        var font = random.PickWeighted(Fonts);
        var size = random.Next(12, 21);
        var faint = scanClass == ScanClass.Hard ? 0.35 : 0.1;
        var gray = random.Chance(faint) ? random.Next(0x70, 0xA8) : random.Chance(0.3) ? random.Next(0x20, 0x60) : 0;
        var padding = random.Next(2, 11);
        var gaps = scanClass switch
        {
            ScanClass.Clean => random.Chance(0.7) ? 0 : random.Next(1, 4),
            ScanClass.Mild => random.Next(0, 7),
            _ => random.Next(3, 21),
        };
        return new RenderStyle(
            font,
            size,
            random.PickWeighted<int>([(1, 0.6), (2, 0.3), (3, 0.1)]),
            $"#{gray:X2}{gray:X2}{gray:X2}",
            random.Chance(0.8) ? "#000000" : "#222222",
            padding,
            random.PickWeighted<string>([("center", 0.75), ("left", 0.15), ("right", 0.10)]),
            random.Chance(0.25) ? $"#{random.Next(0xDC, 0xF2):X2}{random.Next(0xDC, 0xF2):X2}{random.Next(0xDC, 0xF2):X2}" : null,
            (int)(size * random.Uniform(6.5, 17)) + 2 * padding,
            (int)(size * random.Uniform(2.6, 5.5)) + 2 * padding,
            page ? random.Next(760, 1100) : 0,
            scanClass == ScanClass.Hard ? HardDeviceScale(random, size) : random.PickWeighted<double>([(1, 0.5), (1.25, 0.15), (1.5, 0.2), (2, 0.15)]),
            gaps,
            scanClass == ScanClass.Hard && random.Chance(0.3) ? 1 : scanClass == ScanClass.Mild && random.Chance(0.08) ? 1 : 0);
    }

    internal static Degradation ChooseDegradation(Random random, ScanClass scanClass, bool sideways, RenderStyle style)
    {
        var rotation = sideways ? random.PickWeighted<int>([(90, 0.45), (270, 0.35), (180, 0.2)]) : 0;
        var sign = random.Chance(0.5) ? -1 : 1;
        return scanClass switch
        {
            ScanClass.Clean => new Degradation(rotation, 0, 1, 0, 0, 0, 1, 100, false, random.Chance(0.3) ? random.Next(85, 96) : null),
            ScanClass.Mild => new Degradation(rotation,
                Math.Round(sign * random.Uniform(0.3, 2), 2),
                Math.Round(random.Uniform(0.7, 1.0), 3),
                random.Chance(0.5) ? Math.Round(random.Uniform(0.2, 0.5), 2) : 0,
                random.Chance(0.6) ? Math.Round(random.Uniform(0.05, 0.25), 2) : 0,
                0,
                random.Chance(0.4) ? Math.Round(random.Uniform(0.88, 1), 2) : 1,
                random.Next(95, 101),
                random.Chance(0.3),
                random.Chance(0.8) ? random.Next(60, 91) : null),
            _ => new Degradation(rotation,
                Math.Round(sign * random.Uniform(2, 5), 2),
                HardScale(random, style),
                Math.Round(random.Uniform(0.6, 1.2), 2),
                Math.Round(random.Uniform(0.25, 0.6), 2),
                random.Chance(0.6) ? Math.Round(random.Uniform(0.02, 0.08), 3) : 0,
                random.Chance(0.6) ? Math.Round(random.Uniform(0.7, 0.92), 2) : 1,
                random.Next(80, 96),
                random.Chance(0.5),
                random.Next(25, 61)),
        };
    }

    /// <summary>One warp kind a third of the time each; magnitudes uniform, so about half mild and half strong.</summary>
    internal static PageWarp ChooseWarp(Random random) => random.Next(3) switch
    {
        0 => new KeystoneWarp(random.Pick(Enum.GetValues<PageEdge>()), Math.Round(random.Uniform(0.005, 0.03), 4)),
        1 => new BarrelWarp(Math.Round(random.Chance(1.0 / 3) ? -random.Uniform(0.005, 0.02) : random.Uniform(0.008, 0.03), 4)),
        _ => new CurlWarp(Math.Round(random.Uniform(0.0015, 0.005), 4), Math.Round(random.Uniform(1.5, 3), 2)),
    };

    /// <summary>
    /// A bilevel scan of the page: sampled so its digits are 16–32 px tall (200–300 dpi of a report's 9–12 pt print), cut
    /// at 40–60 % gray, stored without gray or JPEG. Blur, noise, specks, light and skew stay as the scan class drew them.
    /// </summary>
    internal static Degradation Bilevelled(Random random, Degradation degradation, RenderStyle style)
    {
        var digitHeight = 0.72 * style.FontSizePx * style.DeviceScaleFactor;
        return degradation with
        {
            Scale = Math.Round(random.Uniform(16, 32) / digitHeight, 3),
            Grayscale = true,
            JpegQuality = null,
            Bilevel = new Bilevel(random.Next(40, 61)),
        };
    }

    /// <summary>
    /// A table of another layout on the back of the sheet, shifted up to a tenth of the page each way, blurred by
    /// 1–2.5 px and lightened so its black prints at 78–92 % gray.
    /// </summary>
    internal ShowThrough ChooseShowThrough(Random random, IReadOnlyList<string> frontLayouts)
    {
        var others = _catalog.All.Select(l => l.Id).Where(id => !frontLayouts.Contains(id)).ToList();
        var layout = random.Pick(others.Count > 0 ? others : _catalog.All.Select(l => l.Id).ToList());
        return new ShowThrough(
            layout,
            random.Next(),
            Math.Round(random.Uniform(-0.1, 0.1), 3),
            Math.Round(random.Uniform(-0.1, 0.1), 3),
            Math.Round(random.Uniform(1, 2.5), 2),
            random.Next(78, 93));
    }

    /// <summary>
    /// The plan of the sheet's other side: one table of the show-through's layout and seed in the page's own style and
    /// scale (the same report printed on both sides), without the page's text; its degradation is never used.
    /// </summary>
    public ImagePlan BackSide(ImagePlan front)
    {
        var showThrough = front.Degradation.ShowThrough
            ?? throw new ArgumentException($"{front.Name} has no show-through.", nameof(front));
        var table = PlanTable(_catalog[showThrough.Layout], Seeds.Stream(showThrough.Seed, 10), Seeds.Derive(showThrough.Seed, 20),
            page: false, inconsistent: false, inconsistencyCandidate: false);
        return front with
        {
            Name = front.Name + "-back",
            Seed = showThrough.Seed,
            IsPage = false,
            Tables = [table],
            BodyParagraphs = [],
            PageTitle = null,
            Degradation = front.Degradation with { Warp = null, ShowThrough = null },
        };
    }

    /// <summary>Renders hard images large enough (digits ≥ 16 px) that the later downscale lands them at 11–16 px.</summary>
    private static double HardDeviceScale(Random random, int fontSizePx)
    {
        var needed = 16 / (0.72 * fontSizePx);
        return Math.Max(random.PickWeighted<double>([(1, 0.5), (1.5, 0.5)]), Math.Ceiling(needed * 4) / 4);
    }

    /// <summary>Downscales so digits end up about 11–16 px tall (digits are ~0.72 em).</summary>
    private static double HardScale(Random random, RenderStyle style)
    {
        var digitHeight = 0.72 * style.FontSizePx * style.DeviceScaleFactor;
        return Math.Round(Math.Clamp(random.Uniform(11, 16) / digitHeight, 0.3, 1.0), 3);
    }

    private static string ChooseExtension(Random random, Degradation degradation) =>
        random.Chance(0.06)
            ? random.Pick<string>(["tif", "bmp", "webp"])
            : degradation.JpegQuality is null ? "png" : random.Chance(0.9) ? "jpg" : "jpeg";
}
