using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Ocr;

public sealed class DigitTemplatesTests
{
    /// <summary>A number cell of a read table with what the generator printed in it.</summary>
    private sealed record PrintedCell(LatticeCell Cell, PixelRect Ink, string Printed, IReadOnlyList<Reading> Readings);

    /// <summary>
    /// The corpus image read by the real engines, each single number cell with digits (or a slash) in it paired with
    /// the truth cell printed there.
    /// </summary>
    private static (byte[] Gray, int Width, int Height, List<PrintedCell> Cells) ReadPrinted(string name) =>
        ReadPrinted(Fixtures.CorpusWhere(c => c.Name == name));

    private static (byte[] Gray, int Width, int Height, List<PrintedCell> Cells) ReadPrinted(CorpusImage source) =>
        ReadPrinted(source.Name, source.Bytes, source.Tables);

    private static (byte[] Gray, int Width, int Height, List<PrintedCell> Cells) ReadPrinted(string name, byte[] bytes, IEnumerable<TruthTable> tables)
    {
        using var page = new ImageDecoder(100_000_000).Decode(name, bytes)[0];
        using var image = new PageNormalizer().Normalize(page, 0);
        using var engines = new EngineSet(Fixtures.Tessdata);
        var crops = CropMaker.For(image.Gray);
        var labels = new LabelReader(engines, crops);
        var truth = tables.SelectMany(t => t.Cells.Values).Where(c => c.Box is not null).ToList();
        var cells = new List<PrintedCell>();
        foreach (var table in TableFinder.Find(image))
        {
            var read = new TableReader().Read(image, new CellInks(image), crops, table, engines.Digits, labels, name);
            foreach (var cell in read.Cells.Where(c => c.IsNumeric && c.Cell.RowSpan == 1 && c.Cell.ColumnSpan == 1))
            {
                var printed = truth.Where(t => cell.SourceBox.Contains(t.Box!.Value.CenterX, t.Box.Value.CenterY)).ToList();
                var ink = CellInk.Measure(image.Binary, image.Width, image.Height, cell.Cell.Box, image.TextHeight);
                if (printed is [{ Text: var text }] && (text is "/" or DigitTemplates.None || text.Length > 0 && text.All(char.IsAsciiDigit)) && ink.InkBox is { } box)
                {
                    cells.Add(new PrintedCell(cell.Cell, box, text, cell.Readings));
                }
            }
        }
        return (crops.GrayPixels, crops.Width, crops.Height, cells);
    }

    private static readonly string[] Images = ["0001_requests-2021_clean.png", "0004_requests-2019_clean.png", "0005_requests-2021_mild.jpg",
        "0011_requests-2021_mild.jpg", "0006_appeals_mild.jpg"];

    /// <summary>Both tests look at the same tables; the engines read each once.</summary>
    private static readonly Lazy<Dictionary<string, (byte[] Gray, int Width, int Height, List<PrintedCell> Cells)>> Read =
        new(() => Images.ToDictionary(name => name, ReadPrinted));

    [Fact]
    public void Template_readings_of_clean_and_mild_tables_are_what_is_printed()
    {
        var lines = new List<string>();
        int cells = 0, read = 0, sure = 0, sureWrong = 0;
        foreach (var name in Images)
        {
            var printed = Read.Value[name].Cells;
            var templates = printed.Select(c => (c, Template: c.Readings.FirstOrDefault(r => r.Method == ReadingMethod.Template))).ToList();
            cells += printed.Count;
            read += templates.Count(t => t.Template is not null);
            foreach (var (cell, template) in templates.Where(t => t.Template is { Confidence: >= 0.9 }))
            {
                sure++;
                if (template!.Text != cell.Printed)
                {
                    sureWrong++;
                    lines.Add($"{name} r{cell.Cell.Row}c{cell.Cell.Column}: printed {cell.Printed}, template {template.Text}@{template.Confidence:0.00}");
                }
            }
        }
        var summary = $"{cells} number cells, {read} read by templates, {sure} at ≥ 0.9 of which {sureWrong} wrong";
        Assert.True(read >= cells * 0.6, $"templates read too few: {summary}");
        Assert.True(sureWrong <= sure / 200, $"{summary}:\n{string.Join("\n", lines)}");
    }

    /// <summary>
    /// A glyph of a digit the table's sure numbers never showed resembles some other digit best; it must not
    /// be read as that digit with confidence.
    /// </summary>
    [Fact]
    public void A_digit_no_sure_number_showed_is_not_read_as_another()
    {
        var lines = new List<string>();
        var cells = 0;
        foreach (var name in Images)
        {
            var (gray, width, height, printed) = Read.Value[name];
            cells += printed.Count(c => c.Printed.Any(ch => ch is >= '1' and <= '9'));
            foreach (var unseen in "123456789")
            {
                var taught = printed.Where(c => !c.Printed.Contains(unseen)).Select(c => (c.Ink, c.Printed));
                var templates = DigitTemplates.Learn(gray, width, height, taught);
                foreach (var cell in printed.Where(c => c.Printed.Contains(unseen)))
                {
                    if (templates.Read(cell.Ink) is { Confidence: >= 0.5 } wrong)
                    {
                        lines.Add($"{name}, {unseen} unseen: printed {cell.Printed}, template {wrong.Text}@{wrong.Confidence:0.00}");
                    }
                }
            }
        }
        Assert.True(lines.Count <= cells / 50, $"{lines.Count} of {cells} cells with an unseen digit read with confidence:\n{string.Join("\n", lines)}");
    }

