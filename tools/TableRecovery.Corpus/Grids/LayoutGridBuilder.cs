using TableRecovery.Core.Layouts;
using TableRecovery.Corpus.Truth;

namespace TableRecovery.Corpus.Grids;

/// <summary>
/// Draws a layout as the official templates print it (merged headers, the 3-column row-label area of the
/// request table, the per-block header rows of the active-disclosure tables), plus the chosen variant.
/// </summary>
public static class LayoutGridBuilder
{
    public const string RequestsCorner = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

    public static GridTable Build(TableValues table, TableVariant variant)
    {
        var layout = table.Layout;
        var texts = layout.Cells.ToDictionary(c => c.Id, c => variant.Print.Format(table[c.Id], c.Kind), StringComparer.Ordinal);
        var core = layout.Id switch
        {
            _ when layout.Id.StartsWith("requests", StringComparison.Ordinal) => Requests(layout, texts, variant),
            "appeals" => Appeals(layout, texts),
            _ => Active(layout, texts),
        };
        return Decorate(core, variant);
    }

    private static GridTable Requests(TableLayout layout, IReadOnlyDictionary<string, string> texts, TableVariant variant)
    {
        var columns = layout.Columns;
        var orgs = columns.Where(c => c.Group == "法人或其他组织").ToList();
        var grid = new GridBuilder(3 + columns.Count);
        grid.NewRow().Add(RequestsCorner, CellRole.Header, rowSpan: 3, columnSpan: 3);
        if (variant.TotalSpansHeaderRows)
        {
            grid.Add("申请人情况", CellRole.Header, columnSpan: columns.Count - 1).Add("总计", CellRole.Header, rowSpan: 3);
            grid.NewRow().Add("自然人", CellRole.Header, rowSpan: 2).Add("法人或其他组织", CellRole.Header, columnSpan: orgs.Count);
        }
        else
        {
            grid.Add("申请人情况", CellRole.Header, columnSpan: columns.Count);
            grid.NewRow().Add("自然人", CellRole.Header, rowSpan: 2).Add("法人或其他组织", CellRole.Header, columnSpan: orgs.Count)
                .Add("总计", CellRole.Header, rowSpan: 2);
        }
        grid.NewRow();
        foreach (var org in orgs)
        {
            grid.Add(org.Label, CellRole.Header);
        }

        var rows = layout.Rows;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var path = row.Group?.Split(" / ") ?? [];
            grid.NewRow();
            if (path.Length >= 1 && (i == 0 || rows[i - 1].Group?.Split(" / ")[0] != path[0]))
            {
                grid.Add(Label(path[0], variant), CellRole.Label, rowSpan: rows.Skip(i).TakeWhile(r => r.Group?.Split(" / ")[0] == path[0]).Count());
            }
            if (path.Length >= 2 && (i == 0 || rows[i - 1].Group != row.Group))
            {
                grid.Add(Label(path[1], variant), CellRole.Label, rowSpan: rows.Skip(i).TakeWhile(r => r.Group == row.Group).Count());
            }
            grid.Add(Label(row.Label, variant), CellRole.Label, columnSpan: 3 - path.Length);
            foreach (var column in columns)
            {
                var id = $"{row.Key}/{column.Key}";
                grid.Add(texts[id], CellRole.Value, cellId: id);
            }
        }
        return grid.Build();
    }

    private static GridTable Appeals(TableLayout layout, IReadOnlyDictionary<string, string> texts)
    {
        var columns = layout.Columns;
        var review = columns.Where(c => c.Group == "行政复议").ToList();
        var grid = new GridBuilder(columns.Count);
        grid.NewRow().Add("行政复议", CellRole.Header, columnSpan: review.Count).Add("行政诉讼", CellRole.Header, columnSpan: columns.Count - review.Count);
        grid.NewRow();
        foreach (var c in review)
        {
            grid.Add(c.Label, CellRole.Header, rowSpan: 2);
        }
        foreach (var group in columns.Skip(review.Count).GroupBy(c => c.Group!))
        {
            grid.Add(group.Key.Split(" / ")[^1], CellRole.Header, columnSpan: group.Count());
        }
        grid.NewRow();
        foreach (var c in columns.Skip(review.Count))
        {
            grid.Add(c.Label, CellRole.Header);
        }
        grid.NewRow();
        foreach (var c in columns)
        {
            var id = $"{layout.Rows[0].Key}/{c.Key}";
            grid.Add(texts[id], CellRole.Value, cellId: id);
        }
        return grid.Build();
    }

    private static GridTable Active(TableLayout layout, IReadOnlyDictionary<string, string> texts)
    {
        var width = 1 + layout.Blocks.Max(b => b.Columns.Count);
        var grid = new GridBuilder(width);
        foreach (var block in layout.Blocks)
        {
            grid.NewRow().Add(block.Label, CellRole.BlockHeader, columnSpan: width);
            grid.NewRow().Add(layout.HeaderColumnLabel ?? "信息内容", CellRole.Header);
            for (var i = 0; i < block.Columns.Count; i++)
            {
                grid.Add(block.Columns[i].Label, CellRole.Header, columnSpan: SpanOf(i, block.Columns.Count, width));
            }
            foreach (var row in block.Rows)
            {
                grid.NewRow().Add(row.Label, CellRole.Label);
                for (var i = 0; i < block.Columns.Count; i++)
                {
                    var id = $"{row.Key}/{block.Columns[i].Key}";
                    grid.Add(texts[id], CellRole.Value, columnSpan: SpanOf(i, block.Columns.Count, width), cellId: id);
                }
            }
        }
        return grid.Build();
    }

    /// <summary>A block with fewer columns than the table stretches its last column over the rest.</summary>
    private static int SpanOf(int index, int count, int width) => index == count - 1 ? width - count : 1;

    private static string Label(string label, TableVariant variant) =>
        variant.HalfWidthParentheses && label.StartsWith('（')
            ? "(" + label[1..].Replace("）", ") ", StringComparison.Ordinal).Replace("（", " (", StringComparison.Ordinal).Replace("，", ", ", StringComparison.Ordinal).TrimEnd()
            : label;

    /// <summary>Adds the title row and the blank right column of the variant around the official grid.</summary>
    private static GridTable Decorate(GridTable core, TableVariant variant)
    {
        var rowOffset = variant.TitleRow is null ? 0 : 1;
        var columns = core.Columns + (variant.ExtraBlankColumn ? 1 : 0);
        var cells = new List<GridCell>();
        if (variant.TitleRow is not null)
        {
            cells.Add(new GridCell(0, 0, variant.TitleRow, CellRole.Title, 1, columns));
        }
        cells.AddRange(core.Cells.Select(c => c with { Row = c.Row + rowOffset }));
        if (variant.ExtraBlankColumn)
        {
            for (var r = 0; r < core.Rows; r++)
            {
                cells.Add(new GridCell(r + rowOffset, core.Columns, "", CellRole.Blank));
            }
        }
        return new GridTable(core.Rows + rowOffset, columns, cells);
    }
}
