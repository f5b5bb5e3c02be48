using TableRecovery.Core.Grid;
using TableRecovery.Core.Layouts;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Tests.Layouts;

/// <summary>One cell of a synthetic grid, before it becomes a lattice cell.</summary>
internal sealed class ModelCell
{
    public ModelCell(int row, int column, int rowSpan, int columnSpan, string text, bool isNumeric)
    {
        Row = row;
        Column = column;
        RowSpan = rowSpan;
        ColumnSpan = columnSpan;
        Text = text;
        IsNumeric = isNumeric;
    }

    public int Row { get; set; }
    public int Column { get; set; }
    public int RowSpan { get; set; }
    public int ColumnSpan { get; set; }
    public int LastRow => Row + RowSpan - 1;
    public int LastColumn => Column + ColumnSpan - 1;
    public string Text { get; set; }
    public bool IsNumeric { get; }
}

/// <summary>
/// Lays out a layout's official printed grid (label columns with merged group cells, merged header rows, one number
/// per cell, every number distinct) and degrades it the ways scans and grid detection do, then turns it into the
/// <see cref="ReadTable"/> the OCR stage would hand over.
/// </summary>
internal sealed class SyntheticTable
{
    private const string RequestsCorner = "(本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和)";
    private readonly List<ModelCell> _cells = [];
    private readonly List<int> _heights = [];
    private readonly List<int> _widths = [];

    private SyntheticTable(TableLayout layout)
    {
        Layout = layout;
    }

    public TableLayout Layout { get; }

    /// <summary>The number printed for each layout cell id.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public string? Heading { get; set; }

    /// <summary>How sure the Chinese model was of every label (see <see cref="ReadCell.LabelConfidence"/>).</summary>
    public double LabelConfidence { get; set; } = 1;

    public int RowCount => _heights.Count;
    public int ColumnCount => _widths.Count;