    /// <summary>
    /// A table printing its zeros as slashes: the engine reads some as nothing or as 7. The slashes it read surely
    /// teach the templates the table's slash like any digit.
    /// </summary>
    [Fact]
    public void Slashes_printed_for_zero_are_read_by_the_templates()
    {
        var source = Fixtures.Case("0061_page-2021_mild_requests");
        var slashes = ReadPrinted(source).Cells.Where(c => c.Printed == "/").ToList();
        var templates = slashes.Select(c => c.Readings.FirstOrDefault(r => r.Method == ReadingMethod.Template)).ToList();
        var right = templates.Count(t => t?.Text == "/");
        var wrong = templates.Where(t => t is not null && t.Text != "/").Select(t => $"{t!.Text}@{t.Confidence:0.00}").ToList();
        // Measured: 131 of the 141 slashes read, none as anything else.
        Assert.True(slashes.Count >= 100 && right >= slashes.Count * 0.8 && wrong.Count == 0,
            $"{right} of {slashes.Count} slashes read as slashes; wrong: {string.Join(", ", wrong)}");
    }

    /// <summary>
    /// A table printing its zeros as 无 on a noisy scan (page 2 of report 0029 of `reports --count 30 --seed 5`):
    /// the Chinese model reads many of them as 现, 加, 国 or 天, or the digits engine as 7. The 无 it read surely
    /// teach the templates the table's 无, which the rest then resemble.
    /// </summary>
    [Fact]
    public void Zeros_printed_as_wu_are_read_by_the_templates()
    {
        var cases = Fixtures.CasesDirectory;
        var truth = CorpusImage.Load(Path.Combine(cases, "0029_tiff-pages_2021.truth.json")).Tables.Where(t => t.Layout == "requests-2021");
        var printed = ReadPrinted("0029_tiff-pages_2021_page2.jpg", File.ReadAllBytes(Path.Combine(cases, "0029_tiff-pages_2021_page2.jpg")), truth).Cells;
        var wu = printed.Where(c => c.Printed == DigitTemplates.None).ToList();
        var templates = wu.Select(c => c.Readings.FirstOrDefault(r => r.Method == ReadingMethod.Template)).ToList();
        var right = templates.Count(t => t is { Text: DigitTemplates.None, Confidence: >= 0.5 });
        var wrong = printed.Where(c => c.Printed != DigitTemplates.None)
            .Select(c => (c, Template: c.Readings.FirstOrDefault(r => r.Method == ReadingMethod.Template)))
            .Where(x => x.Template is { Text: DigitTemplates.None })
            .Select(x => $"printed {x.c.Printed} read 无@{x.Template!.Confidence:0.00}").ToList();
        // Measured: 154 of the 157 printed 无 read as 无, no number read as 无.
        Assert.True(wu.Count >= 100 && right >= wu.Count * 0.9 && wrong.Count == 0,
            $"{right} of {wu.Count} printed 无 read as 无 by the templates; numbers read as 无: {string.Join(", ", wrong)}");
    }

    /// <summary>
    /// A faint blurred serif scan (0071 of `generate --count 80 --seed 9090`): the engine reads its hundred-odd zeros
    /// only fairly (0.5–0.8), so hardly a cell and strip agree surely enough to teach the templates a 0. The zeros
    /// whose one tall loop confirms the engine's 0 teach them instead, and the templates then read the rest.
    /// </summary>
    [Fact]
    public void Zeros_the_engine_reads_only_fairly_are_read_by_the_templates_once_their_loops_confirm_some()
    {
        var source = Fixtures.Case("0071_requests-2019_hard_fresh");
        var printed = ReadPrinted(source).Cells;
        var zeros = printed.Where(c => c.Printed == "0").ToList();
        var right = zeros.Count(c => c.Readings.Any(r => r is { Method: ReadingMethod.Template, Text: "0", Confidence: >= 0.9 }));
        var wrong = printed
            .Select(c => (c, Template: c.Readings.FirstOrDefault(r => r.Method == ReadingMethod.Template && r.Confidence >= 0.9)))
            .Where(x => x.Template is not null && x.Template.Text != x.c.Printed)
            .Select(x => $"printed {x.c.Printed} read {x.Template!.Text}@{x.Template.Confidence:0.00}").ToList();
        // Measured: 20 zeros read surely by the templates, 12 when the loops teach them nothing (38 and 0 before the
        // deskew stopped turning the page by shears, which broke up glyphs the engine now reads better), none wrong.
        Assert.True(zeros.Count >= 100 && right >= 16 && wrong.Count == 0,
            $"{right} of {zeros.Count} printed zeros read surely as 0 by the templates; sure template readings wrong: {string.Join(", ", wrong)}");
    }

    [Fact]
    public void Touching_digits_the_engine_reads_a_digit_short_are_cut_apart_by_the_tables_digit_width()
    {
        // A mild scan of a requests table (0003 of the benchmark corpus) in a tight font: the 5 and 4 of 544484 touch, and
        // the cell reads 44484. The run is as wide as two of the table's digits, so the templates cut it in two.
        var source = Fixtures.Case("0003_requests-2019_mild");
        var cell = ReadPrinted(source).Cells.Single(c => c.Printed == "544484");
        Assert.True(cell.Readings.Any(r => r is { Method: ReadingMethod.Template, Text: "544484" }),
            $"printed 544484, read [{string.Join(", ", cell.Readings.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}"))}]");
    }
}
