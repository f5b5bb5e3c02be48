using TableRecovery.Core.Grid;
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
        AssertSplitAfterItsLabel("0044_active-2021_mild_label_and_number.jpg", "行政处罚", labelColumn: 0);
    }

    /// <summary>
    /// The rule between 4.保护第三方合法权益 and its 0 was lost. The label and the 0, each centred in its column, make the
    /// whole ink centred in the merged cell, as a group header spaced out over its columns is; but the two stand five text
    /// heights either side of the edge, where a spaced header's halves hug it.
    /// </summary>
    [Fact]
    public void A_label_and_a_number_each_centred_in_its_column_are_split()
    {
        AssertSplitAfterItsLabel("0000_requests-2019_clean_centred_label.jpg", "4.保护第三方", labelColumn: 2);
    }

    /// <summary>
    /// The rule between 行政许可 and its 无 was lost but for its end, 4 px wide and 7 of the row's 28 tall, running in from the
    /// row below: what crosses the edge is the end of the rule beside, not a glyph.
    /// </summary>
    [Fact]
    public void A_label_and_a_none_with_the_end_of_a_rule_between_are_split()
    {
        AssertSplitAfterItsLabel("0018_active-2021_mild_rule_end.jpg", "行政许可", labelColumn: 0, turns: 1);
    }

    /// <summary>
    /// The rule between 行政事业性收费 and its 0 was lost but for its ends, 8 px wide as the rule is on this clean page, the
    /// lower one running a third of the way into the 0's rows: as wide as a glyph's stroke, but no wider than the rule itself
    /// where it stands whole, in the row above.
    /// </summary>
    [Fact]
    public void A_label_and_a_number_with_the_end_of_a_thick_rule_between_are_split()
    {
        AssertSplitAfterItsLabel("0029_active-2021_clean_thick_rule_end.png", "行政事业性收费", labelColumn: 0);
    }

    /// <summary>
    /// The rule between the labels and the numbers was lost over two rows (信息内容 | 本年处理决定数量, and 行政许可 | 5), and the
    /// rows beside them are headings across the whole table (第二十条第（五）项, （六）项): the edge to split at is the one of the
    /// nearest rows with columns.
    /// </summary>
    [Fact]
    public void A_label_and_a_number_are_split_at_the_edge_of_the_nearest_rows_with_columns_past_headings()
    {
        AssertSplitAfterItsLabel("0129_active-2021_hard_rule_lost_over_rows.jpeg", "行政许可", labelColumn: 0);
    }

    /// <summary>The one merged cell whose text starts with <paramref name="label"/> is split after the label's column.</summary>
    private static void AssertSplitAfterItsLabel(string caseImage, string label, int labelColumn, int turns = 0)
    {
        using var table = new LabelsOfACase(caseImage, turns);
        string ReadCell(LatticeCell c) => table.Read(table.Ink(c));
        var merged = table.Lattice.Cells.SingleOrDefault(c => c.Column == labelColumn && c.ColumnSpan >= 2 && c.RowSpan == 1
            && ReadCell(c).StartsWith(label, StringComparison.Ordinal));
        Assert.True(merged is not null, $"no merged cell reads {label}…: [{string.Join(", ", table.Lattice.Cells
            .Where(c => c.Column == labelColumn && c.ColumnSpan >= 2).Select(c => $"r{c.Row}c{c.Column}x{c.ColumnSpan} '{ReadCell(c)}'"))}]");

        var repaired = MissingRuleRepair.SplitLabelsFromNumbers(table.Image, table.Lattice, table.Read);

        var row = repaired.Cells.Where(c => c.Row == merged.Row && c.Column >= labelColumn && c.Column <= merged.LastColumn).OrderBy(c => c.Column).ToList();
        Assert.True(row.Count == 2 && row[0].ColumnSpan == 1 && row[1].Column == labelColumn + 1,
            $"row {merged.Row}: [{string.Join(", ", row.Select(c => $"c{c.Column}x{c.ColumnSpan} '{ReadCell(c)}'"))}]");
    }
}
