using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Layouts;

/// <summary>
/// A read table as a grid of positions: which read cell covers (row, column), the normalized text of each cell,
/// and which rows are titles (one cell across the whole width), body rows (holding numbers) or thin rows
/// (a doubled rule, e.g. where a table was cut over two pages). Layout-independent; built once per table.
/// A cell "holds a number" when it was read as one, or when its text reads as one although the cell was taken
/// for a label (a printed 无 or a column of digits the classifier missed): an unmerged one becomes a number cell
/// whose one reading is that text; a merged one only shapes the table like a number cell. Where detected cells overlap (a merged cell drawn over rules the
/// detector also found), the smallest cell covering a position wins: it is the most specific.
/// </summary>
internal sealed class ReadGrid
{
    private readonly ReadCell?[,] _at;
    private readonly Dictionary<ReadCell, string> _normalized = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<ReadCell> _numberLike = new(ReferenceEqualityComparer.Instance);

    public ReadGrid(ReadTable table)
    {
        Table = table;
        RowCount = Math.Max(table.Lattice.RowCount, 0);
        ColumnCount = Math.Max(table.Lattice.ColumnCount, 0);
        _at = new ReadCell?[RowCount, ColumnCount];
        // Largest first, so that a smaller cell overlapping a larger one takes its positions (stable on ties).
        foreach (var cell in table.Cells.OrderByDescending(c => (long)c.Cell.RowSpan * c.Cell.ColumnSpan).Select(AsNumberIfItReadsAsOne))
        {
            var c = cell.Cell;
            for (var r = Math.Max(c.Row, 0); r <= Math.Min(c.LastRow, RowCount - 1); r++)
            {
                for (var k = Math.Max(c.Column, 0); k <= Math.Min(c.LastColumn, ColumnCount - 1); k++)
                {
                    _at[r, k] = cell;
                }
            }
            var numberLike = cell.IsNumeric && !IsUnreadWideMerge(cell) || ReadsAsNumber(cell.Text);
            if (numberLike)
            {
                _numberLike.Add(cell);
            }
            _normalized[cell] = LabelNormalizer.Normalize(numberLike ? null : cell.Text);
        }
        var heights = Enumerable.Range(0, RowCount).Select(RowHeight).Where(h => h > 0).OrderBy(h => h).ToList();
        MedianRowHeight = heights.Count == 0 ? 0 : heights[heights.Count / 2];
        IsTitleRow = Enumerable.Range(0, RowCount).Select(DetectTitle).ToArray();
        IsBodyRow = DetectBodyRows();
    }

    /// <summary>
    /// The Chinese model's text of a cell taken for a label, as its one reading when it reads as a number. It has no
    /// digit confidence, so it is kept below the bar at which readings alone make a cell <c>ok</c>.
    /// </summary>
    private const double LabelTextAsNumberConfidence = 0.6;

    /// <summary>
    /// An unmerged cell taken for a label whose text reads as a number (a table that prints every zero as 无 has
    /// no digit-shaped cells for the number columns to be voted in by) becomes a number cell with that reading.
    /// </summary>
    private static ReadCell AsNumberIfItReadsAsOne(ReadCell cell) =>
        !cell.IsNumeric && cell.Cell.RowSpan == 1 && cell.Cell.ColumnSpan == 1 && ReadsAsNumber(cell.Text)
            ? cell with { IsNumeric = true, Readings = [new Reading(NumberText.WithoutStrayMarks(cell.Text), LabelTextAsNumberConfidence, ReadingMethod.Cell)] }
            : cell;

    /// <summary>
    /// A cell the ink vote took for a number that spans four columns or more and that no way read with any confidence:
    /// a group header over many columns (行政诉讼 over ten, on a warped hard scan) whose garbled strokes passed for digits.
    /// No layout prints a number across more than three columns (active-2021's amounts and decisions span three, and may
    /// read blank), and a rule lost between numbers leaves them readable. Taken for a number, it made the header row the
    /// first body row: the table had no headers left to match.
    /// </summary>
    private static bool IsUnreadWideMerge(ReadCell cell) =>
        cell.Cell.ColumnSpan >= 4 && cell.Readings.All(r => r.Confidence < UnreadConfidence);

