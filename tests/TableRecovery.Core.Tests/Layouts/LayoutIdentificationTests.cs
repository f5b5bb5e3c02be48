using TableRecovery.Core.Layouts;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Pipeline;
using TableRecovery.Core.Results;

namespace TableRecovery.Core.Tests.Layouts;

public class LayoutIdentificationTests
{
    private readonly LayoutSnapper _snapper = new();

    [Theory]
    [InlineData("active-2021")]
    [InlineData("requests-2021")]
    [InlineData("appeals")]
    [InlineData("active-2019")]
    [InlineData("requests-2019")]
    public void Snaps_every_cell_of_a_clean_official_table(string layoutId)
    {
        var table = SyntheticTable.Official(layoutId);

        var result = _snapper.Snap(table.ToReadTable());

        var snapped = SnapAssert.Snapped(result, table);
        Assert.True(snapped.Score > 0.9, $"score {snapped.Score}\n{SnapAssert.Candidates(result)}");
        Assert.True(snapped.IsComplete, SnapAssert.Notes(snapped));
    }

    [Fact]
    public void Rows_printing_nothing_at_either_end_of_the_body_are_body_rows()
    {
        // Zeros printed as blanks: the first two rows and the last hold no number at all; the body still starts
        // under the header and ends at 四、结转下年度继续办理.
        var table = SyntheticTable.Official("requests-2021");
        var first = table.RowOf("一、本年新收政府信息公开申请数量");
        table.PrintsNothingInRows(first, first + 1).PrintsNothingInRows(table.RowCount - 1, table.RowCount - 1);

        var result = _snapper.Snap(table.ToReadTable());

        Assert.True(result.Table?.Layout.Id == "requests-2021", SnapAssert.Candidates(result));
        var snapped = result.Table!;
        Assert.True(snapped.IsComplete, SnapAssert.Notes(snapped));
        Assert.Equal(first, snapped.CellsById["new/natural_person"]!.Cell.Row);
        Assert.Equal(table.RowCount - 1, snapped.CellsById["carried_out/total"]!.Cell.Row);
    }

