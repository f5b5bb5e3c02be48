using TableRecovery.Core.Layouts;
using TableRecovery.Corpus.Grids;
using TableRecovery.Corpus.Truth;

namespace TableRecovery.Corpus.Tests.Grids;

public sealed class LayoutGridBuilderTests
{
    private static readonly PrintStyle Zeros = new("0", ThousandsSeparators: false);

    private static GridTable Build(string layoutId, TableVariant? variant = null) =>
        LayoutGridBuilder.Build(new TruthGenerator(LayoutCatalog.Default[layoutId]).Generate(1, inconsistent: false), variant ?? new TableVariant(Zeros));

    [Theory]
    [InlineData("requests-2021", 28, 10)]
    [InlineData("requests-2019", 26, 10)]
    [InlineData("appeals", 4, 15)]
    [InlineData("active-2021", 14, 4)]
    [InlineData("active-2019", 18, 4)]
    public void The_official_grid_has_the_lattice_size_of_the_printed_template(string layoutId, int rows, int columns)
    {
        var grid = Build(layoutId);
        Assert.Equal((rows, columns), (grid.Rows, grid.Columns));
    }

    [Theory]
    [InlineData("requests-2021")]
    [InlineData("requests-2019")]
    [InlineData("appeals")]
    [InlineData("active-2021")]
    [InlineData("active-2019")]
    public void Every_lattice_position_is_covered_by_exactly_one_drawn_cell_in_every_variant(string layoutId)
    {
        foreach (var variant in new[]
        {
            new TableVariant(Zeros),
            new TableVariant(Zeros, TitleRow: "标题", ExtraBlankColumn: true, TotalSpansHeaderRows: true, HalfWidthParentheses: true),
        })
        {
            var grid = Build(layoutId, variant);
            var cover = new int[grid.Rows, grid.Columns];
            foreach (var cell in grid.Cells)
            {
                for (var r = cell.Row; r < cell.Row + cell.RowSpan; r++)
                {
                    for (var c = cell.Column; c < cell.Column + cell.ColumnSpan; c++)
                    {
                        cover[r, c]++;
                    }
                }
            }
            Assert.All(cover.Cast<int>(), n => Assert.Equal(1, n));
            Assert.Equal(LayoutCatalog.Default[layoutId].Cells.Select(c => c.Id).Order(), grid.Cells.Where(c => c.CellId is not null).Select(c => c.CellId!).Order());
        }
    }

    [Fact]
    public void The_request_table_merges_its_headers_and_row_labels_as_the_2021_template_prints_them()
    {
        var grid = Build("requests-2021");
        GridCell Cell(string text) => Assert.Single(grid.Cells, c => c.Text == text);
        Assert.Equal(new GridCell(0, 0, LayoutGridBuilder.RequestsCorner, CellRole.Header, 3, 3), Cell(LayoutGridBuilder.RequestsCorner));
        Assert.Equal((0, 3, 1, 7), Span(Cell("申请人情况")));
        Assert.Equal((1, 3, 2, 1), Span(Cell("自然人")));
        Assert.Equal((1, 4, 1, 5), Span(Cell("法人或其他组织")));
        Assert.Equal((1, 9, 2, 1), Span(Cell("总计")));
        Assert.Equal((3, 0, 1, 3), Span(Cell("一、本年新收政府信息公开申请数量")));
        Assert.Equal((5, 0, 22, 1), Span(Cell("三、本年度办理结果")));
        Assert.Equal((5, 1, 1, 2), Span(Cell("（一）予以公开")));
        Assert.Equal((7, 1, 8, 1), Span(Cell("（三）不予公开")));
        Assert.Equal((7, 2, 1, 1), Span(Cell("1.属于国家秘密")));
        Assert.Equal((23, 1, 3, 1), Span(Cell("（六）其他处理")));
        Assert.Equal((26, 1, 1, 2), Span(Cell("（七）总计")));
        Assert.Equal((27, 0, 1, 3), Span(Cell("四、结转下年度继续办理")));
    }

    [Fact]
    public void The_2019_request_table_prints_other_handling_as_one_row()
    {
        var grid = Build("requests-2019");
        Assert.Equal((5, 0, 20, 1), Span(Assert.Single(grid.Cells, c => c.Text == "三、本年度办理结果")));
        Assert.Equal((23, 1, 1, 2), Span(Assert.Single(grid.Cells, c => c.Text == "（六）其他处理")));
        Assert.Equal((23, 3, 1, 1), Span(Assert.Single(grid.Cells, c => c.CellId == "other/natural_person")));
    }

    [Fact]
    public void The_appeals_table_groups_review_and_litigation_over_their_results()
    {
        var grid = Build("appeals");
        Assert.Equal((0, 0, 1, 5), Span(Assert.Single(grid.Cells, c => c.Text == "行政复议")));
        Assert.Equal((0, 5, 1, 10), Span(Assert.Single(grid.Cells, c => c.Text == "行政诉讼")));
        Assert.Equal((1, 5, 1, 5), Span(Assert.Single(grid.Cells, c => c.Text == "未经复议直接起诉")));
        Assert.Equal((1, 10, 1, 5), Span(Assert.Single(grid.Cells, c => c.Text == "复议后起诉")));
        Assert.Equal(2, grid.Cells.Single(c => c.Row == 1 && c.Column == 0).RowSpan);
        Assert.All(grid.Cells.Where(c => c.Role == CellRole.Value), c => Assert.Equal(3, c.Row));
    }

    [Fact]
    public void Active_blocks_with_one_column_stretch_it_over_the_table_width()
    {
        var grid = Build("active-2021");
        Assert.Equal((6, 1, 1, 3), Span(Assert.Single(grid.Cells, c => c.CellId == "art20_5.licensing/decisions")));
        Assert.Equal((7, 0, 1, 4), Span(Assert.Single(grid.Cells, c => c.Text == "第二十条第（六）项")));
    }

    [Fact]
    public void A_title_row_and_a_blank_right_column_grow_the_lattice_by_one_each()
    {
        var grid = Build("appeals", new TableVariant(Zeros, TitleRow: "行政复议、行政诉讼情况", ExtraBlankColumn: true));
        Assert.Equal((5, 16), (grid.Rows, grid.Columns));
        Assert.Equal((0, 0, 1, 16), Span(Assert.Single(grid.Cells, c => c.Role == CellRole.Title)));
    }

    private static (int, int, int, int) Span(GridCell c) => (c.Row, c.Column, c.RowSpan, c.ColumnSpan);
}
