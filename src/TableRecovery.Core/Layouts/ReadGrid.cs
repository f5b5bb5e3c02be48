using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Layouts;

/// <summary>
/// A read table as a grid of positions: which read cell covers (row, column), the normalized text of each cell,
/// and which rows are titles (one cell across the whole width), body rows (holding numbers) or thin rows
/// (a doubled rule, e.g. where a table was cut over two pages). Layout-independent; built once per table.
/// </summary>
internal sealed class ReadGrid
{
    private readonly ReadCell?[,] _at;
    private readonly Dictionary<ReadCell, string> _normalized = new(ReferenceEqualityComparer.Instance);

    public ReadGrid(ReadTable table)
    {
        Table = table;
        RowCount = Math.Max(table.Lattice.RowCount, 0);
        ColumnCount = Math.Max(table.Lattice.ColumnCount, 0);
        _at = new ReadCell?[RowCount, ColumnCount];
        foreach (var cell in table.Cells)
        {
            var c = cell.Cell;
            for (var r = Math.Max(c.Row, 0); r <= Math.Min(c.LastRow, RowCount - 1); r++)
            {
                for (var k = Math.Max(c.Column, 0); k <= Math.Min(c.LastColumn, ColumnCount - 1); k++)
                {
                    _at[r, k] ??= cell;
                }
            }
            _normalized[cell] = LabelNormalizer.Normalize(cell.IsNumeric ? null : cell.Text);
        }
        var heights = Enumerable.Range(0, RowCount).Select(RowHeight).Where(h => h > 0).OrderBy(h => h).ToList();
        MedianRowHeight = heights.Count == 0 ? 0 : heights[heights.Count / 2];
        IsTitleRow = Enumerable.Range(0, RowCount).Select(DetectTitle).ToArray();
        IsBodyRow = Enumerable.Range(0, RowCount).Select(DetectBody).ToArray();
    }

    public ReadTable Table { get; }
    public int RowCount { get; }
    public int ColumnCount { get; }
    public int MedianRowHeight { get; }
    public IReadOnlyList<bool> IsTitleRow { get; }
    public IReadOnlyList<bool> IsBodyRow { get; }

    public ReadCell? At(int row, int column) =>
        row >= 0 && row < RowCount && column >= 0 && column < ColumnCount ? _at[row, column] : null;

    /// <summary>Normalized label text of a cell; empty for numeric cells.</summary>
    public string Label(ReadCell? cell) => cell is null || cell.IsNumeric ? string.Empty : _normalized[cell];

    public int RowHeight(int row) => Table.Lattice.RowEdges[row + 1] - Table.Lattice.RowEdges[row];

    /// <summary>A row much thinner than the others: a doubled rule, not a printed row.</summary>
    public bool IsThinRow(int row) => MedianRowHeight > 0 && RowHeight(row) * 10 < MedianRowHeight * 4;

    /// <summary>The distinct cells covering a row, left to right.</summary>
    public List<ReadCell> CellsCovering(int row)
    {
        var cells = new List<ReadCell>();
        for (var k = 0; k < ColumnCount; k++)
        {
            var cell = _at[row, k];
            if (cell is not null && (cells.Count == 0 || !ReferenceEquals(cells[^1], cell)))
            {
                cells.Add(cell);
            }
        }
        return cells;
    }

    /// <summary>The distinct cells covering a column, top to bottom, within the given rows.</summary>
    public List<ReadCell> CellsCovering(int column, int firstRow, int lastRow)
    {
        var cells = new List<ReadCell>();
        for (var r = Math.Max(firstRow, 0); r <= Math.Min(lastRow, RowCount - 1); r++)
        {
            var cell = _at[r, column];
            if (cell is not null && (cells.Count == 0 || !ReferenceEquals(cells[^1], cell)))
            {
                cells.Add(cell);
            }
        }
        return cells;
    }

    /// <summary>The label texts of the non-numeric cells that start in a row, left to right, run together.</summary>
    public string RowText(int row) =>
        string.Concat(CellsCovering(row).Where(c => c.Cell.Row == row && !c.IsNumeric).Select(Label));

    public bool HasNumbers(int row) => CellsCovering(row).Any(c => c.IsNumeric);

    public int NonEmptyNumbers(int row) => CellsCovering(row).Count(c => c.IsNumeric && !string.IsNullOrWhiteSpace(c.Text));

    private bool DetectTitle(int row)
    {
        var cells = CellsCovering(row);
        return ColumnCount > 1 && cells.Count == 1 && !cells[0].IsNumeric && cells[0].Cell.RowSpan == 1
            && cells[0].Cell.ColumnSpan >= ColumnCount;
    }

    private bool DetectBody(int row)
    {
        var starting = CellsCovering(row).Where(c => c.Cell.Row == row).ToList();
        var numbers = starting.Count(c => c.IsNumeric);
        return numbers >= 2 || (numbers == 1 && numbers >= starting.Count - numbers);
    }
}