    [Fact]
    public void Says_so_when_the_rows_that_tell_2021_from_2019_are_not_in_the_picture()
    {
        var table = SyntheticTable.Official("requests-2021");
        table.CutLastRows(6); // everything from （六）其他处理 down is on the next page

        var result = _snapper.Snap(table.ToReadTable());

        Assert.True(result.IsMatch, result.Reason);
        Assert.StartsWith("requests-", result.Table!.Layout.Id, StringComparison.Ordinal);
        Assert.Contains(result.Table.Notes, n => n.StartsWith("near tie with requests-", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("active-2019", "requests-2019")]
    [InlineData("active-2021", "requests-2021")]
    public void Takes_the_format_of_the_other_tables_read_with_it_when_a_cut_requests_table_fits_both(string activeId, string expected)
    {
        var active = SyntheticTable.Official(activeId);
        var requests = SyntheticTable.Official(expected);
        requests.CutLastRows(expected == "requests-2021" ? 6 : 4); // everything from （六） down is on the next page

        var results = _snapper.SnapAll([active.ToReadTable(), requests.ToReadTable()]);

        Assert.Equal(activeId, results[0].Table?.Layout.Id);
        Assert.True(results[1].Table?.Layout.Id == expected, $"{results[1].Table?.Layout.Id ?? results[1].Reason}\n{SnapAssert.Candidates(results[1])}");
    }

    [Fact]
    public void Tells_2021_from_2019_by_the_row_count_when_the_rows_that_differ_are_unreadable()
    {
        var table = SyntheticTable.Official("requests-2021");
        foreach (var row in LayoutCatalog.Default["requests-2021"].Rows.Where(r => r.Key.StartsWith("other.", StringComparison.Ordinal)))
        {
            table.Label(row.Label, "");
        }
        table.Label("（六）其他处理", "");

        var result = _snapper.Snap(table.ToReadTable());

        var snapped = SnapAssert.Snapped(result, table);
        Assert.Contains(snapped.Notes, n => n.StartsWith("requests-2021 over requests-2019", StringComparison.Ordinal));
    }

    [Fact]
    public void Tells_2019_from_2021_by_the_row_count_when_the_row_that_differs_is_unreadable()
    {
        var table = SyntheticTable.Official("requests-2019").Label("（六）其他处理", "");

        var result = _snapper.Snap(table.ToReadTable());

        SnapAssert.Snapped(result, table);
    }

    [Fact]
    public void Leaves_a_requests_table_unidentified_when_both_formats_fit_it_alike_but_would_place_its_numbers_differently()
    {
        // The （六） rows unreadable and one rule between them missed: two lattice rows where 2021 prints three and
        // 2019 one. Either guess would put numbers in cells they do not belong to.
        var table = SyntheticTable.Official("requests-2021");
        var layout = LayoutCatalog.Default["requests-2021"];
        var second = layout.Rows.Single(r => r.Key == "other.unpaid_fee").Label;
        table.RemoveRowRule(table.RowOf(second));
        table.Labels(text => text.Contains("申请人无正当理由", StringComparison.Ordinal) || text == "3.其他" || text == "（六）其他处理" ? "" : text);

        var result = _snapper.Snap(table.ToReadTable());

        Assert.False(result.IsMatch, $"identified as {result.Table?.Layout.Id}\n{SnapAssert.Candidates(result)}\n{(result.Table is null ? "" : SnapAssert.Notes(result.Table))}");
        Assert.StartsWith("too close to call", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("appeals")]
    [InlineData("requests-2021")]
    [InlineData("requests-2019")]
    [InlineData("active-2021")]
    [InlineData("active-2019")]
    public void Identifies_a_table_whose_labels_are_unreadable_by_its_exact_shape_for_review(string layoutId)
    {
        // Tiny or faint print: chi_sim reads every label as garbage, and is unsure of it; the grid came out whole.
        var table = SyntheticTable.Official(layoutId).Labels(_ => "囗囗");
        table.LabelConfidence = 0.2;

        var result = _snapper.Snap(table.ToReadTable());

        var snapped = SnapAssert.Snapped(result, table);
        Assert.True(snapped.IdentifiedByShape, SnapAssert.Notes(snapped));
        Assert.StartsWith($"identified as {layoutId} by its shape alone", snapped.Notes[0], StringComparison.Ordinal);
        Assert.Equal(LayoutSnapper.ShapeAloneScore, snapped.Score);
    }

    [Fact]
    public void Every_number_of_a_table_identified_by_its_shape_goes_to_a_reviewer()
    {
        // All zeros satisfy every identity, which alone would vouch for them; nothing read says where they sit.
        var table = SyntheticTable.Official("requests-2021").Labels(_ => "囗囗");
        table.LabelConfidence = 0.2;
        foreach (var cell in table.Layout.Cells)
        {
            table.Number(cell.Id, "0");
        }

        var result = new LayoutAssembler().Assemble([table.ToReadTable()]).Single();

        Assert.Equal("requests-2021", result.Layout);
        var vouched = result.Cells.Where(c => c.Status != Statuses.NeedsReview).Select(c => $"{c.Id} {c.Status}").ToList();
        Assert.True(vouched.Count == 0, $"{vouched.Count} cells not for review: {string.Join(", ", vouched.Take(10))}");
        Assert.Equal(Statuses.NeedsReview, result.Status);
    }

    [Fact]
    public void Does_not_identify_by_its_shape_a_table_with_a_row_more_than_its_layout()
    {
        // A doubled rule adds a row: with no label read, position cannot say which rows are which.
        var table = SyntheticTable.Official("requests-2021").Labels(_ => "囗囗");
        table.LabelConfidence = 0.2;
        table.InsertRow(table.RowCount - 3, title: null);

        var result = _snapper.Snap(table.ToReadTable());

        Assert.False(result.IsMatch, $"identified as {result.Table?.Layout.Id}\n{SnapAssert.Candidates(result)}");
    }

    [Fact]
    public void Does_not_identify_by_its_shape_a_table_whose_heading_names_another_section()
    {
        var table = SyntheticTable.Official("appeals", heading: "三、收到和处理政府信息公开申请情况").Labels(_ => "囗囗");
        table.LabelConfidence = 0.2;

        var result = _snapper.Snap(table.ToReadTable());

        Assert.False(result.IsMatch, $"identified as {result.Table?.Layout.Id}\n{SnapAssert.Candidates(result)}");
    }

    [Fact]
    public void A_table_read_well_enough_is_never_identified_by_its_shape()
    {
        var table = SyntheticTable.Official("requests-2021");

        var snapped = SnapAssert.Snapped(_snapper.Snap(table.ToReadTable()), table);

        Assert.False(snapped.IdentifiedByShape, SnapAssert.Notes(snapped));
    }

    /// <summary>
    /// Four glyphs of every seven of each row label misread (each still leans to its own label, none clearly), and the
    /// column headers unreadable.
    /// </summary>
    private static SyntheticTable PoorlyRead(string layoutId)
    {
        var table = SyntheticTable.Official(layoutId);
        var headers = table.Layout.Columns.SelectMany(c => (c.Group ?? "").Split('/').Append(c.Label)).ToHashSet(StringComparer.Ordinal);
        return table.Labels(label => headers.Contains(label) ? "囗囗" : string.Concat(label.Select((ch, i) => i % 7 < 3 ? ch : '囗')));
    }

    [Fact]
    public void Places_every_row_of_a_poorly_read_table_that_has_the_exact_shape()
    {
        // Labels this poor align only some rows (the first eight were left "not in picture"); a table with exactly the
        // layout's body rows has each at its own place.
        var table = PoorlyRead("requests-2021");

        var result = _snapper.Snap(table.ToReadTable());

        var snapped = SnapAssert.Snapped(result, table);
        Assert.Contains(snapped.Notes, n => n.StartsWith("the table has exactly the layout's 25 body rows", StringComparison.Ordinal));
        Assert.False(snapped.IdentifiedByShape);
    }

    [Theory]
    [InlineData("active-2021", "规章", "丛章")]
    [InlineData("requests-2021", "4.保护第三方合法权益", "4.保护第三方合法叔益")]
    public void Rows_of_a_table_with_the_exact_shape_are_at_their_place_however_weakly_one_label_reads(string layoutId, string label, string misread)
    {
        var table = SyntheticTable.Official(layoutId).Label(label, misread);

        var snapped = SnapAssert.Snapped(_snapper.Snap(table.ToReadTable()), table);

        Assert.True(snapped.RowsAtTheirPlace, SnapAssert.Notes(snapped));
    }

    [Fact]
    public void Columns_of_a_table_with_exactly_its_columns_are_at_their_place_however_poorly_two_headers_read()
    {
        // Measured on bench page 0061: 自然人 read as 1晤 (a rule's remnant in its crop), 其他 as nothing.
        var table = SyntheticTable.Official("requests-2021").Label("自然人", "1晤").Label("其他", "");

        var snapped = SnapAssert.Snapped(_snapper.Snap(table.ToReadTable()), table);

        Assert.True(snapped.ColumnsAtTheirPlace, SnapAssert.Notes(snapped));
    }

    /// <summary>
    /// A requests table's sums check what position placed, so one header read as its own confirms the exact shape's columns
    /// (bench150 0071); with none read, nothing does.
    /// </summary>
    [Fact]
    public void Columns_of_a_table_its_sums_check_are_at_their_place_when_one_header_reads_and_not_when_none_does()
    {
        var oneRead = SyntheticTable.Official("requests-2021")
            .Label("自然人", "1晤").Label("其他", "").Label("商业企业", "").Label("科研机构", "").Label("社会公益组织", "").Label("法律服务机构", "");
        var noneRead = SyntheticTable.Official("requests-2021")
            .Label("自然人", "1晤").Label("其他", "").Label("商业企业", "").Label("科研机构", "").Label("社会公益组织", "").Label("法律服务机构", "")
            .Label("总计", "");

        var one = _snapper.Snap(oneRead.ToReadTable()).Table;
        var none = _snapper.Snap(noneRead.ToReadTable()).Table;

        Assert.True(one is not null && one.ColumnsAtTheirPlace, one is null ? "unidentified" : SnapAssert.Notes(one));
        Assert.True(none is null || !none.ColumnsAtTheirPlace, none is null ? "unidentified" : SnapAssert.Notes(none));
    }

    /// <summary>
    /// An active table has no sums: a number stands on its readings and on where it sits. A block whose header row has one
    /// cell a column holds them in order, so a weakly read header (bench150 0062: 本年新公开数量 read at 0.57) places its
    /// numbers as firmly as its neighbours'; with most headers of the block unreadable, nothing read says which is which.
    /// </summary>
    [Theory]
    [InlineData(new[] { "本年新公开数量" }, "木年新公卉数晕", Statuses.Ok)]
    [InlineData(new[] { "本年新公开数量", "本年新制作数量" }, "囗囗", Statuses.NeedsReview)]
    public void A_number_read_twice_under_a_weakly_read_header_of_an_active_block_is_vouched_for_while_the_rest_of_the_header_row_reads(
        string[] headers, string readAs, string expected)
    {
        var table = SyntheticTable.Official("active-2019");
        foreach (var header in headers)
        {
            table.Label(header, readAs);
        }
        var read = table.ToReadTable();
        // Read alike by the cell and its column strip, as a clean scan reads it: only the placement is in question.
        read = read with
        {
            Cells = [.. read.Cells.Select(c => c.IsNumeric && c.Text.Length > 0
                ? c with { Readings = [new Reading(c.Text, 0.97, ReadingMethod.Cell), new Reading(c.Text, 0.97, ReadingMethod.Strip)] }
                : c)],
        };

        var result = new LayoutAssembler().Assemble([read]).Single();

        Assert.Equal("active-2019", result.Layout);
        var cell = result.Cells.Single(c => c.Id == "art20_1.rules/new_published");
        Assert.True(cell.Status == expected, $"{cell.Id} {cell.Value} {cell.Status}, expected {expected}; notes: {string.Join(" | ", result.Notes ?? [])}");
    }

    /// <summary>
    /// p61 0017: an extra blank column at the right edge, where show-through and specks wrote a dash and two 1s in 23 rows. As a
    /// column with data it made eight data columns for the layout's seven, and the columns whose headers read poorly (自然人
    /// read 自杞用) went to review however well the others read.
    /// </summary>
    [Fact]
    public void Columns_are_at_their_place_beside_an_extra_blank_column_that_noise_wrote_a_few_marks_in()
    {
        var table = SyntheticTable.Official("requests-2021").Label("自然人", "自杞用").Label("商业企业", "11");
        table.InsertBlankColumn(table.ColumnCount);
        var rows = table.NumberRows;
        table.Mark(rows[2], table.ColumnCount - 1, "1").Mark(rows[9], table.ColumnCount - 1, "-").Mark(rows[17], table.ColumnCount - 1, "1");

        var snapped = SnapAssert.Snapped(_snapper.Snap(table.ToReadTable()), table);

        Assert.True(snapped.ColumnsAtTheirPlace, SnapAssert.Notes(snapped));
    }

    [Fact]
    public void Rows_are_not_at_their_place_by_structure_when_the_table_has_a_row_more()
    {
        var table = SyntheticTable.Official("requests-2021");
        table.InsertRow(table.RowCount - 3, title: null);

        var snapped = _snapper.Snap(table.ToReadTable()).Table;

        Assert.True(snapped is not null && !snapped.RowsAtTheirPlace, snapped is null ? "unidentified" : SnapAssert.Notes(snapped));
    }

    [Fact]
    public void Leaves_a_poorly_read_table_unidentified_when_its_shape_is_not_exact()
    {
        var table = PoorlyRead("requests-2021");
        table.InsertRow(table.RowCount - 3, title: null);

        var result = _snapper.Snap(table.ToReadTable());

        Assert.False(result.IsMatch, $"identified as {result.Table?.Layout.Id}\n{SnapAssert.Candidates(result)}");
    }

    [Fact]
    public void Leaves_a_scrap_of_an_active_table_with_one_row_read_unidentified()
    {
        // A few cells of a broken grid: one label, read as 规范性文件 — the 2019 wording of 2021's 行政规范性文件.
        var table = SyntheticTable.Official("active-2021").Label("行政规范性文件", "规范性文件");
        table.CutFirstRows(table.RowOf("规范性文件")).CutLastRows(table.RowCount - 1);

        var result = _snapper.Snap(table.ToReadTable());

        Assert.False(result.IsMatch, $"identified as {result.Table?.Layout.Id}\n{SnapAssert.Candidates(result)}");
    }

    [Fact]
    public void Explains_its_choice_with_every_candidate_score()
    {
        var result = _snapper.Snap(SyntheticTable.Official("requests-2019").ToReadTable());

        Assert.Equal(LayoutCatalog.Default.All.Count, result.Candidates.Count);
        Assert.Equal("requests-2019", result.Candidates[0].LayoutId);
        Assert.True(result.Candidates.Zip(result.Candidates.Skip(1)).All(p => p.First.Score >= p.Second.Score), "candidates not ranked");
        Assert.StartsWith("identified as requests-2019", result.Table!.Notes[0], StringComparison.Ordinal);
    }
}
