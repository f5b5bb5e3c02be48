using TableRecovery.Core.Layouts;

namespace TableRecovery.Core.Tests.Layouts;

public class BlockTableTests
{
    private readonly LayoutSnapper _snapper = new();

    [Fact]
    public void Snaps_an_active_2021_table_when_a_block_header_is_unreadable()
    {
        var table = SyntheticTable.Official("active-2021");
        table.Label("第二十条第（六）项", "");

        SnapAssert.Snapped(_snapper.Snap(table.ToReadTable()), table);
    }

    [Fact]
    public void Snaps_an_active_2019_table_when_a_column_header_row_is_unreadable()
    {
        var table = SyntheticTable.Official("active-2019");
        table.Labels(s => s is "上一年项目数量" or "本年增/减" or "处理决定数量" ? string.Empty : s);

        var snapped = SnapAssert.Snapped(_snapper.Snap(table.ToReadTable()), table);

        Assert.NotEmpty(snapped.Notes);
    }

    [Fact]
    public void Garbled_block_headers_keep_their_columns_in_order()
    {
        // As read on a 7 px scan (report 0008 of `reports --count 30 --seed 5`): each header half like its own and
        // half like its neighbour's; aligned freely, 本年废止件数's column took 本年制发件数 and the rest shifted.
        var table = SyntheticTable.Official("active-2021")
            .Label("本年制发件数", "村年拥声伟数")
            .Label("本年废止件数", "识年证让件数")
            .Label("现行有效件数", "王行有仆人御数");

        SnapAssert.Snapped(_snapper.Snap(table.ToReadTable()), table);
    }

    [Fact]
    public void Snaps_an_active_2021_table_under_a_title_row_with_an_extra_blank_column()
    {
        var table = SyntheticTable.Official("active-2021");
        table.InsertBlankColumn(table.ColumnCount);
        table.InsertRow(0, "二、主动公开政府信息情况");

        SnapAssert.Snapped(_snapper.Snap(table.ToReadTable()), table);
    }

    [Fact]
    public void Snaps_one_block_of_an_active_2019_table_printed_as_a_table_of_its_own()
    {
        var table = SyntheticTable.Official("active-2019");
        table.CutFirstRows(table.RowOf("第二十条第（九）项"));

        var snapped = SnapAssert.Snapped(_snapper.Snap(table.ToReadTable()), table,
            "art20_1.rules", "art20_1.normative_docs", "art20_5.licensing", "art20_5.other_services",
            "art20_6.penalty", "art20_6.enforcement", "art20_8.fees");

        Assert.False(snapped.IsComplete);
    }

    [Fact]
    public void Snaps_an_active_2021_table_cut_off_after_its_second_block()
    {
        var table = SyntheticTable.Official("active-2021");
        table.CutLastRows(table.RowCount - table.RowOf("第二十条第（六）项"));

        SnapAssert.Snapped(_snapper.Snap(table.ToReadTable()), table, "art20_6.penalty", "art20_6.enforcement", "art20_8.fees");
    }
}