    private const double UnreadConfidence = 0.1;

    public ReadTable Table { get; }
    public int RowCount { get; }
    public int ColumnCount { get; }
    public int MedianRowHeight { get; }
    public IReadOnlyList<bool> IsTitleRow { get; }
    public IReadOnlyList<bool> IsBodyRow { get; }

    public ReadCell? At(int row, int column) =>
        row >= 0 && row < RowCount && column >= 0 && column < ColumnCount ? _at[row, column] : null;

    /// <summary>Normalized label text of a cell; empty for cells holding a number.</summary>
    public string Label(ReadCell? cell) => cell is null ? string.Empty : _normalized[cell];

    /// <summary>The cell was read as a number, or its text reads as one (see the class summary).</summary>
    public bool HoldsNumber(ReadCell? cell) => cell is not null && _numberLike.Contains(cell);

    /// <summary>The cell holds something other than a number: label text, or text too garbled to tell.</summary>
    public bool HoldsText(ReadCell? cell) => cell is not null && !_numberLike.Contains(cell) && _normalized[cell].Length > 0;

    /// <summary>
    /// Text that is a number or a printed zero as the Chinese model reads it (digits, separators, 无, a dash or
    /// slash, and the letters it takes digits for), with some stray rule marks around it.
    /// </summary>
    public static bool ReadsAsNumber(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var marks = 0;
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch) || NumberText.StrayMarks.Contains(ch, StringComparison.Ordinal))
            {
                continue;
            }
            if (!NumberChars.Contains(ch, StringComparison.Ordinal))
            {
                return false;
            }
            marks++;
        }
        return marks > 0;
    }

    private const string NumberChars = "0123456789,.，．０１２３４５６７８９无/-—–―－oOQ";

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
        string.Concat(CellsCovering(row).Where(c => c.Cell.Row == row && !HoldsNumber(c)).Select(Label));

    public bool HasNumbers(int row) => CellsCovering(row).Any(HoldsNumber);

    public int NonEmptyNumbers(int row) => CellsCovering(row).Count(c => HoldsNumber(c) && !string.IsNullOrWhiteSpace(c.Text));

    private bool DetectTitle(int row)
    {
        var cells = CellsCovering(row);
        return ColumnCount > 1 && cells.Count == 1 && !HoldsNumber(cells[0]) && cells[0].Cell.RowSpan == 1
            && cells[0].Cell.ColumnSpan >= ColumnCount;
    }

    private bool[] DetectBodyRows()
    {
        var counts = Enumerable.Range(0, RowCount).Select(row =>
        {
            var starting = CellsCovering(row).Where(c => c.Cell.Row == row).ToList();
            return (Numbers: starting.Count(HoldsNumber), Texts: starting.Count(HoldsText), Cells: starting.Count);
        }).ToList();
        var body = counts.Select(c => c.Numbers >= 2 || (c.Numbers == 1 && c.Numbers >= c.Cells - c.Numbers)).ToArray();
        // Above the numbers, a row holding more words than numbers is a row of headers some of which a hard scan made
        // look like numbers (a short 其他 read blank, 科研机构 read "1"): as the first body row it would leave the columns
        // only their group header (法人或其他组织) to be matched by. A body row's numbers outnumber its labels.
        var firstClear = counts.FindIndex(c => c.Numbers >= 2 && c.Numbers > c.Texts);
        for (var row = 0; row < firstClear; row++)
        {
            if (body[row] && counts[row].Texts > counts[row].Numbers)
            {
                body[row] = false;
            }
        }
        return body;
    }
}
