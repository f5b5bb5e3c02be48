namespace TableRecovery.Core.Layouts;

/// <summary>
/// The parts of a read single-block table (requests, appeals) that matter for snapping, layout-independent:
/// body rows with their row labels (the innermost label cell, and the group cells to its left), and the
/// columns of the data area with their header texts (the lowest header cell, and the merged cells above it).
/// </summary>
/// <remarks>
/// Body rows run from the first to the last row holding numbers, so a row whose numbers were all misread still
/// takes its place, and on over the labelled rows around them that print nothing at all. Where the data area
/// begins is decided by the cells of the body rows (numbers against
/// labels), unless a caller that knows how many columns a layout has asks for another first data column: a
/// scan can make a whole column of numbers read as text, and a table without row labels (appeals) has nothing
/// but numbers from its first column on.
/// </remarks>
internal sealed class GridTableAnalysis
{
    public GridTableAnalysis(ReadGrid grid, int? firstDataColumn = null)
    {
        Grid = grid;
        var holding = Enumerable.Range(0, grid.RowCount).Where(r => grid.IsBodyRow[r] && !grid.IsTitleRow[r]).ToList();
        if (holding.Count == 0 && firstDataColumn is { } boundary && boundary >= 0)
        {
            // Not one number could be read: the body begins below the header's merged cells.
            var first = Enumerable.Range(0, grid.RowCount).FirstOrDefault(r => !grid.IsTitleRow[r] && (StartsPlainRow(grid, r, boundary) || StartsBlankRow(grid, r, boundary)), -1);
            holding = first < 0 ? [] : [first, grid.RowCount - 1];
        }
        var body = holding.Count == 0
            ? []
            : Enumerable.Range(holding[0], holding[^1] - holding[0] + 1).Where(r => !grid.IsTitleRow[r]).ToList();
        FirstDataColumn = firstDataColumn ?? DefaultFirstDataColumn(grid, body);
        BodyRows = WithBlankRowsAround(grid, body, FirstDataColumn);
        var firstBody = BodyRows.Count > 0 ? BodyRows[0] : grid.RowCount;
        HeaderRows = Enumerable.Range(0, firstBody).Where(r => !grid.IsTitleRow[r]).ToList();
        TitleTexts = Enumerable.Range(0, grid.RowCount).Where(r => grid.IsTitleRow[r]).Select(grid.RowText).ToList();

        RowLabels = BodyRows.Select(RowLabel).ToList();
        OwnLabelRuns = FirstDataColumn <= 0
            ? BodyRows.Select(_ => (0, 1)).ToList()
            : Runs(BodyRows.Count, i => Grid.At(BodyRows[i], FirstDataColumn - 1), i => Grid.IsThinRow(BodyRows[i]));
        DataColumns = FirstDataColumn < 0 || BodyRows.Count == 0 ? [] : Enumerable.Range(FirstDataColumn, grid.ColumnCount - FirstDataColumn).ToList();
        ColumnHeaders = DataColumns.Select(ColumnHeader).ToList();
        HeaderRuns = DataColumns.Select(HeaderRun).ToList();
        ColumnHasData = DataColumns.Select(c => BodyRows.Any(r => grid.At(r, c) is { } cell && grid.HoldsNumber(cell) && !string.IsNullOrWhiteSpace(cell.Text))).ToList();
    }

    public ReadGrid Grid { get; }
    public IReadOnlyList<int> BodyRows { get; }
    public IReadOnlyList<int> HeaderRows { get; }
    public IReadOnlyList<string> TitleTexts { get; }
    /// <summary>First lattice column of the data area, or -1 when the table holds no numbers.</summary>
    public int FirstDataColumn { get; }
    public IReadOnlyList<(string Own, IReadOnlyList<string> Groups)> RowLabels { get; }
    /// <summary>
    /// Per body row: its place within a run of consecutive body rows sharing one own-label cell, and the run's
    /// length — (0, 1) for a row with a label cell of its own.
    /// </summary>
    public IReadOnlyList<(int At, int Length)> OwnLabelRuns { get; }
    public IReadOnlyList<int> DataColumns { get; }
    /// <summary>
    /// Per data column: its place under its leaf header cell when that cell spans several data columns, and how
    /// many it spans — (0, 1) for a column with a header cell of its own. The span counts even where smaller cells
    /// overlap part of it: the text was read from the whole cell.
    /// </summary>
    public IReadOnlyList<(int At, int Length)> HeaderRuns { get; }
    public IReadOnlyList<(string Leaf, IReadOnlyList<string> Groups)> ColumnHeaders { get; }
    public IReadOnlyList<bool> ColumnHasData { get; }
    public bool HasRowLabels => FirstDataColumn > 0;
    public bool HasHeaderText => ColumnHeaders.Any(h => h.Leaf.Length > 0);

    /// <summary>
    /// The first column whose body cells hold more numbers than text; -1 when none does. A table without row labels
    /// printing its first columns' zeros blank (an appeals table whose 行政复议 had none) begins with columns blank in
    /// every body row: they are data columns too.
    /// </summary>
    public static int DefaultFirstDataColumn(ReadGrid grid, IReadOnlyList<int> bodyRows)
    {
        for (var c = 0; c < grid.ColumnCount && bodyRows.Count > 0; c++)
        {
            var numbers = bodyRows.Count(r => grid.HoldsNumber(grid.At(r, c)));
            var texts = bodyRows.Count(r => grid.HoldsText(grid.At(r, c)));
            if (numbers > texts)
            {
                return Enumerable.Range(0, c).All(l => bodyRows.All(r => grid.At(r, l) is { ShowsNothing: true })) ? 0 : c;
            }
        }
        return -1;
    }

