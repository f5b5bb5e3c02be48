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
        var source = CorpusImage.Load(Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "cases", "0086_active-2021_mild.truth.json"));
        var printed = source.Tables.Single().Cells["art20_1.rules/repealed"];
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var image = new PageNormalizer().Normalize(page, 0);
        using var engines = new EngineSet(Fixtures.Tessdata);
        var crops = CropMaker.For(image.Gray);
        var table = TableFinder.Find(image).Single();

        var read = new TableReader().Read(image, crops, table, engines.Digits, new LabelReader(engines, crops), source.Name);

        var box = printed.Box!.Value;
        var cell = read.Cells.Single(c => c.SourceBox.Contains(box.CenterX, box.CenterY));
        Assert.True(cell.IsNumeric && cell.Readings.Any(r => r.Text == printed.Text && r.Confidence >= 0.75),
            $"printed {printed.Text}: numeric {cell.IsNumeric}, text '{cell.Text}', readings [{string.Join(", ", cell.Readings.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}"))}]");
    }
}
