using System.Globalization;
using TableRecovery.Core.Results;

namespace TableRecovery.Core.Documents.Pdf;

/// <summary>Settings of PDF reading.</summary>
/// <param name="RenderDpi">Pages are rendered at this resolution (at least 200: digits of a 10.5 pt table are then ~20 px).</param>
/// <param name="MaxPages">Longer PDFs are refused (reports have a handful of pages).</param>
/// <param name="MaxPixels">A page is rendered at a lower resolution rather than above this many pixels.</param>
public sealed record PdfReadOptions(int RenderDpi, int MaxPages, long MaxPixels);

/// <summary>
/// Turns a PDF into its pictures, page by page, with poppler's tools: a page with a text layer is rendered and carries its
/// words (tables on it are read from the text, not by OCR); a page without text gives its embedded pictures (a scan at
/// its own resolution), or, holding none, its rendering. The title is read from the first pages' text.
/// </summary>
public sealed class PdfReader(PopplerTools tools, PdfReadOptions options)
{
    /// <summary>Pictures smaller than this (logos, seals, rules drawn as images) cannot hold a table.</summary>
    private const int MinimumPictureSide = 120;

    /// <summary>A page whose pictures cover more than this share is a scan; a text layer on it is OCR, not the printed text.</summary>
    private const double ScanCoverage = 0.5;

    public DocumentContent Read(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("tablerecovery-pdf-");
        try
        {
            var input = Path.Combine(folder.FullName, "input.pdf");
            File.WriteAllBytes(input, bytes.ToArray());
            var pageCount = PageCount(input, cancellationToken);
            var text = TextPages(input, cancellationToken);
            var images = ImageList(input, cancellationToken);
            var parts = new List<DocumentPart>();
            var problems = new List<PartProblem>();
            for (var page = 1; page <= pageCount; page++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var pageText = page <= text.Count ? text[page - 1] : null;
                var pageImages = images.Where(i => i.Page == page).ToList();
                try
                {
                    parts.AddRange(PagePictures(input, folder.FullName, page, pageText, pageImages, cancellationToken));
                }
                catch (PopplerToolException e)
                {
                    problems.Add(new PartProblem(ErrorCodes.CorruptDocument, $"Page {page} could not be rendered: {e.Message}"));
                }
            }
            var title = ReportTitleParser.Find(text.Take(2).SelectMany(p => p.Lines));
            return new DocumentContent(parts, title, problems);
        }
        finally
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }

    private int PageCount(string input, CancellationToken cancellationToken)
    {
        var info = tools.Run("pdfinfo", [input], cancellationToken);
        if (info.ExitCode != 0)
        {
            if (info.StandardError.Contains("password", StringComparison.OrdinalIgnoreCase))
            {
                throw new DocumentReadException(ErrorCodes.EncryptedDocument,
                    "The PDF is encrypted with a password; it cannot be read. Send the report without a password.");
            }
            throw new DocumentReadException(ErrorCodes.CorruptDocument,
                $"The PDF cannot be read: it is damaged or truncated ({FirstLine(info.StandardError)}).");
        }
        var pagesLine = info.StandardOutput.Split('\n').FirstOrDefault(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        if (pagesLine is null || !int.TryParse(pagesLine["Pages:".Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pages) || pages <= 0)
        {
            throw new DocumentReadException(ErrorCodes.CorruptDocument, "The PDF holds no readable page: it is damaged or truncated.");
        }
        if (pages > options.MaxPages)
        {
            throw new DocumentReadException(ErrorCodes.DocumentTooLarge,
                $"The PDF has {pages} pages, over the limit of {options.MaxPages}; it was not read.");
        }
        return pages;
    }

    private IReadOnlyList<PdfTextPage> TextPages(string input, CancellationToken cancellationToken)
    {
        var output = input + ".html";
        var result = tools.Run("pdftotext", ["-bbox-layout", "-enc", "UTF-8", input, output], cancellationToken);
        // A PDF that forbids copying, or whose text cannot be extracted, is read from its pictures instead.
        return result.ExitCode == 0 && File.Exists(output) ? BboxLayout.Parse(File.ReadAllText(output)) : [];
    }

    private sealed record PdfImage(int Page, int Index, string Type, int Width, int Height, double XPpi, double YPpi);

    /// <summary>Every image of the PDF as <c>pdfimages -list</c> lists them (soft masks included, so indices match the files).</summary>
    private IReadOnlyList<PdfImage> ImageList(string input, CancellationToken cancellationToken)
    {
        var result = tools.Run("pdfimages", ["-list", input], cancellationToken);
        if (result.ExitCode != 0)
        {
            return [];
        }
        var images = new List<PdfImage>();
        var perPage = new Dictionary<int, int>();
        foreach (var line in result.StandardOutput.Split('\n').Skip(2))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 14 || !int.TryParse(f[0], CultureInfo.InvariantCulture, out var page))
            {
                continue;
            }
            var index = perPage.GetValueOrDefault(page);
            perPage[page] = index + 1;
            images.Add(new PdfImage(page, index, f[2], Int(f[3]), Int(f[4]), Real(f[12]), Real(f[13])));
        }
        return images;

        static int Int(string s) => int.TryParse(s, CultureInfo.InvariantCulture, out var v) ? v : 0;
        static double Real(string s) => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }

