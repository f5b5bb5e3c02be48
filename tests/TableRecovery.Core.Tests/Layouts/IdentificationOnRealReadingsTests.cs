using TableRecovery.Core.Layouts;

namespace TableRecovery.Core.Tests.Layouts;

/// <summary>
/// Identification and snapping of tables as the real pipeline read them from generated corpus images: grids read
/// right, labels garbled the ways chi_sim garbles them, number cells taken for labels, cells the grid detector
/// merged or laid over each other. Each table must be identified with every row, column and number where the truth
/// puts it — or, where the picture cannot tell, left unidentified; never snapped wrong.
/// </summary>
public class IdentificationOnRealReadingsTests
{
    private readonly LayoutSnapper _snapper = new();

    [Theory]
    [InlineData("requests-2019_every-zero-printed-as-wu.txt")]
    [InlineData("requests-2021_on-a-page_numbers-read-as-text.txt")]
    [InlineData("requests-2021_three-number-columns-read-as-text.txt")]
    [InlineData("appeals_half-the-numbers-read-as-text.txt")]
    [InlineData("requests-2021_label-column-under-one-overlapping-cell.txt")]
    [InlineData("requests-2021_title-row-and-header-over-all-columns.txt")]
    [InlineData("requests-2021_hard_two-headers-blank.txt")]
    [InlineData("requests-2019_hard_extra-blank-column.txt")]
    [InlineData("requests-2021_hard_first-headers-garbled_blank-column.txt")]
    [InlineData("requests-2019_header-cell-over-four-columns.txt")]
    [InlineData("requests-2019_on-a-page.txt")]
    [InlineData("active-2021_header-cell-over-three-columns.txt")]
    [InlineData("active-2019_hard_header-cells-over-two-columns.txt")]
    [InlineData("active-2021_hard_extra-blank-column-labels-garbled.txt")]
    [InlineData("active-2021_hard_on-a-page_header-label-read-as-blank-number.txt")]
    [InlineData("appeals_header-cell-laid-over-five-columns.txt")]
    [InlineData("appeals_hard_header-cells-laid-over-the-data-row.txt")]
    public void Identifies_a_table_read_from_a_real_image_with_everything_where_the_truth_puts_it(string name)
    {
        var fixture = ReadTableFixture.Load(name);

        var result = _snapper.Snap(fixture.Table);

        Assert.True(result.IsMatch, $"{name}: not identified: {result.Reason}\n{SnapAssert.Candidates(result)}");
        Assert.True(result.Table!.Layout.Id == fixture.Layout,
            $"{name}: identified as {result.Table.Layout.Id}, truth {fixture.Layout}\n{SnapAssert.Candidates(result)}\n{SnapAssert.Notes(result.Table)}");
        var misplaced = fixture.Misplaced(result.Table);
        Assert.True(misplaced.Count == 0,
            $"{name}: {misplaced.Count} placed where the truth does not put them:\n  {string.Join("\n  ", misplaced.Take(20))}\n{SnapAssert.Candidates(result)}\n{SnapAssert.Notes(result.Table)}");
        Assert.True(result.Table.MissingRowKeys.Count == 0, $"{name}: rows not found: {string.Join(", ", result.Table.MissingRowKeys)}\n{SnapAssert.Notes(result.Table)}");
    }

    [Fact]
    public void Leaves_a_table_turned_upside_down_unidentified_though_its_shape_is_that_of_appeals()
    {
        // The page was turned 180° by mistake: one row of numbers at the top, the headers below read as nonsense.
        var fixture = ReadTableFixture.Load("appeals_turned-upside-down.txt");

        var result = _snapper.Snap(fixture.Table);

        Assert.False(result.IsMatch, $"identified as {result.Table?.Layout.Id} from its shape alone\n{SnapAssert.Candidates(result)}");
    }

    [Fact]
    public void Tells_2019_from_2021_by_the_exact_row_count_when_the_rows_that_differ_are_there_but_unreadable()
    {
        // Both formats find the same rows down to （五）; below, rows no label matched. The table has exactly 2019's 23
        // body rows: each placed at its own, the rows where 2021 would need more decide. (Before the rows were placed by
        // the count, this was too close to call.)
        var fixture = ReadTableFixture.Load("requests-2019_hard_rows-that-differ-unreadable.txt");

        var result = _snapper.Snap(fixture.Table);

        Assert.True(result.Table?.Layout.Id == "requests-2019", $"identified as {result.Table?.Layout.Id ?? result.Reason}\n{SnapAssert.Candidates(result)}");
        Assert.Contains(result.Table!.Notes, n => n.StartsWith("the table has exactly the layout's 23 body rows", StringComparison.Ordinal));
    }

    [Fact]
    public void Tells_requests_2019_from_2021_by_the_rows_where_they_differ()
    {
        var fixture = ReadTableFixture.Load("requests-2019_on-a-page.txt");

        var result = _snapper.Snap(fixture.Table);

        Assert.True(result.IsMatch, $"{result.Reason}\n{SnapAssert.Candidates(result)}");
        Assert.Equal("requests-2019", result.Table!.Layout.Id);
        Assert.Equal("requests-2021", result.Candidates[1].LayoutId);
        Assert.Contains(result.Table.Notes, n => n.StartsWith("requests-2019 over requests-2021 by the rows they read differently", StringComparison.Ordinal));
    }

    [Fact]
    public void Does_not_take_requests_2019_for_2021_when_a_label_cell_holds_one_label_more_than_it_has_rows()
    {
        // `generate --count 40 --seed 4141 --classes hard --show-through mixed --latin-font mixed` 0012 (the grid read 24x10
        // of 26x10, so the truth's positions are not in the file): lost rules left the labels of 不予处理's five rows and of
        // （六）其他处理 in one cell over five rows. Which row is which there is anybody's guess, so 2019 placed none of them and
        // fitted 0.80; 2021, whose （六） is a group of three rows the table lacks entirely between 不予处理 and 总计, fitted
        // 0.89 and was taken. Counted as 2019's text, the run makes the two too close to call: the table is left for another
        // look at the page (which reads the lost rules and identifies it), never snapped as 2021.
        var fixture = ReadTableFixture.Load("requests-2019_hard_labels-of-six-rows-in-a-cell-over-five.txt");

        var result = _snapper.Snap(fixture.Table);

        Assert.True(result.Table?.Layout.Id != "requests-2021", $"identified as {result.Table?.Layout.Id ?? result.Reason}\n{SnapAssert.Candidates(result)}");
        var placedInTheRun = result.Table?.Rows.Where(r => r.LatticeRow is >= 17 and <= 21).Select(r => r.RowKey).ToList() ?? [];
        Assert.True(placedInTheRun.Count == 0, $"rows placed in the run of five: {string.Join(", ", placedInTheRun)}");
    }
}
