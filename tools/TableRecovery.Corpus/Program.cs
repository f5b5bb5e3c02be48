using System.CommandLine;
using TableRecovery.Core.Layouts;
using TableRecovery.Corpus;
using TableRecovery.Corpus.Degradation;
using TableRecovery.Corpus.Planning;
using TableRecovery.Corpus.Reports;

var catalog = LayoutCatalog.Default;
var allLayouts = catalog.All.Select(l => l.Id).ToList();

var output = new Option<DirectoryInfo>("--out") { Description = "Directory for images, truth files and manifest.json.", Required = true };
var count = new Option<int>("--count") { Description = "Number of images (ignored by --preset fixture).", DefaultValueFactory = _ => 150 };
var seed = new Option<long>("--seed") { Description = "Master seed; the same seed gives the same corpus.", DefaultValueFactory = _ => 1 };
var classes = new Option<string>("--classes") { Description = "Scan classes to draw from: clean,mild,hard.", DefaultValueFactory = _ => "clean,mild,hard" };
var layouts = new Option<string>("--layouts") { Description = "Layouts to draw from (comma separated).", DefaultValueFactory = _ => string.Join(',', allLayouts) };
var preset = new Option<string>("--preset") { Description = "mix (default) or fixture (the committed sample composition).", DefaultValueFactory = _ => "mix" };
var workers = new Option<int>("--workers") { Description = "Parallel render/degrade workers.", DefaultValueFactory = _ => 2 };
var chromium = new Option<string>("--chromium") { Description = "Chromium executable.", DefaultValueFactory = _ => "/usr/bin/chromium" };
var keepHtml = new Option<bool>("--keep-html") { Description = "Also write the HTML each image was rendered from." };
var warp = new Option<string>("--warp")
{
    Description = "none (default: flat scans) or mixed (every image bent or photographed: keystone, barrel or curl).",
    DefaultValueFactory = _ => "none",
};
warp.AcceptOnlyFromAmong("none", "mixed");
var showThrough = new Option<string>("--show-through")
{
    Description = "none (default: blank backs) or mixed (every image shows another table, mirrored and faint, from the other side of the sheet).",
    DefaultValueFactory = _ => "none",
};
showThrough.AcceptOnlyFromAmong("none", "mixed");
var bilevel = new Option<string>("--bilevel")
{
    Description = "none (default: gray and colour scans) or mixed (every image a bilevel scan: fax, G4 TIFF, a scanned PDF's 1-bit page).",
    DefaultValueFactory = _ => "none",
};
bilevel.AcceptOnlyFromAmong("none", "mixed");
var latinFont = new Option<string>("--latin-font")
{
    Description = "none (default: digits in the CJK font's own glyphs) or mixed (every image prints its digits and Latin marks in a "
        + "Latin font beside the CJK one, as Word and Excel do: Times-, Arial- or Calibri-like).",
    DefaultValueFactory = _ => "none",
};
latinFont.AcceptOnlyFromAmong("none", "mixed");

