namespace TableRecovery.Core.Layouts;

/// <summary>
/// The parts of a read single-block table (requests, appeals) that matter for snapping, layout-independent:
/// body rows with their row labels (the innermost label cell, and the group cells to its left), and the
/// columns of the data area with their header texts (the lowest header cell, and the merged cells above it).
/// </summary>
internal sealed class GridTableAnalysis
{
    public GridTableAnalysis(ReadGrid grid)
    {
        Grid = grid;
        BodyRows = Enumerable.Range(0, grid.RowCount).Where(r => grid.IsBodyRow[r] && !grid.IsTitleRow[r]).ToList();
        FirstDataColumn = -1;
        for (var c = 0; c < grid.ColumnCount && BodyRows.Count > 0; c++)
        {
            var numeric = BodyRows.Count(r => grid.At(r, c)?.IsNumeric == true);
            var labels = BodyRows.Count(r => grid.At(r, c) is { IsNumeric: false });
            if (numeric > labels)
            {
                FirstDataColumn = c;
                break;
            }
        }
        var firstBody = BodyRows.Count > 0 ? BodyRows[0] : grid.RowCount;
        HeaderRows = Enumerable.Range(0, firstBody).Where(r => !grid.IsTitleRow[r]).ToList();
        TitleTexts = Enumerable.Range(0, grid.RowCount).Where(r => grid.IsTitleRow[r]).Select(grid.RowText).ToList();

        RowLabels = BodyRows.Select(RowLabel).ToList();
        DataColumns = FirstDataColumn < 0 ? [] : Enumerable.Range(FirstDataColumn, grid.ColumnCount - FirstDataColumn).ToList();
        ColumnHeaders = DataColumns.Select(ColumnHeader).ToList();
        ColumnHasData = DataColumns.Select(c => BodyRows.Any(r => grid.At(r, c) is { IsNumeric: true } cell && !string.IsNullOrWhiteSpace(cell.Text))).ToList();
    }

    public ReadGrid Grid { get; }
    public IReadOnlyList<int> BodyRows { get; }
    public IReadOnlyList<int> HeaderRows { get; }
    public IReadOnlyList<string> TitleTexts { get; }
    /// <summary>First lattice column of the data area, or -1 when the table holds no numbers.</summary>
    public int FirstDataColumn { get; }
    public IReadOnlyList<(string Own, IReadOnlyList<string> Groups)> RowLabels { get; }
    public IReadOnlyList<int> DataColumns { get; }
    public IReadOnlyList<(string Leaf, IReadOnlyList<string> Groups)> ColumnHeaders { get; }
    public IReadOnlyList<bool> ColumnHasData { get; }
    public bool HasRowLabels => FirstDataColumn > 0;
    public bool HasHeaderText => ColumnHeaders.Any(h => h.Leaf.Length > 0);

    private (string, IReadOnlyList<string>) RowLabel(int row)
    {
        if (FirstDataColumn <= 0)
        {
            return (string.Empty, []);
        }
        var own = Grid.At(row, FirstDataColumn - 1);
        var groups = new List<string>();
        var seen = new HashSet<Ocr.ReadCell>(ReferenceEqualityComparer.Instance);
        for (var c = 0; c < FirstDataColumn - 1; c++)
        {
            var cell = Grid.At(row, c);
            if (cell is null || cell.IsNumeric || ReferenceEquals(cell, own) || !seen.Add(cell))
            {
                continue;
            }
            var text = Grid.Label(cell);
            if (text.Length > 0)
            {
                groups.Add(text);
            }
        }
        return (Grid.Label(own), groups);
    }

    private (string, IReadOnlyList<string>) ColumnHeader(int column)
    {
        if (HeaderRows.Count == 0)
        {
            return (string.Empty, []);
        }
        var cells = HeaderRows.Select(r => Grid.At(r, column)).OfType<Ocr.ReadCell>()
            .Where(c => !c.IsNumeric).Distinct(ReferenceEqualityComparer.Instance).Cast<Ocr.ReadCell>().ToList();
        if (cells.Count == 0)
        {
            return (string.Empty, []);
        }
        var leaf = cells[^1];
        return (Grid.Label(leaf), cells.Take(cells.Count - 1).Select(Grid.Label).Where(t => t.Length > 0).ToList());
    }
}
