using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Ocr;

public sealed class MissingRuleRepairTests
{
    /// <summary>
    /// The rule between 行政处罚 and its 84 was lost. Blurred, the digits stand 0.86 as tall as the words beside them, past
    /// the ink test of a number (0.85); the Chinese model reads them as digits, and the cell is split at the edge the rows
    /// above and below have.
    /// </summary>
    [Fact]
    public void A_label_and_a_number_as_tall_as_its_words_are_split_when_the_number_reads_as_digits()
    {
        var path = Path.Combine(Fixtures.CasesDirectory, "0044_active-2021_mild_label_and_number.jpg");
        using var page = new ImageDecoder(100_000_000).Decode(Path.GetFileName(path), File.ReadAllBytes(path))[0];
        using var image = new PageNormalizer().Normalize(page, 0);
        var lattice = TableFinder.Find(image).Single().Lattice;
        using var engines = new EngineSet(Fixtures.Tessdata);
        var reader = new LabelReader(engines, CropMaker.For(image.Gray));
        var pad = CropMaker.PadFor(image.TextHeight);
        string Read(CellInk ink) => reader.Read(ink, pad, image.TextHeight).Text;
        string ReadCell(LatticeCell c) => Read(CellInk.Measure(image.Binary, image.Width, image.Height, c.Box, image.TextHeight));
        var merged = lattice.Cells.Single(c => c.ColumnSpan == lattice.ColumnCount && ReadCell(c).StartsWith("行政处罚", StringComparison.Ordinal));

        var repaired = MissingRuleRepair.SplitLabelsFromNumbers(image, lattice, Read);

        var row = repaired.Cells.Where(c => c.Row == merged.Row).OrderBy(c => c.Column).ToList();
        Assert.True(row is [{ Column: 0, ColumnSpan: 1 }, { Column: 1 }],
            $"row {merged.Row}: [{string.Join(", ", row.Select(c => $"c{c.Column}x{c.ColumnSpan} '{ReadCell(c)}'"))}]");
    }
}