    /// <summary>
    /// The body widened over the labelled rows that print nothing above its first and below its last number: the
    /// second part of a table cut over two pages can begin with rows whose every cell is blank, and so can a table
    /// that prints its zeros as blanks. Such a row is a body row, not a header row: its data cells print (nearly)
    /// nothing, and it has a label cell of its own. A header row never does (its leaf headers hold text, and the
    /// label area above the body is one merged cell); a thin row between two such rows is the doubled rule of a cut.
    /// </summary>
    private static List<int> WithBlankRowsAround(ReadGrid grid, List<int> body, int firstDataColumn)
    {
        if (body.Count == 0 || firstDataColumn <= 0)
        {
            return body;
        }
        var rows = new List<int>(body);
        foreach (var step in new[] { -1, 1 })
        {
            var r = (step < 0 ? body[0] : body[^1]) + step;
            var pendingThin = new List<int>();
            while (r >= 0 && r < grid.RowCount && !grid.IsTitleRow[r])
            {
                if (grid.IsThinRow(r))
                {
                    pendingThin.Add(r);
                }
                else if (IsBlankLabelledRow(grid, r, firstDataColumn))
                {
                    rows.AddRange(pendingThin);
                    pendingThin.Clear();
                    rows.Add(r);
                }
                else
                {
                    break;
                }
                r += step;
            }
        }
        rows.Sort();
        return rows;
    }

    private static bool IsBlankLabelledRow(ReadGrid grid, int row, int firstDataColumn) =>
        IsMostlyBlank(grid, row, firstDataColumn)
        && grid.At(row, firstDataColumn - 1) is { } label && label.Cell.Row == row && grid.Label(label).Length > 0;

    /// <summary>
    /// The row's data area prints (nearly) nothing. Its cells may reach into the rows around it, where a scan lost the
    /// rules between blanks, and one in <see cref="MostlyBlank"/> may hold a number the label model read as a word.
    /// </summary>
    private static bool IsMostlyBlank(ReadGrid grid, int row, int firstDataColumn)
    {
        var cells = new HashSet<Ocr.ReadCell>(ReferenceEqualityComparer.Instance);
        var written = 0;
        for (var c = firstDataColumn; c < grid.ColumnCount; c++)
        {
            if (grid.At(row, c) is not { } cell)
            {
                return false;
            }
            if (cells.Add(cell) && !string.IsNullOrWhiteSpace(cell.Text))
            {
                written++;
            }
        }
        return written * MostlyBlank <= cells.Count;
    }

    /// <summary>Every cell of the row's data area starts in the row and covers one lattice cell: no header cell reaches it.</summary>
    private static bool StartsPlainRow(ReadGrid grid, int row, int firstDataColumn)
    {
        for (var c = firstDataColumn; c < grid.ColumnCount; c++)
        {
            if (grid.At(row, c) is not { } cell || cell.Cell.Row != row || cell.Cell.RowSpan != 1 || cell.Cell.ColumnSpan != 1)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Every cell of the row's data area starts in the row, and nearly all print nothing: a body row of blanks (an agency
    /// with no appeals, a table printing its zeros blank) even where rules around its cells were lost and one of them,
    /// spanning two rows, holds a number the label model read as a word. A header row never is: its cells hold the
    /// column headers, or one of them reaches down from the row above (自然人 and 总计 beside the organisations), or it is
    /// one cell across the columns (申请人情况) where a body row has one per column but where a rule was lost.
    /// </summary>
    private static bool StartsBlankRow(ReadGrid grid, int row, int firstDataColumn)
    {
        var cells = Enumerable.Range(firstDataColumn, grid.ColumnCount - firstDataColumn).Select(c => grid.At(row, c)).ToList();
        return cells.All(c => c is not null && c.Cell.Row == row)
            && cells.Distinct(ReferenceEqualityComparer.Instance).Count() * 2 > cells.Count
            && IsMostlyBlank(grid, row, firstDataColumn);
    }

    /// <summary>At most one cell in this many of a row of blanks may hold something (a number read as a word).</summary>
    private const int MostlyBlank = 4;

    /// <summary>Runs of consecutive items whose cell is the same (none for a missing cell or an excluded item).</summary>
    private static List<(int, int)> Runs(int count, Func<int, Ocr.ReadCell?> cellOf, Func<int, bool> excluded)
    {
        var runs = new List<(int, int)>(count);
        var i = 0;
        while (i < count)
        {
            var cell = cellOf(i);
            var end = i + 1;
            while (cell is not null && !excluded(i) && end < count && !excluded(end) && ReferenceEquals(cellOf(end), cell))
            {
                end++;
            }
            for (var k = i; k < end; k++)
            {
                runs.Add((k - i, end - i));
            }
            i = end;
        }
        return runs;
    }

    private (int, int) HeaderRun(int column)
    {
        var leaf = HeaderRows.Select(r => Grid.At(r, column)).OfType<Ocr.ReadCell>().LastOrDefault(c => !Grid.HoldsNumber(c));
        return leaf is null || leaf.Cell.ColumnSpan < 2 || leaf.Cell.Column < FirstDataColumn
            ? (0, 1)
            : (column - leaf.Cell.Column, Math.Min(leaf.Cell.ColumnSpan, Grid.ColumnCount - leaf.Cell.Column));
    }

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
            if (cell is null || ReferenceEquals(cell, own) || !seen.Add(cell))
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
            .Where(c => !Grid.HoldsNumber(c)).Distinct(ReferenceEqualityComparer.Instance).Cast<Ocr.ReadCell>().ToList();
        if (cells.Count == 0)
        {
            return (string.Empty, []);
        }
        var leaf = cells[^1];
        return (Grid.Label(leaf), cells.Take(cells.Count - 1).Select(Grid.Label).Where(t => t.Length > 0).ToList());
    }
}
