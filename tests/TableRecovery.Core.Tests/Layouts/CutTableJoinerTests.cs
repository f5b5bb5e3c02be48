using TableRecovery.Core.Layouts;
using TableRecovery.Core.Tests.Reconciliation;
using TableRecovery.Core.Pipeline;
using TableRecovery.Core.Results;

namespace TableRecovery.Core.Tests.Layouts;

public sealed class CutTableJoinerTests
{
    private readonly LayoutAssembler _assembler = new();

    [Theory]
    [InlineData("requests-2021", "1.本机关不掌握相关政府信息")]
    [InlineData("requests-2019", "1.属于国家秘密")]
    public void A_table_cut_over_two_pictures_becomes_one_table_with_each_cell_from_its_own_picture(string layoutId, string firstRowOfSecondPart)
    {
        var head = SyntheticTable.Official(layoutId, heading: "三、收到和处理政府信息公开申请情况");
        var tail = SyntheticTable.Official(layoutId);
        var cut = head.RowOf(firstRowOfSecondPart);
        head.CutLastRows(head.RowCount - cut);
        tail.CutFirstRows(cut);

        var tables = _assembler.Assemble([head.ToReadTable("page-2"), tail.ToReadTable("page-3")]);

        var table = Assert.Single(tables);
        Assert.Equal(layoutId, table.Layout);
        Assert.Equal(["page-2", "page-3"], table.Parts);
        Assert.True(table.MissingRows is null, $"missing rows: {string.Join(", ", table.MissingRows ?? [])}");
        var expected = SyntheticTable.Official(layoutId).Values;
        var wrong = table.Cells.Where(c => c.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) != expected[c.Id]).Select(c => $"{c.Id}: {c.Value} vs {expected[c.Id]}").ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} cells wrong: {string.Join("; ", wrong.Take(8))}");
        Assert.Equal("page-3", table.Cells.Single(c => c.Id == "total/total").Image);
        Assert.Equal("page-2", table.Cells.Single(c => c.Id == "new/natural_person").Image);
        Assert.Equal(LayoutCatalog.Default[layoutId].Identities.Count, table.Identities.Count);
    }

    [Fact]
    public void A_second_part_that_begins_with_rows_printing_nothing_continues_the_table_from_its_first_row()
    {
        var head = SyntheticTable.Official("requests-2019", heading: "三、收到和处理政府信息公开申请情况");
        var tail = SyntheticTable.Official("requests-2019");
        var cut = head.RowOf("3.补正后申请内容仍不明确");
        head.CutLastRows(head.RowCount - cut);
        tail.CutFirstRows(cut);
        tail.PrintsNothingInRows(0, tail.RowCount - 2);

        var tables = _assembler.Assemble([head.ToReadTable("page-2"), tail.ToReadTable("page-3")]);

        var table = Assert.Single(tables);
        Assert.Equal("requests-2019", table.Layout);
        Assert.True(table.MissingRows is null, $"missing rows: {string.Join(", ", table.MissingRows ?? [])}");
        var expected = tail.Values;
        var wrong = table.Cells.Where(c => c.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) != expected[c.Id]).Select(c => $"{c.Id}: {c.Value} vs {expected[c.Id]}").ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} cells wrong: {string.Join("; ", wrong.Take(8))}");
        Assert.Equal("page-3", table.Cells.Single(c => c.Id == "unavailable.unclear/natural_person").Image);
    }

    [Fact]
    public void The_columns_of_a_second_part_without_a_header_are_as_firmly_placed_as_the_first_parts()
    {
        var values = SyntheticTables.Consistent(LayoutCatalog.Default["requests-2021"], new Random(7));
        var head = SyntheticTable.Official("requests-2021", heading: "三、收到和处理政府信息公开申请情况", values: values);
        var tail = SyntheticTable.Official("requests-2021", values: values);
        var cut = head.RowOf("1.本机关不掌握相关政府信息");
        head.CutLastRows(head.RowCount - cut);
        tail.CutFirstRows(cut);
        // Two rows' numbers unreadable: the identities cannot settle them, so no column sum checks the second part's
        // cells; only where their columns sit can vouch for them.
        tail.Unreadable("2.重复申请").Unreadable("3.要求提供公开出版物");

        var table = Assert.Single(_assembler.Assemble([head.ToReadTable("page-2"), tail.ToReadTable("page-3")]));

        var second = table.Cells.Where(c => c.Image == "page-3" && !c.Id.StartsWith("not_processed.repeated/", StringComparison.Ordinal)
            && !c.Id.StartsWith("not_processed.publication/", StringComparison.Ordinal)).ToList();
        var flagged = second.Where(c => c.Status != Statuses.Ok).Select(c => $"{c.Id} {c.Status}").ToList();
        Assert.True(second.Count > 50 && flagged.Count == 0, $"{flagged.Count} of {second.Count} cells of the second part flagged: {string.Join(", ", flagged.Take(8))}");
    }

    [Fact]
    public void Scraps_of_rules_found_between_a_table_and_its_rest_do_not_keep_them_apart()
    {
        // A light table on a grainy page lost its rules over a few rows: it came out as its head, scraps of a cell or two from
        // the rows between (garble no layout fits), and its tail, which went unjoined with its 56 cells read twice over.
        var (head, tail) = CutBefore("requests-2019", "3.补正后申请内容仍不明确");
        var scrap = SyntheticTable.Official("requests-2019");
        scrap.CutFirstRows(scrap.RowCount - 2).Labels(_ => "口了");

        var tables = _assembler.Assemble([head.ToReadTable("page.png"), scrap.ToReadTable("page.png"), tail.ToReadTable("page.png")]);

        Assert.True(tables.Count == 2 && tables[0].Layout == "requests-2019" && tables[0].MissingRows is null && tables[1].Layout == "unidentified",
            $"tables: {string.Join(", ", tables.Select(t => $"{t.Layout} ({t.Parts?.Count ?? 1} parts, missing rows {string.Join(" ", t.MissingRows ?? [])})"))}");
    }

    [Fact]
    public void A_table_no_layout_fits_between_a_table_and_a_later_part_keeps_them_apart()
    {
        var (head, tail) = CutBefore("requests-2019", "3.补正后申请内容仍不明确");
        var other = SyntheticTable.Official("requests-2019");
        other.CutFirstRows(other.RowCount - 4).Labels(_ => "口了");

        var tables = _assembler.Assemble([head.ToReadTable("a.png"), other.ToReadTable("b.png"), tail.ToReadTable("c.png")]);

        Assert.True(tables.Count == 3, $"tables: {string.Join(", ", tables.Select(t => $"{t.Layout} ({t.Parts?.Count ?? 1} parts)"))}");
    }

    /// <summary>A table with its heading, cut before the row labelled <paramref name="label"/>: its head and the rest.</summary>
    private static (SyntheticTable Head, SyntheticTable Tail) CutBefore(string layoutId, string label)
    {
        var head = SyntheticTable.Official(layoutId, heading: "三、收到和处理政府信息公开申请情况");
        var tail = SyntheticTable.Official(layoutId);
        var cut = head.RowOf(label);
        head.CutLastRows(head.RowCount - cut);
        tail.CutFirstRows(cut);
        return (head, tail);
    }

    [Fact]
    public void Two_whole_tables_of_different_layouts_stay_apart()
    {
        var requests = SyntheticTable.Official("requests-2021");
        var appeals = SyntheticTable.Official("appeals");

        var tables = _assembler.Assemble([requests.ToReadTable("a.png"), appeals.ToReadTable("b.png")]);

        Assert.Equal(["requests-2021", "appeals"], tables.Select(t => t.Layout));
        Assert.All(tables, t => Assert.Null(t.Parts));
    }

    [Fact]
    public void A_part_that_does_not_continue_the_rows_is_not_joined()
    {
        var first = SyntheticTable.Official("requests-2021");
        first.CutLastRows(5);
        var again = SyntheticTable.Official("requests-2021");
        again.CutLastRows(5); // the same rows once more (a duplicated picture), not the rest

        var tables = _assembler.Assemble([first.ToReadTable("a.png"), again.ToReadTable("b.png")]);

        Assert.Equal(2, tables.Count);
        Assert.All(tables, t => Assert.Equal(Statuses.NeedsReview, t.Status));
    }
}
