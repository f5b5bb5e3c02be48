using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Ocr;

public sealed class TableReaderTests
{
    [Fact]
    public void A_number_in_a_column_with_too_few_digits_to_vote_is_read_as_a_number()
    {
        // A mild scan of an active table (0086 of the benchmark corpus): 本年废止件数 holds two numbers, a faint 3 and
        // 93, too few digit shapes for the column vote; chi_sim read the 3 as 了. Its ink is shaped like a number and
        // sits right of a number in its row.
        var (printed, cell) = ReadPrintedCell("0086_active-2021_mild", "art20_1.rules/repealed");

        Assert.True(cell.IsNumeric && cell.Readings.Any(r => r.Text == printed.Text && r.Confidence >= 0.75), Describe(printed, cell));
    }

    [Fact]
    public void A_lone_number_in_a_row_of_its_own_in_a_column_of_numbers_is_read_as_a_number()
    {
        // A mild scan of an active table (0002 of the benchmark corpus): 行政强制's 7, across the block's merged columns,
        // is the only number in its row, so the row vote gives it nothing; chi_sim read it as 了. Its ink is shaped like
        // a number and it stands in a column of numbers.
        var (printed, cell) = ReadPrintedCell("0002_active-2021_mild", "art20_6.enforcement/decisions");

        Assert.True(cell.IsNumeric && cell.Readings.Count(r => r.Text == printed.Text && r.Confidence >= 0.75) >= 2, Describe(printed, cell));
    }