    private IEnumerable<DocumentPart> PagePictures(string input, string folder, int page, PdfTextPage? text, List<PdfImage> images,
        CancellationToken cancellationToken)
    {
        var name = $"page-{page}";
        var pictures = images.Where(i => i.Type == "image" && i.Width >= MinimumPictureSide && i.Height >= MinimumPictureSide).ToList();
        var headings = text?.Lines.Where(SectionHeadings.IsSectionHeading).ToList() ?? [];
        if (text is { Words.Count: > 0 })
        {
            var coverage = text.Width * text.Height <= 0 ? 0 : pictures.Sum(i => Area(i)) / (text.Width * text.Height);
            var (png, dpi) = Render(input, folder, page, text.Width, text.Height, cancellationToken);
            var scale = dpi / 72.0;
            var words = text.Words.Select(w => new TextWord(w.Text, w.XMin * scale, w.YMin * scale, (w.XMax - w.XMin) * scale, (w.YMax - w.YMin) * scale)).ToList();
            return [new PicturePart(name, png, headings, new TextLayer(words, TrustedForTables: coverage < ScanCoverage))];
        }
        if (pictures.Count == 0)
        {
            var (png, _) = Render(input, folder, page, text?.Width ?? 0, text?.Height ?? 0, cancellationToken);
            return [new PicturePart(name, png, headings)];
        }
        var prefix = Path.Combine(folder, $"p{page}");
        var extracted = tools.Run("pdfimages", ["-png", "-f", Num(page), "-l", Num(page), input, prefix], cancellationToken);
        if (extracted.ExitCode != 0)
        {
            throw new PopplerToolException($"pdfimages failed: {FirstLine(extracted.StandardError)}");
        }
        var parts = new List<DocumentPart>();
        var k = 0;
        foreach (var image in pictures)
        {
            k++;
            var file = $"{prefix}-{image.Index:D3}.png";
            if (File.Exists(file))
            {
                parts.Add(new PicturePart(pictures.Count == 1 ? name : $"{name}/image-{k}", File.ReadAllBytes(file), k == 1 ? headings : []));
            }
        }
        return parts;
    }

    /// <summary>Renders one page in gray at the configured resolution, lower if the page is so large that it would pass the pixel budget.</summary>
    private (byte[] Png, int Dpi) Render(string input, string folder, int page, double widthPoints, double heightPoints, CancellationToken cancellationToken)
    {
        var dpi = options.RenderDpi;
        var points = widthPoints * heightPoints;
        if (points > 0)
        {
            var maxDpi = (int)Math.Floor(72 * Math.Sqrt(options.MaxPixels / points));
            dpi = Math.Max(36, Math.Min(dpi, maxDpi));
        }
        var prefix = Path.Combine(folder, $"render-{page}");
        var result = tools.Run("pdftoppm", ["-r", Num(dpi), "-f", Num(page), "-l", Num(page), "-gray", "-png", "-singlefile", input, prefix], cancellationToken);
        var file = prefix + ".png";
        if (result.ExitCode != 0 || !File.Exists(file))
        {
            throw new PopplerToolException($"pdftoppm failed: {FirstLine(result.StandardError)}");
        }
        var png = File.ReadAllBytes(file);
        File.Delete(file);
        return (png, dpi);
    }

    private static double Area(PdfImage image) =>
        image.XPpi <= 0 || image.YPpi <= 0 ? 0 : image.Width / image.XPpi * 72 * (image.Height / image.YPpi * 72);

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no message";
}