    /// <param name="values">The numbers printed; by default 1, 2, 3, … in the layout's order, each told apart by its text (they break the identities).</param>
    public static SyntheticTable Official(string layoutId, string? heading = null, IReadOnlyDictionary<string, decimal>? values = null)
    {
        var layout = LayoutCatalog.Default[layoutId];
        var table = new SyntheticTable(layout) { Heading = heading };
        for (var i = 0; i < layout.Cells.Count; i++)
        {
            var id = layout.Cells[i].Id;
            table.Values[id] = (values?[id] ?? i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        if (layout.IsBlockTable)
        {
            table.BuildBlocks();
        }
        else
        {
            table.BuildGrid();
        }
        return table;
    }

    // ------------------------------------------------------------------ official grids

    private void BuildGrid()
    {
        var singleRow = Layout.Rows.Count == 1;
        var rowPaths = Layout.Rows.Select(r => Path(r.Group, r.Label)).ToList();
        var labelColumns = singleRow ? 0 : rowPaths.Max(p => p.Count);
        var isRequests = Layout.Id.StartsWith("requests", StringComparison.Ordinal);
        var columnPaths = Layout.Columns.Select(c =>
        {
            var path = Path(c.Group, c.Label);
            return isRequests && c.Key != "total" ? path.Prepend("申请人情况").ToList() : path;
        }).ToList();
        var headerRows = columnPaths.Max(p => p.Count);
        _widths.AddRange(Enumerable.Repeat(160, labelColumns));
        _widths.AddRange(Enumerable.Repeat(70, Layout.Columns.Count));
        _heights.AddRange(Enumerable.Repeat(36, headerRows + Layout.Rows.Count));

        if (labelColumns > 0)
        {
            _cells.Add(new ModelCell(0, 0, headerRows, labelColumns, isRequests ? RequestsCorner : string.Empty, false));
        }
        // header: merged group cells across columns sharing a prefix, leaves spanning down to the last header row
        for (var k = 0; k < columnPaths.Count; k++)
        {
            var path = columnPaths[k];
            for (var d = 0; d < path.Count - 1; d++)
            {
                if (k > 0 && SamePrefix(columnPaths[k - 1], path, d))
                {
                    continue;
                }
                var span = 1;
                while (k + span < columnPaths.Count && SamePrefix(columnPaths[k + span], path, d))
                {
                    span++;
                }
                _cells.Add(new ModelCell(d, labelColumns + k, 1, span, path[d], false));
            }
            _cells.Add(new ModelCell(path.Count - 1, labelColumns + k, headerRows - path.Count + 1, 1, path[^1], false));
        }
        // body: merged group cells down rows sharing a prefix, own labels spanning right to the data area
        for (var j = 0; j < Layout.Rows.Count; j++)
        {
            var row = headerRows + j;
            if (!singleRow)
            {
                var path = rowPaths[j];
                for (var d = 0; d < path.Count - 1; d++)
                {
                    if (j > 0 && SamePrefix(rowPaths[j - 1], path, d))
                    {
                        continue;
                    }
                    var span = 1;
                    while (j + span < rowPaths.Count && SamePrefix(rowPaths[j + span], path, d))
                    {
                        span++;
                    }
                    _cells.Add(new ModelCell(row, d, span, 1, path[d], false));
                }
                _cells.Add(new ModelCell(row, path.Count - 1, 1, labelColumns - path.Count + 1, path[^1], false));
            }
            for (var k = 0; k < Layout.Columns.Count; k++)
            {
                _cells.Add(new ModelCell(row, labelColumns + k, 1, 1, Values[$"{Layout.Rows[j].Key}/{Layout.Columns[k].Key}"], true));
            }
        }
    }

    private void BuildBlocks()
    {
        var dataColumns = Layout.Blocks.Max(b => b.Columns.Count);
        _widths.Add(200);
        _widths.AddRange(Enumerable.Repeat(120, dataColumns));
        var row = 0;
        foreach (var block in Layout.Blocks)
        {
            _cells.Add(new ModelCell(row++, 0, 1, dataColumns + 1, block.Label, false));
            _cells.Add(new ModelCell(row, 0, 1, 1, Layout.HeaderColumnLabel ?? "信息内容", false));
            AddSpread(row++, block.Columns.Select(c => c.Label).ToList(), dataColumns, false);
            foreach (var r in block.Rows)
            {
                _cells.Add(new ModelCell(row, 0, 1, 1, r.Label, false));
                AddSpread(row++, block.Columns.Select(c => Values[$"{r.Key}/{c.Key}"]).ToList(), dataColumns, true);
            }
        }
        _heights.AddRange(Enumerable.Repeat(36, row));
    }

    /// <summary>n texts over the data columns; the last one spans what is left (as official forms print it).</summary>
    private void AddSpread(int row, List<string> texts, int dataColumns, bool numeric)
    {
        for (var k = 0; k < texts.Count; k++)
        {
            var span = k == texts.Count - 1 ? dataColumns - k : 1;
            _cells.Add(new ModelCell(row, 1 + k, 1, span, texts[k], numeric));
        }
    }

    private static List<string> Path(string? group, string label) =>
        (group is null ? [] : group.Split(" / ").ToList()).Append(label).ToList();

    private static bool SamePrefix(List<string> a, List<string> b, int depth) =>
        a.Count > depth + 1 && b.Count > depth + 1 && a.Take(depth + 1).SequenceEqual(b.Take(depth + 1));

    // ------------------------------------------------------------------ degradations

    /// <summary>Rewrites the text of every label cell (OCR noise, a misprint, a variant).</summary>
    public SyntheticTable Labels(Func<string, string> rewrite)
    {
        foreach (var cell in _cells.Where(c => !c.IsNumeric))
        {
            cell.Text = rewrite(cell.Text);
        }
        return this;
    }

    /// <summary>Replaces the text of the label cells that read exactly <paramref name="label"/>.</summary>
    public SyntheticTable Label(string label, string replacement)
    {
        var hits = _cells.Where(c => !c.IsNumeric && c.Text == label).ToList();
        Assert.True(hits.Count > 0, $"test setup: no label cell reads '{label}'");
        hits.ForEach(c => c.Text = replacement);
        return this;
    }

    /// <summary>Replaces the printed number of a layout cell.</summary>
    public SyntheticTable Number(string cellId, string text)
    {
        var old = Values[cellId];
        _cells.Single(c => c.IsNumeric && c.Text == old).Text = text;
        Values[cellId] = text;
        return this;
    }

    /// <summary>The grid detector missed the vertical rule at the left of <paramref name="column"/>.</summary>
    public SyntheticTable RemoveColumnRule(int column, string numberSeparator = " ")
    {
        for (var r = 0; r < RowCount; r++)
        {
            var a = At(r, column - 1);
            var b = At(r, column);
            if (a is null || b is null || ReferenceEquals(a, b) || b.Row != r)
            {
                continue;
            }
            Assert.True(a.Row == b.Row && a.RowSpan == b.RowSpan && a.LastColumn == column - 1,
                $"test setup: cannot remove the rule left of column {column} in row {r}");
            a.ColumnSpan += b.ColumnSpan;
            a.Text = a.IsNumeric ? a.Text + numberSeparator + b.Text : a.Text + b.Text;
            _cells.Remove(b);
        }
        foreach (var c in _cells)
        {
            var last = c.LastColumn >= column ? c.LastColumn - 1 : c.LastColumn;
            c.Column = c.Column >= column ? c.Column - 1 : c.Column;
            c.ColumnSpan = last - c.Column + 1;
        }
        _widths[column - 1] += _widths[column];
        _widths.RemoveAt(column);
        return this;
    }

    /// <summary>The grid detector missed the horizontal rule above <paramref name="row"/>.</summary>
    public SyntheticTable RemoveRowRule(int row)
    {
        for (var k = 0; k < ColumnCount; k++)
        {
            var a = At(row - 1, k);
            var b = At(row, k);
            if (a is null || b is null || ReferenceEquals(a, b) || b.Column != k)
            {
                continue;
            }
            Assert.True(a.Column == b.Column && a.ColumnSpan == b.ColumnSpan && a.LastRow == row - 1,
                $"test setup: cannot remove the rule above row {row} in column {k}");
            a.RowSpan += b.RowSpan;
            a.Text = a.IsNumeric ? a.Text + "\n" + b.Text : a.Text + b.Text;
            _cells.Remove(b);
        }
        foreach (var c in _cells)
        {
            var last = c.LastRow >= row ? c.LastRow - 1 : c.LastRow;
            c.Row = c.Row >= row ? c.Row - 1 : c.Row;
            c.RowSpan = last - c.Row + 1;
        }
        _heights[row - 1] += _heights[row];
        _heights.RemoveAt(row);
        return this;
    }

    /// <summary>
    /// A rule split <paramref name="column"/> in the header rows only: the header cell there moved right of it, with a blank
    /// cell left of it that the reader took for a number; the body's numbers lie over both halves.
    /// </summary>
    public SyntheticTable SplitInTheHeaderOnly(int column)
    {
        foreach (var c in _cells.ToList())
        {
            if (c.Column < column && c.LastColumn >= column || c.Column == column && c.IsNumeric)
            {
                c.ColumnSpan++;
            }
            else if (c.Column > column)
            {
                c.Column++;
            }
            else if (c.Column == column)
            {
                c.Column++;
                _cells.Add(new ModelCell(c.Row, column, c.RowSpan, 1, string.Empty, true));
            }
        }
        _widths.Insert(column, 20);
        return this;
    }

    /// <summary>
    /// The rule between the headers <paramref name="left"/> and <paramref name="right"/> lost in their row only: one header
    /// cell over both columns, read as <paramref name="read"/>; the numbers below keep their own cells.
    /// </summary>
    public SyntheticTable HeadersJoined(string left, string right, string read)
    {
        var first = _cells.Single(c => !c.IsNumeric && c.Text == left);
        var second = _cells.Single(c => !c.IsNumeric && c.Text == right);
        Assert.True(first.Row == second.Row && first.LastColumn + 1 == second.Column, $"test setup: {left} and {right} are not neighbours");
        _cells.Remove(second);
        first.ColumnSpan += second.ColumnSpan;
        first.Text = read;
        return this;
    }

    /// <summary>An extra ruled column, empty, inserted at <paramref name="column"/>.</summary>
    public SyntheticTable InsertBlankColumn(int column)
    {
        var numericRows = Enumerable.Range(0, RowCount).Select(r => At(r, Math.Max(column - 1, 0))?.IsNumeric == true).ToList();
        foreach (var c in _cells)
        {
            if (c.Column >= column)
            {
                c.Column++;
            }
            else if (c.LastColumn >= column)
            {
                c.ColumnSpan++;
            }
        }
        _widths.Insert(column, 50);
        for (var r = 0; r < RowCount; r++)
        {
            if (At(r, column) is null)
            {
                _cells.Add(new ModelCell(r, column, 1, 1, string.Empty, numericRows[r]));
            }
        }
        return this;
    }

    /// <summary>Writes <paramref name="text"/> in the cell at the row and column: a mark noise left where nothing was printed.</summary>
    public SyntheticTable Mark(int row, int column, string text)
    {
        var cell = At(row, column);
        Assert.True(cell is not null, $"test setup: no cell at r{row}c{column}");
        cell.Text = text;
        return this;
    }

    /// <summary>The rows holding numbers, top to bottom.</summary>
    public IReadOnlyList<int> NumberRows => [.. _cells.Where(c => c.IsNumeric).Select(c => c.Row).Distinct().Order()];

    /// <summary>An extra row: one cell across the whole width (a title), or blank cells of a given height (a doubled rule).</summary>
    public SyntheticTable InsertRow(int row, string? title, int height = 36)
    {
        var numericBelow = Enumerable.Range(0, ColumnCount).Select(k => At(Math.Min(row, RowCount - 1), k)?.IsNumeric == true).ToList();
        foreach (var c in _cells)
        {
            if (c.Row >= row)
            {
                c.Row++;
            }
            else if (c.LastRow >= row)
            {
                c.RowSpan++;
            }
        }
        _heights.Insert(row, height);
        if (title is not null)
        {
            _cells.Add(new ModelCell(row, 0, 1, ColumnCount, title, false));
            return this;
        }
        for (var k = 0; k < ColumnCount; k++)
        {
            if (At(row, k) is null)
            {
                _cells.Add(new ModelCell(row, k, 1, 1, string.Empty, numericBelow[k]));
            }
        }
        return this;
    }

    /// <summary>The picture ends <paramref name="rows"/> rows early (a table cut over two pages).</summary>
    public SyntheticTable CutLastRows(int rows)
    {
        var keep = RowCount - rows;
        _cells.RemoveAll(c => c.Row >= keep);
        foreach (var c in _cells.Where(c => c.LastRow >= keep))
        {
            c.RowSpan = keep - c.Row;
        }
        _heights.RemoveRange(keep, rows);
        return this;
    }

    /// <summary>The picture starts at <paramref name="row"/>: the rows above (e.g. the header) are on the previous page.</summary>
    public SyntheticTable CutFirstRows(int rows)
    {
        _cells.RemoveAll(c => c.LastRow < rows);
        foreach (var c in _cells)
        {
            var last = c.LastRow - rows;
            c.Row = Math.Max(c.Row - rows, 0);
            c.RowSpan = last - c.Row + 1;
        }
        _heights.RemoveRange(0, rows);
        return this;
    }

    /// <summary>
    /// The rows print nothing in their number cells (zeros left blank), and the OCR stage took those blank cells for
    /// labels, as it does where no number nearby votes their column in.
    /// </summary>
    public SyntheticTable PrintsNothingInRows(int firstRow, int lastRow)
    {
        foreach (var c in _cells.Where(c => c.IsNumeric && c.Row >= firstRow && c.LastRow <= lastRow).ToList())
        {
            Values[Values.Single(v => v.Value == c.Text).Key] = "0";
            _cells[_cells.IndexOf(c)] = new ModelCell(c.Row, c.Column, c.RowSpan, c.ColumnSpan, string.Empty, false);
        }
        return this;
    }

    /// <summary>The number of a layout cell, broken into pieces no test took for a number, read by the Chinese model as words.</summary>
    public SyntheticTable ReadAsWords(string cellId, string words)
    {
        var c = _cells.Single(c => c.IsNumeric && c.Text == Values[cellId]);
        _cells[_cells.IndexOf(c)] = new ModelCell(c.Row, c.Column, c.RowSpan, c.ColumnSpan, words, false);
        return this;
    }

    /// <summary>The numbers of the row labelled <paramref name="label"/> read as nothing a number can be made of.</summary>
    public SyntheticTable Unreadable(string label)
    {
        var row = RowOf(label);
        foreach (var c in _cells.Where(c => c.IsNumeric && c.Row == row))
        {
            c.Text = "?";
        }
        return this;
    }

    /// <summary>The row index of the first cell whose text is <paramref name="label"/>.</summary>
    public int RowOf(string label) => _cells.First(c => c.Text == label).Row;

    /// <summary>The column index of the first cell whose text is <paramref name="label"/>.</summary>
    public int ColumnOf(string label) => _cells.First(c => c.Text == label).Column;

    private ModelCell? At(int row, int column) =>
        _cells.FirstOrDefault(c => row >= c.Row && row <= c.LastRow && column >= c.Column && column <= c.LastColumn);

    // ------------------------------------------------------------------ to the OCR stage's output

    public ReadTable ToReadTable(string image = "synthetic.png")
    {
        var rowEdges = new List<int> { 100 };
        foreach (var h in _heights)
        {
            rowEdges.Add(rowEdges[^1] + h);
        }
        var columnEdges = new List<int> { 50 };
        foreach (var w in _widths)
        {
            columnEdges.Add(columnEdges[^1] + w);
        }
        var lattice = new List<LatticeCell>();
        var read = new List<ReadCell>();
        foreach (var c in _cells.OrderBy(c => c.Row).ThenBy(c => c.Column))
        {
            var box = new PixelRect(columnEdges[c.Column], rowEdges[c.Row],
                columnEdges[c.LastColumn + 1] - columnEdges[c.Column], rowEdges[c.LastRow + 1] - rowEdges[c.Row]);
            var cell = new LatticeCell(c.Row, c.Column, c.RowSpan, c.ColumnSpan, box);
            lattice.Add(cell);
            // A blank cell, number or not, carries what the table reader gives one.
            IReadOnlyList<Reading> readings = c.Text.Length == 0 ? TableReader.BlankReadings()
                : c.IsNumeric ? [new Reading(c.Text, 0.9, ReadingMethod.Cell)] : [];
            read.Add(new ReadCell(cell, c.Text, c.IsNumeric, readings, box with { X = box.X * 2, Y = box.Y * 2 }) { LabelConfidence = LabelConfidence });
        }
        return new ReadTable(image, new Lattice(rowEdges, columnEdges, lattice), read, Heading, 0, 0);
    }
}
