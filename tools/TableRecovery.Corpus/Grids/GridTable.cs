namespace TableRecovery.Corpus.Grids;

/// <summary>What a drawn cell holds.</summary>
public enum CellRole
{
    Title,
    Header,
    BlockHeader,
    Label,
    Value,
    Blank,
}

/// <summary>One drawn cell, placed at its top-left grid position, spanning rows/columns of the full lattice.</summary>
public sealed record GridCell(int Row, int Column, string Text, CellRole Role, int RowSpan = 1, int ColumnSpan = 1, string? CellId = null);

/// <summary>
/// A table as drawn: the full lattice (every distinct rule interval counts as a row/column) and the cells on it,
/// merged cells spanning several lattice rows/columns. Rows are listed top to bottom, cells left to right.
/// </summary>
public sealed record GridTable(int Rows, int Columns, IReadOnlyList<GridCell> Cells)
{
    public IEnumerable<IGrouping<int, GridCell>> ByRow() => Cells.OrderBy(c => c.Row).ThenBy(c => c.Column).GroupBy(c => c.Row);
}

/// <summary>Builds a <see cref="GridTable"/> row by row, tracking cells that reach down from above.</summary>
internal sealed class GridBuilder
{
    private readonly List<GridCell> _cells = [];
    private readonly int _columns;
    private readonly Dictionary<(int Row, int Column), bool> _occupied = [];
    private int _row = -1;
    private int _column;

    public GridBuilder(int columns) => _columns = columns;

    public GridBuilder NewRow()
    {
        if (_row >= 0 && NextFree(_column) < _columns)
        {
            throw new InvalidOperationException($"Grid row {_row} is not filled: column {NextFree(_column)} of {_columns} is empty.");
        }
        _row++;
        _column = 0;
        return this;
    }

    public GridBuilder Add(string text, CellRole role, int rowSpan = 1, int columnSpan = 1, string? cellId = null)
    {
        _column = NextFree(_column);
        if (_column + columnSpan > _columns)
        {
            throw new InvalidOperationException($"Cell '{text}' overflows grid row {_row}.");
        }
        _cells.Add(new GridCell(_row, _column, text, role, rowSpan, columnSpan, cellId));
        for (var r = _row; r < _row + rowSpan; r++)
        {
            for (var c = _column; c < _column + columnSpan; c++)
            {
                _occupied[(r, c)] = true;
            }
        }
        _column += columnSpan;
        return this;
    }

    public GridTable Build()
    {
        NewRow();
        return new GridTable(_row, _columns, _cells);
    }

    private int NextFree(int column)
    {
        while (column < _columns && _occupied.ContainsKey((_row, column)))
        {
            column++;
        }
        return column;
    }
}
