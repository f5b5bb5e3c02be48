using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using TableRecovery.Corpus.Degradation;
using TableRecovery.Corpus.Grids;
using TableRecovery.Corpus.Output;
using TableRecovery.Corpus.Planning;
using TableRecovery.Corpus.Rendering;

namespace TableRecovery.Corpus.Reports;

/// <summary>Where and how many reports to generate.</summary>
public sealed record ReportOptions(DirectoryInfo Output, long Seed, int Workers, string ChromiumPath);

/// <summary>One report to make: its index (for the seed), its form, and what the caller pins down.</summary>
public sealed record ReportRequest(int Index, ReportForm Form, ScanClass? ScanClass = null, bool? Cut = null, bool? Inconsistent = null, bool? Vml = null);

/// <summary>
/// Generates whole reports with ground truth: the tables rendered by headless Chromium (as pictures, degraded by
/// ImageMagick like any corpus image, or printed to PDF with their text), assembled into .docx, PDF or multi-page TIFF.
/// </summary>
public sealed partial class ReportGenerator(ReportPlanner planner, ScanDegrader degrader, TextWriter log)
{
    public async Task<ReportManifest> GenerateAsync(ReportOptions options, IReadOnlyList<ReportRequest> requests, CancellationToken cancellationToken)
    {
        options.Output.Create();
        var plans = requests.Select(r => planner.Plan(options.Seed, r.Index, r.Form, r.ScanClass, r.Cut, r.Inconsistent, r.Vml)).ToList();
        var entries = new ConcurrentBag<(int Order, ReportManifestEntry Entry)>();
        var browsers = new List<ChromiumRenderer>();
        var tabs = new ConcurrentQueue<ChromiumTab>();
        var clock = Stopwatch.StartNew();
        try
        {
            for (var i = 0; i < options.Workers; i++)
            {
                var browser = await ChromiumRenderer.StartAsync(options.ChromiumPath, cancellationToken).ConfigureAwait(false);
                browsers.Add(browser);
                tabs.Enqueue(await browser.OpenTabAsync(cancellationToken).ConfigureAwait(false));
            }
            var done = 0;
            await Parallel.ForEachAsync(plans.Select((plan, order) => (plan, order)),
                new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = cancellationToken },
                async (item, ct) =>
                {
                    if (!tabs.TryDequeue(out var tab))
                    {
                        throw new InvalidOperationException("More workers than tabs.");
                    }
                    try
                    {
                        entries.Add((item.order, await GenerateOneAsync(item.plan, tab, options.Output.FullName, ct).ConfigureAwait(false)));
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        throw new InvalidOperationException($"Generating {item.plan.FileName} failed: {ex.Message}", ex);
                    }
                    finally
                    {
                        tabs.Enqueue(tab);
                    }
                    var n = Interlocked.Increment(ref done);
                    await log.WriteLineAsync($"{n}/{plans.Count} reports ({item.plan.FileName}), {clock.Elapsed.TotalSeconds:0.0} s").ConfigureAwait(false);
                }).ConfigureAwait(false);
        }
        finally
        {
            foreach (var browser in browsers)
            {
                await browser.DisposeAsync().ConfigureAwait(false);
            }
        }
        var manifest = new ReportManifest("TableRecovery.Corpus reports", options.Seed, plans.Count, entries.OrderBy(e => e.Order).Select(e => e.Entry).ToList());
        await File.WriteAllTextAsync(Path.Combine(options.Output.FullName, "manifest.json"), manifest.ToJson(), cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    /// <summary>A table's part: the whole table, or one side of a cut, and where it ended up.</summary>
    private sealed class Placed(int table, TablePlan plan)
    {
        public int Table { get; } = table;
        public TablePlan Plan { get; } = plan;
        public string Picture { get; set; } = "";
        public IReadOnlyDictionary<string, int[]> Boxes { get; set; } = new Dictionary<string, int[]>();
        public int[]? TableBox { get; set; }
    }

    private async Task<ReportManifestEntry> GenerateOneAsync(ReportPlan plan, ChromiumTab tab, string output, CancellationToken cancellationToken)
    {
        var parts = Parts(plan);
        var work = Directory.CreateTempSubdirectory("corpus-report-");
        try
        {
            var (bytes, pictures, size) = plan.Form switch
            {
                ReportForm.DocxPictures or ReportForm.DocxCut => await DocxWithPicturesAsync(plan, parts, tab, work.FullName, cancellationToken).ConfigureAwait(false),
                ReportForm.DocxTables => DocxWithTables(plan, parts),
                ReportForm.PdfDigital => await DigitalPdfAsync(plan, parts, tab, work.FullName, cancellationToken).ConfigureAwait(false),
                _ => await ScannedPagesAsync(plan, parts, tab, work.FullName, cancellationToken).ConfigureAwait(false),
            };
            await File.WriteAllBytesAsync(Path.Combine(output, plan.FileName), bytes, cancellationToken).ConfigureAwait(false);
            var truth = Truth(plan, parts, pictures, size);
            var truthName = plan.Name + ".truth.json";
            await File.WriteAllTextAsync(Path.Combine(output, truthName), truth.ToJson(), cancellationToken).ConfigureAwait(false);
            return new ReportManifestEntry(plan.FileName, truthName, ReportPlanner.FormName(plan.Form), truth.ScanClass,
                plan.Tables.Select(t => t.Truth.Layout.Id).ToList(), plan.Cut is not null, plan.Tables.Any(t => t.Truth.BrokenIdentities.Count > 0));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static List<Placed> Parts(ReportPlan plan)
    {
        var parts = new List<Placed>();
        for (var i = 0; i < plan.Tables.Count; i++)
        {
            var table = plan.Tables[i];
            if (plan.Cut is { } cut && cut.TableIndex == i)
            {
                var (head, tail) = GridSplitter.Split(table.Grid, cut.LatticeRow, cut.RepeatHeader);
                parts.Add(new Placed(i, table with { Grid = head }));
                parts.Add(new Placed(i, table with { Grid = tail, Heading = null, Variant = table.Variant with { TitleRow = null } }));
            }
            else
            {
                parts.Add(new Placed(i, table));
            }
        }
        return parts;
    }

    private async Task<(byte[], List<string>, (int, int))> DocxWithPicturesAsync(ReportPlan plan, List<Placed> parts, ChromiumTab tab, string work,
        CancellationToken cancellationToken)
    {
        var docx = new DocxWriter();
        docx.Title(plan.Title);
        docx.Text(plan.Paragraphs[0]);
        docx.Text(plan.Paragraphs[1]);
        var pictures = new List<string>();
        var size = (0, 0);
        var jpeg = plan.Degradation.JpegQuality is not null;
        for (var k = 0; k < parts.Count; k++)
        {
            var part = parts[k];
            if (part.Plan.Heading is { } heading)
            {
                docx.Heading(heading);
            }
            var image = new ImagePlan($"picture-{k}", jpeg ? "jpg" : "png", plan.Seed, plan.ScanClass, false,
                [part.Plan with { Heading = null }], plan.Style, plan.Degradation, [], null);
            var picture = await RenderAsync(image, tab, work, Seeds.Derive(plan.Seed, 100 + k), cancellationToken).ConfigureAwait(false);
            part.Picture = docx.Picture(picture.Bytes, jpeg, picture.Width, picture.Height, plan.VmlPictures);
            part.Boxes = picture.Boxes[0];
            part.TableBox = picture.TableBoxes[0];
            pictures.Add(part.Picture);
            size = size == (0, 0) ? (picture.Width, picture.Height) : size;
            if (k == parts.Count - 1 || parts[k + 1].Table != part.Table)
            {
                docx.Text(plan.Paragraphs[2 + Math.Min(part.Table, 2)]);
            }
        }
        return (docx.ToBytes(), pictures, size);
    }

    private static (byte[], List<string>, (int, int)) DocxWithTables(ReportPlan plan, List<Placed> parts)
    {
        var docx = new DocxWriter();
        docx.Title(plan.Title);
        docx.Text(plan.Paragraphs[0]);
        var names = new List<string>();
        for (var k = 0; k < parts.Count; k++)
        {
            var part = parts[k];
            if (part.Plan.Heading is { } heading)
            {
                docx.Heading(heading);
            }
            docx.Table(part.Plan.Grid);
            part.Picture = $"table-{k + 1}";
            names.Add(part.Picture);
            if (k == parts.Count - 1 || parts[k + 1].Table != part.Table)
            {
                docx.Text(plan.Paragraphs[1 + part.Table]);
            }
        }
        return (docx.ToBytes(), names, (0, 0));
    }

    /// <summary>Scanned pages: the title and the active table; the requests table; the appeals table (a cut table's tail heads the third page).</summary>
    private async Task<(byte[], List<string>, (int, int))> ScannedPagesAsync(ReportPlan plan, List<Placed> parts, ChromiumTab tab, string work,
        CancellationToken cancellationToken)
    {
        var pages = new List<List<Placed>> { parts.Where(p => p.Table == 0).ToList() };
        if (plan.Cut is null)
        {
            pages.Add(parts.Where(p => p.Table == 1).ToList());
            pages.Add(parts.Where(p => p.Table == 2).ToList());
        }
        else
        {
            var requests = parts.Where(p => p.Table == 1).ToList();
            pages.Add([requests[0]]);
            pages.Add([requests[1], .. parts.Where(p => p.Table == 2)]);
        }
        var pdf = plan.Form == ReportForm.PdfScanned;
        var files = new List<byte[]>();
        var names = new List<string>();
        var size = (0, 0);
        for (var p = 0; p < pages.Count; p++)
        {
            var paragraphs = p switch
            {
                0 => new List<string> { plan.Paragraphs[0] },
                _ when p == pages.Count - 1 && plan.Cut is null => [plan.Paragraphs[1], plan.Paragraphs[2]],
                _ => [],
            };
            var image = new ImagePlan($"page-{p + 1}", pdf ? "jpg" : "png", plan.Seed, plan.ScanClass, true,
                pages[p].Select(x => x.Plan).ToList(), plan.Style, plan.Degradation, paragraphs, p == 0 ? plan.Title : null);
            var picture = await RenderAsync(image, tab, work, Seeds.Derive(plan.Seed, 100 + p), cancellationToken).ConfigureAwait(false);
            for (var t = 0; t < pages[p].Count; t++)
            {
                pages[p][t].Picture = $"page-{p + 1}";
                pages[p][t].Boxes = picture.Boxes[t];
                pages[p][t].TableBox = picture.TableBoxes[t];
            }
            files.Add(picture.Bytes);
            names.Add($"page-{p + 1}");
            size = size == (0, 0) ? (picture.Width, picture.Height) : size;
        }
        if (pdf)
        {
            return (ScanPdfWriter.Write(files, 200), names, size);
        }
        var paths = files.Select((f, i) => Path.Combine(work, $"tiff-{i}.png")).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            await File.WriteAllBytesAsync(paths[i], files[i], cancellationToken).ConfigureAwait(false);
        }
        var tif = Path.Combine(work, "report.tif");
        await RunAsync("convert", [.. paths, "-compress", "LZW", "-strip", tif], cancellationToken).ConfigureAwait(false);
        return (await File.ReadAllBytesAsync(tif, cancellationToken).ConfigureAwait(false), names, size);
    }

    /// <summary>
    /// A born-digital PDF: the report as one HTML document printed by Chromium, a page break before the requests and the
    /// appeals sections (and inside a cut table). Which page holds each table is read back from the PDF's text.
    /// </summary>
    private async Task<(byte[], List<string>, (int, int))> DigitalPdfAsync(ReportPlan plan, List<Placed> parts, ChromiumTab tab, string work,
        CancellationToken cancellationToken)
    {
        const int ContentWidthPx = 660;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>")
            .Append(TableHtmlRenderer.Css(plan.Style))
            .Append("#sheet{display:block;padding:0} .brk{break-before:page} h2{break-after:avoid} table.grid tr{break-inside:avoid}")
            .Append("</style></head><body><div id=\"sheet\">");
        html.Append("<h1>").Append(WebUtility.HtmlEncode(plan.Title)).Append("</h1>");
        html.Append("<p>").Append(WebUtility.HtmlEncode(plan.Paragraphs[0])).Append("</p>");
        for (var k = 0; k < parts.Count; k++)
        {
            var part = parts[k];
            if (k > 0)
            {
                html.Append("<div class=\"brk\"></div>");
            }
            if (part.Plan.Heading is { } heading)
            {
                html.Append("<h2>").Append(WebUtility.HtmlEncode(heading)).Append("</h2>");
            }
            var width = TableHtmlRenderer.ColumnWidths(part.Plan.Truth.Layout.Id, part.Plan.Grid, part.Plan.Variant.ExtraBlankColumn, plan.Style).Sum();
            var zoom = Math.Min(1, (double)ContentWidthPx / width);
            html.Append(CultureInfo.InvariantCulture, $"<div style=\"zoom:{zoom:0.###}\">")
                .Append(TableHtmlRenderer.Render(part.Plan, plan.Style, k))
                .Append("</div>");
            if (k == parts.Count - 1)
            {
                html.Append("<p>").Append(WebUtility.HtmlEncode(plan.Paragraphs[1])).Append("</p>");
            }
        }
        html.Append("</div></body></html>");
        var pdf = await tab.PrintPdfAsync(html.ToString(), cancellationToken).ConfigureAwait(false);
        pdf = FixedDates(pdf);
        var path = Path.Combine(work, "report.pdf");
        await File.WriteAllBytesAsync(path, pdf, cancellationToken).ConfigureAwait(false);
        var text = await RunAsync("pdftotext", ["-enc", "UTF-8", path, "-"], cancellationToken).ConfigureAwait(false);
        var pages = text.Split('\f').Select(p => Regex.Replace(p, @"\s+", "")).ToList();
        var names = new List<string>();
        var page = 0;
        foreach (var part in parts)
        {
            // Each part starts a page (a forced break); a heading found further on means the previous part overflowed.
            page++;
            if (part.Plan.Heading is { } heading)
            {
                var found = pages.FindIndex(page - 1, p => p.Contains(Regex.Replace(heading, @"\s+", ""), StringComparison.Ordinal));
                page = found >= 0 ? found + 1 : page;
            }
            part.Picture = $"page-{page}";
            names.Add(part.Picture);
        }
        return (pdf, names.Distinct().ToList(), (0, 0));
    }

    private sealed record RenderedPicture(byte[] Bytes, int Width, int Height, List<Dictionary<string, int[]>> Boxes, List<int[]?> TableBoxes);

    private async Task<RenderedPicture> RenderAsync(ImagePlan image, ChromiumTab tab, string work, int noiseSeed, CancellationToken cancellationToken)
    {
        var html = PageComposer.Compose(image);
        var rendered = await tab.RenderAsync(html, image.Style.DeviceScaleFactor,
            geometry => LineBreaker.Choose(Seeds.Stream(noiseSeed, 5), geometry, image.Style), cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(work, image.FileName);
        var scan = await degrader.DegradeAsync(rendered.Png, image.Degradation, noiseSeed, path, cancellationToken).ConfigureAwait(false);
        var dsf = rendered.DeviceScaleFactor;
        var sheet = rendered.Geometry.Sheet;
        int[] Map(double[] box) => scan.MapBox((box[0] - sheet[0]) * dsf, (box[1] - sheet[1]) * dsf, box[2] * dsf, box[3] * dsf, image.Degradation);
        var boxes = rendered.Geometry.Tables
            .Select(t => t.Cells.Where(c => c.Id is not null).ToDictionary(c => c.Id!, c => Map(c.Box), StringComparer.Ordinal))
            .ToList();
        var tableBoxes = rendered.Geometry.Tables.Select(t => (int[]?)Map(t.Box)).ToList();
        return new RenderedPicture(await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false), scan.Final.Width, scan.Final.Height, boxes, tableBoxes);
    }

    private static ReportTruthFile Truth(ReportPlan plan, List<Placed> parts, List<string> pictures, (int Width, int Height) size)
    {
        var style = plan.Style;
        var d = plan.Degradation;
        var pixels = plan.Form is not (ReportForm.DocxTables or ReportForm.PdfDigital);
        var tables = plan.Tables.Select((table, index) =>
        {
            var mine = parts.Where(p => p.Table == index).ToList();
            var grid = table.Grid.Cells.Where(c => c.CellId is not null).ToDictionary(c => c.CellId!, StringComparer.Ordinal);
            var cells = table.Truth.Layout.Cells.ToDictionary(c => c.Id, c =>
            {
                var g = grid[c.Id];
                var holder = mine.First(p => p.Plan.Grid.Cells.Any(x => x.CellId == c.Id));
                return new ReportTruthCell(table.Truth[c.Id], g.Text, [g.Row, g.Column, g.RowSpan, g.ColumnSpan],
                    pixels ? holder.Boxes.GetValueOrDefault(c.Id) : null, holder.Picture);
            }, StringComparer.Ordinal);
            return new ReportTruthTable(table.Truth.Layout.Id, table.Truth.Layout.Section, table.Heading, table.Caption, table.Variant.TitleRow,
                table.Variant.ExtraBlankColumn, table.Variant.TotalSpansHeaderRows, table.Variant.Print.ZeroText, table.Variant.Print.ThousandsSeparators,
                table.Grid.Rows, table.Grid.Columns, pixels && mine.Count == 1 ? mine[0].TableBox : null, cells, table.Truth.BrokenIdentities,
                mine[0].Picture, mine.Select(p => p.Picture).Distinct().ToList());
        }).ToList();
        return new ReportTruthFile(
            plan.FileName, ReportPlanner.FormName(plan.Form), new ReportTruthInfo(plan.Agency, plan.Year, plan.Title), pictures,
            plan.ScanClass.ToString().ToLowerInvariant(), plan.Seed, false, 0, d.SkewDegrees, d.Scale, style.DeviceScaleFactor,
            size.Width, size.Height, style.FontFamily, style.FontSizePx, Math.Round(0.72 * style.FontSizePx * style.DeviceScaleFactor * d.Scale, 1),
            new TruthStyle(style.BorderPx, style.BorderColor, style.TextColor, style.PaddingPx, style.NumberAlign, style.HeaderShade, style.LineGaps, style.MissingLineThirds),
            new TruthDegradation(d.BlurSigma, d.GaussianNoise, d.SaltAndPepper, d.Illumination, d.BackgroundLevel, d.Grayscale, d.JpegQuality),
            tables);
    }

    /// <summary>Chromium stamps the print time into the PDF; a fixed date of the same length keeps the offsets and makes the bytes reproducible.</summary>
    private static byte[] FixedDates(byte[] pdf) =>
        System.Text.Encoding.Latin1.GetBytes(PdfDate().Replace(System.Text.Encoding.Latin1.GetString(pdf), "D:20240101000000"));

    [GeneratedRegex(@"D:\d{14}")]
    private static partial Regex PdfDate();

    private static async Task<string> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {tool}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await stderr.ConfigureAwait(false)}");
        }
        return await stdout.ConfigureAwait(false);
    }
}