var generate = new Command("generate", "Render synthetic report tables with ground truth.")
{
    output, count, seed, classes, layouts, preset, workers, chromium, keepHtml, warp, showThrough, bilevel, latinFont,
};
generate.SetAction(async (parse, cancellationToken) =>
{
    var chosenLayouts = Split(parse.GetValue(layouts)!);
    var unknown = chosenLayouts.Where(l => !catalog.TryGet(l, out _)).ToList();
    if (unknown.Count > 0)
    {
        await Console.Error.WriteLineAsync($"Unknown layouts: {string.Join(", ", unknown)}. Known: {string.Join(", ", allLayouts)}.");
        return 2;
    }
    var chosenClasses = Split(parse.GetValue(classes)!).Select(c => Enum.Parse<ScanClass>(c, ignoreCase: true)).ToList();
    var requests = parse.GetValue(preset) switch
    {
        "fixture" => Presets.Fixture(chosenLayouts),
        _ => Presets.Mix(parse.GetValue(count), chosenClasses, chosenLayouts),
    };
    var warpMode = parse.GetValue(warp) == "mixed" ? WarpMode.Mixed : WarpMode.None;
    var showThroughMode = parse.GetValue(showThrough) == "mixed" ? ShowThroughMode.Mixed : ShowThroughMode.None;
    var bilevelMode = parse.GetValue(bilevel) == "mixed" ? BilevelMode.Mixed : BilevelMode.None;
    var latinFontMode = parse.GetValue(latinFont) == "mixed" ? LatinFontMode.Mixed : LatinFontMode.None;
    requests = requests.Select(r => (r.Index, r.Request with
    {
        Warp = warpMode, ShowThrough = showThroughMode, Bilevel = bilevelMode, LatinFont = latinFontMode,
    })).ToList();
    var options = new CorpusOptions(parse.GetValue(output)!, parse.GetValue(seed), Math.Max(1, parse.GetValue(workers)),
        parse.GetValue(chromium)!, parse.GetValue(keepHtml));
    var generator = new CorpusGenerator(new ImagePlanner(catalog), new ScanDegrader(), Console.Out);
    var manifest = await generator.GenerateAsync(options, requests, cancellationToken);
    Console.WriteLine($"Wrote {manifest.Images.Count} images to {options.Output.FullName}.");
    return 0;
});

var reportsOutput = new Option<DirectoryInfo>("--out") { Description = "Directory for reports, truth files and manifest.json.", Required = true };
var reportsCount = new Option<int>("--count") { Description = "Number of reports (ignored by --preset fixture).", DefaultValueFactory = _ => 30 };
var reportsSeed = new Option<long>("--seed") { Description = "Master seed; the same seed gives the same reports.", DefaultValueFactory = _ => 1 };
var forms = new Option<string>("--forms")
{
    Description = "Forms to cycle through: " + string.Join(",", Enum.GetValues<ReportForm>().Select(ReportPlanner.FormName)) + ".",
    DefaultValueFactory = _ => string.Join(",", Enum.GetValues<ReportForm>().Select(ReportPlanner.FormName)),
};
var reportsPreset = new Option<string>("--preset") { Description = "mix (default) or fixture (the committed tests/fixtures/reports set).", DefaultValueFactory = _ => "mix" };
var reportsWorkers = new Option<int>("--workers") { Description = "Parallel render workers.", DefaultValueFactory = _ => 2 };
var reportsChromium = new Option<string>("--chromium") { Description = "Chromium executable.", DefaultValueFactory = _ => "/usr/bin/chromium" };
var reports = new Command("reports", "Generate whole reports (.docx, PDF, multi-page TIFF) with the tables as pictures, Word tables or text, and their truth.")
{
    reportsOutput, reportsCount, reportsSeed, forms, reportsPreset, reportsWorkers, reportsChromium,
};
reports.SetAction(async (parse, cancellationToken) =>
{
    IReadOnlyList<ReportRequest> requests;
    try
    {
        var chosen = Split(parse.GetValue(forms)!).Select(ReportPlanner.ParseForm).ToList();
        requests = parse.GetValue(reportsPreset) == "fixture" ? ReportPresets.Fixture() : ReportPresets.Mix(parse.GetValue(reportsCount), chosen);
    }
    catch (ArgumentException e)
    {
        await Console.Error.WriteLineAsync(e.Message);
        return 2;
    }
    var options = new ReportOptions(parse.GetValue(reportsOutput)!, parse.GetValue(reportsSeed), Math.Max(1, parse.GetValue(reportsWorkers)), parse.GetValue(reportsChromium)!);
    var generator = new ReportGenerator(new ReportPlanner(catalog), new ScanDegrader(), Console.Out);
    var manifest = await generator.GenerateAsync(options, requests, cancellationToken);
    Console.WriteLine($"Wrote {manifest.Reports.Count} reports to {options.Output.FullName}.");
    return 0;
});

var root = new RootCommand("TableRecovery corpus generator: synthetic 政府信息公开工作年度报告 tables with ground truth.") { generate, reports };
return await root.Parse(args).InvokeAsync();

static List<string> Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