    [Fact]
    public void A_short_label_read_as_one_glyph_in_the_label_column_is_not_guessed_a_printed_zero()
    {
        // A mild scan of an active table (0000 of the benchmark corpus): chi_sim read the label 规章 as one glyph, and
        // 行政强制, taken for a number, had put a number in the label column; so the label column counted as a column
        // of numbers, and 规章 became a 无 guessed where a row and a column of numbers cross.
        var (source, read) = ReadCase("0000_active-2021_mild");
        var number = source.Tables.Single().Cells["art20_1.rules/issued"].Box!.Value;

        var row = read.Cells.Single(c => c.SourceBox.Contains(number.CenterX, number.CenterY)).Cell.Row;
        var label = read.Cells.Single(c => c.Cell.Row == row && c.Cell.Column == 0);
        Assert.True(!label.IsNumeric && label.Readings.All(r => r.Text != "无"),
            $"label of 规章's row: numeric {label.IsNumeric}, text '{label.Text}', readings [{string.Join(", ", label.Readings.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}"))}]");
    }

    /// <summary>What the case printed in one layout cell, and the read cell over it.</summary>
    [Theory]
    [InlineData("0086_active-2021_mild", "art20_6.penalty/decisions")]
    [InlineData("0132_active-2019_mild", "art20_5.licensing/prev_year_items")]
    [InlineData("0132_active-2019_mild", "art20_9.central_procurement/amount")]
    public void A_number_chi_sim_read_as_latin_letters_where_numbers_stand_is_read_as_a_number(string name, string id)
    {
        // Mild scans of active tables: the ink vote missed these numbers, and chi_sim read 19 as "lv", 36 as "3n" and
        // 442.1245 as "和42.1245". The labels of these tables are Chinese words.
        var (printed, cell) = ReadPrintedCell(name, id);

        Assert.True(cell.IsNumeric && cell.Readings.Any(r => r.Text == printed.Text && r.Confidence >= 0.75), Describe(printed, cell));
    }

    [Fact]
    public void A_label_and_the_number_a_missing_rule_merged_are_split_where_the_rows_beside_have_their_edge()
    {
        // A mild scan of an active table (0106 of the benchmark corpus) that lost the rule between 行政强制 and its 34:
        // the lattice merged them into one cell, read as the label "行政强制34", and the layout row found no number.
        var (source, read) = ReadCase("0106_active-2021_mild");
        var table = source.Tables.Single();
        var number = table.Cells["art20_6.enforcement/decisions"];
        var label = read.Cells.Where(c => !c.IsNumeric).Select(c => c.Text).ToList();
        var (_, cell) = ReadPrintedCell("0106_active-2021_mild", "art20_6.enforcement/decisions");

        Assert.True(cell.IsNumeric && cell.Cell.Column > 0 && cell.Readings.Any(r => r.Text == number.Text && r.Confidence >= 0.75)
            && label.Contains("行政强制"), Describe(number, cell) + $"; labels read [{string.Join(", ", label)}]");
    }

    [Fact]
    public void A_label_and_its_number_are_split_where_the_page_cut_their_rule_to_a_stub()
    {
        // Page 1 of a generated scanned PDF (report 0027 of `reports --count 30 --seed 5`) ends with 行政事业性收费 | 18621:
        // the page cut the row short, its rule between the two is a stub, and the lattice merged them into one cell.
        var name = "0027_pdf-scanned_2021_page1.jpg";
        using var page = new ImageDecoder(100_000_000).Decode(name, File.ReadAllBytes(Path.Combine(Fixtures.CasesDirectory, name)))[0];
        using var image = new PageNormalizer().Normalize(page, 0);
        using var engines = new EngineSet(Fixtures.Tessdata);
        var crops = CropMaker.For(image.Gray);
        var read = new TableReader().Read(image, new CellInks(image), crops, TableFinder.Find(image)[0], engines.Digits, new LabelReader(engines, crops), name);
        var lastRow = read.Cells.Where(c => c.Cell.Row == read.Lattice.RowCount - 1).ToList();

        Assert.True(lastRow.Any(c => c.IsNumeric && c.Readings.Any(r => r.Text == "18621" && r.Confidence >= 0.75)) && lastRow.Any(c => !c.IsNumeric && c.Text == "行政事业性收费"),
            $"last row: [{string.Join(", ", lastRow.Select(c => $"{(c.IsNumeric ? "number" : "label")} '{c.Text}'"))}]");
    }

    [Fact]
    public void A_printed_dash_is_read_as_a_dash_by_its_shape_and_by_the_engine()
    {
        // A mild page (0024 of the benchmark corpus) printing 159 zeros as "-": a small font's hyphen, scaled up, is a
        // 7×5 px blob that did not pass for flat, and the engine reads a lone stroke cut to its own box as nothing, so
        // such cells had one reading and went to review. Measured: 42 of the 159 had one reading before, 5 now.
        var source = Fixtures.Case("0024_page-2021_mild");
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var image = new PageNormalizer().Normalize(page, 0);
        using var engines = new EngineSet(Fixtures.Tessdata);
        var crops = CropMaker.For(image.Gray);
        var labels = new LabelReader(engines, crops);
        var cells = TableFinder.Find(image).SelectMany(t => new TableReader().Read(image, new CellInks(image), crops, t, engines.Digits, labels, source.Name).Cells).ToList();
        var dashes = source.Tables.SelectMany(t => t.Cells.Values).Where(c => c.Text == "-" && c.Box is not null).ToList();

        var single = dashes
            .Select(d => cells.FirstOrDefault(c => c.SourceBox.Contains(d.Box!.Value.CenterX, d.Box.Value.CenterY)))
            .Where(c => c is null || !(c.Readings.Any(r => r is { Method: ReadingMethod.Strip, Text: "-" }) && c.Readings.Any(r => r is { Method: ReadingMethod.Cell, Text: "-", Confidence: >= 0.9 })))
            .Select(c => c is null ? "not found" : $"[{string.Join(", ", c.Readings.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}"))}]")
            .ToList();
        Assert.True(dashes.Count > 100 && single.Count <= dashes.Count / 20,
            $"{single.Count} of {dashes.Count} printed dashes without both readings:\n{string.Join("\n", single.Take(10))}");
    }

    private static (TruthCell Printed, ReadCell Cell) ReadPrintedCell(string name, string cellId)
    {
        var (source, read) = ReadCase(name);
        var printed = source.Tables.Single().Cells[cellId];
        var box = printed.Box!.Value;
        return (printed, read.Cells.Single(c => c.SourceBox.Contains(box.CenterX, box.CenterY)));
    }

    private static string Describe(TruthCell printed, ReadCell cell) =>
        $"printed {printed.Text}: numeric {cell.IsNumeric}, text '{cell.Text}', readings [{string.Join(", ", cell.Readings.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}"))}]";

    /// <summary>The one table of a reading case (tests/fixtures/cases), read by the real engines.</summary>
    private static (CorpusImage Source, ReadTable Read) ReadCase(string name)
    {
        var source = Fixtures.Case(name);
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var image = new PageNormalizer().Normalize(page, 0);
        using var engines = new EngineSet(Fixtures.Tessdata);
        var crops = CropMaker.For(image.Gray);
        var table = TableFinder.Find(image).Single();
        return (source, new TableReader().Read(image, new CellInks(image), crops, table, engines.Digits, new LabelReader(engines, crops), source.Name));
    }
}
