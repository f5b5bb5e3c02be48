using TableRecovery.Corpus.Grids;

namespace TableRecovery.Corpus.Reports;

/// <summary>
/// Cuts a drawn table in two at a lattice row, as a page break does: rows above go to the first part, rows from the cut
/// down to the second; a merged cell crossing the cut is split, its text printed in the first part only. The second part
/// may repeat the header rows (Word's "repeat as header row").
/// </summary>
public static class GridSplitter
{
    public static (GridTable Head, GridTable Tail) Split(GridTable grid, int cut, bool repeatHeader)
    {
        if (cut <= 0 || cut >= grid.Rows)
        {
            throw new ArgumentOutOfRangeException(nameof(cut), cut, $"The cut must fall inside the table's {grid.Rows} rows.");
        }
        var head = grid.Cells.Where(c => c.Row < cut).Select(c => c with { RowSpan = Math.Min(c.RowSpan, cut - c.Row) }).ToList();
        var firstValueRow = grid.Cells.Where(c => c.Role == CellRole.Value).Min(c => c.Row);
        var header = repeatHeader
            ? grid.Cells.Where(c => c.Row < firstValueRow && c.Role != CellRole.Title && c.Row + c.RowSpan <= firstValueRow).ToList()
            : [];
        var titleRows = grid.Cells.Where(c => c.Role == CellRole.Title).Select(c => c.Row).Distinct().Count();
        var offset = repeatHeader ? firstValueRow - titleRows : 0;
        var tail = header.Select(c => c with { Row = c.Row - titleRows }).ToList();
        foreach (var c in grid.Cells.Where(c => c.Row + c.RowSpan - 1 >= cut))
        {
            var top = Math.Max(c.Row, cut);
            var continued = c.Row < cut;
            tail.Add(c with
            {
                Row = top - cut + offset,
                RowSpan = c.Row + c.RowSpan - top,
                Text = continued ? "" : c.Text,
                CellId = continued ? null : c.CellId,
            });
        }
        return (new GridTable(cut, grid.Columns, head), new GridTable(grid.Rows - cut + offset, grid.Columns, tail));
    }
}
