using TableRecovery.Core.Grid;

namespace TableRecovery.Core.Ocr;

/// <summary>
/// Decides which lattice cells hold numbers. A cell's own shape can mislead (some Chinese glyphs break into
/// narrow pieces), so columns and rows vote: a number cell is an unmerged cell in a column and a row
/// whose non-blank unmerged cells mostly look numeric. Blank cells there are printed zeros.
/// </summary>
public static class NumericCellClassifier
{
    /// <param name="textHeight">The page's text height, which tells digits from the taller Chinese glyphs of a header; null not to.</param>
    public static HashSet<LatticeCell> Classify(Lattice lattice, IReadOnlyDictionary<LatticeCell, CellInk> inks, double? textHeight = null)
    {
        var single = lattice.Cells.Where(c => c.RowSpan == 1 && c.ColumnSpan == 1).ToList();
        var dataColumns = single
            .GroupBy(c => c.Column)
            .Where(g => Votes(g, inks) is var (numeric, written) && numeric > 0 && numeric >= written * 0.5)
            .Select(g => g.Key)
            .ToHashSet();
        if (dataColumns.Count == 0) return [];

        var firstDataColumn = dataColumns.Min();
        var dataRows = new HashSet<int>();
        var seenDataRow = false;
        var rows = single.Where(c => dataColumns.Contains(c.Column)).GroupBy(c => c.Row).OrderBy(g => g.Key).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var (numeric, written) = Votes(row, inks);
            // A row blank across the number columns is all printed zeros once numbers have begun. Before
            // them a tie is a header row: a short header such as 其他 can look like two digits.
            var isData = written == 0 ? seenDataRow : numeric * 2 > written || seenDataRow && numeric * 2 == written;
            if (!isData && !seenDataRow && written > 0 && numeric * 2 == written && textHeight is { } t && AllDigitHigh(row, inks, t))
            {
                // A tie of lines no taller than digits: the first row of numbers, one of them in a font whose digits do not
                // look numeric glyph by glyph (a calligraphic 39 beside a 39 that does), not a row of headers, whose
                // Chinese glyphs stand the text's full height. As a header row it took the row's label out of the body.
                isData = true;
            }
            if (isData && !seenDataRow && OnlySpecks(row, inks) && WordsFollowBeforeNumbers(rows, i + 1, inks))
            {
                // Specks of noise look like a number (noise says nothing against one), but a row holding nothing else above a
                // row of headers is a header row: a piece of one that a stray stub of rule cut off (appeals: 总计 of
                // 未经复议直接起诉, over the sub-headers) made its row the first of numbers, and the headers below it lost.
                // A first row printing its zeros blank, its specks followed by more numbers, still counts as one.
                isData = false;
            }
            if (isData && numeric == 0 && textHeight is { } height && WordsAcrossNumberColumns(lattice, inks, row.Key, firstDataColumn, height))
            {
                // No number in the row's own cells and words across the number columns: a header row. A header row of an
                // active-2021 block (本年处理决定数量 over the three number columns) has no cell of its own there, unless the
                // table has an extra blank column at the right (`generate --count 60 --seed 4902 --show-through mixed
                // --latin-font mixed --classes mild,hard`, 0058): then its blank cell made it a row of printed zeros, the
                // header was read as a number, and the labels no longer fitted the layout.
                isData = false;
            }
            if (!isData) continue;
            seenDataRow = true;
            dataRows.Add(row.Key);
        }

        // A column printed all blank (zeros) has only its Chinese header written, and lost the first vote:
        // within the number rows, right of the first number column, nothing but blanks and numbers qualifies.
        foreach (var column in single.Where(c => dataRows.Contains(c.Row) && c.Column > firstDataColumn && !dataColumns.Contains(c.Column)).GroupBy(c => c.Column))
        {
            if (column.All(c => inks[c].IsBlank || inks[c].LooksNumeric)) dataColumns.Add(column.Key);
        }
        var numbers = single.Where(c => dataRows.Contains(c.Row) && dataColumns.Contains(c.Column)).ToHashSet();
        numbers.UnionWith(MergedNumberCells(lattice, inks, firstDataColumn, dataRows));
        numbers.UnionWith(StackedNumberCells(lattice, inks, dataColumns, dataRows));
        return numbers;
    }

    /// <summary>
    /// Numbers of rows a missing rule joined: a cell of one number column spanning rows that hold numbers, blank or
    /// written in digits (one number per line).
    /// </summary>
    private static IEnumerable<LatticeCell> StackedNumberCells(Lattice lattice, IReadOnlyDictionary<LatticeCell, CellInk> inks,
        HashSet<int> dataColumns, HashSet<int> dataRows) =>
        lattice.Cells.Where(c => c.RowSpan > 1 && c.ColumnSpan == 1 && dataColumns.Contains(c.Column)
            && Enumerable.Range(c.Row, c.RowSpan).All(dataRows.Contains)
            && (inks[c].IsBlank || inks[c].Lines <= c.RowSpan));

    /// <summary>
    /// A number printed across merged columns (active-2021: 本年处理决定数量 spans the three columns of the rules
    /// above it), or numbers a broken rule left in one cell (snapping splits them). Such a cell is one of a row
    /// that starts with a label left of the number columns or holds numbers already; a blank one there is a
    /// printed zero, a written one must look numeric (a merged header reads as Chinese) unless its row holds numbers
    /// (two numbers a cell apart do not look like one).
    /// </summary>
    private static IEnumerable<LatticeCell> MergedNumberCells(Lattice lattice, IReadOnlyDictionary<LatticeCell, CellInk> inks, int firstDataColumn, HashSet<int> dataRows)
    {
        var labelled = lattice.Cells
            .Where(c => c.Column < firstDataColumn && c.LastColumn < firstDataColumn && !inks[c].IsBlank && !inks[c].LooksNumeric)
            .SelectMany(c => Enumerable.Range(c.Row, c.RowSpan))
            .ToHashSet();
        return lattice.Cells.Where(c =>
            c.RowSpan == 1 && c.ColumnSpan > 1 && c.Column >= firstDataColumn && (labelled.Contains(c.Row) || dataRows.Contains(c.Row))
            && (inks[c].IsBlank || inks[c].LooksNumeric || dataRows.Contains(c.Row) && inks[c].Lines == 1));
    }

    /// <summary>
    /// A cell of the row over several columns from the first number column on, holding words: ink that does not look numeric
    /// and runs two text heights wide at least (a printed 无 or — is one glyph).
    /// </summary>
    private static bool WordsAcrossNumberColumns(Lattice lattice, IReadOnlyDictionary<LatticeCell, CellInk> inks, int row, int firstDataColumn, double t) =>
        lattice.Cells.Any(c => c.Row == row && c.RowSpan == 1 && c.ColumnSpan > 1 && c.Column >= firstDataColumn
            && inks[c] is { InkBox: { } box, LooksNumeric: false } && box.Width >= t * WordWidth);

    private const double WordWidth = 2;

    /// <summary>Every inked cell is one line no taller than digits beside Chinese glyphs stand (about 0.7 of them).</summary>
    private static bool AllDigitHigh(IEnumerable<LatticeCell> row, IReadOnlyDictionary<LatticeCell, CellInk> inks, double t) =>
        row.Where(c => !inks[c].IsBlank).All(c => inks[c].Lines == 1 && inks[c].InkBox!.Value.Height <= t * DigitHigh);

    private const double DigitHigh = 0.85;

    private static bool OnlySpecks(IEnumerable<LatticeCell> row, IReadOnlyDictionary<LatticeCell, CellInk> inks) =>
        row.All(c => inks[c].IsBlank || inks[c].OnlySpecks);

    /// <summary>A row of words (not specks, not numbers) in the number columns comes before the next row of numbers.</summary>
    private static bool WordsFollowBeforeNumbers(List<IGrouping<int, LatticeCell>> rows, int from, IReadOnlyDictionary<LatticeCell, CellInk> inks)
    {
        foreach (var row in rows.Skip(from))
        {
            if (OnlySpecks(row, inks)) continue;
            var (numeric, written) = Votes(row, inks);
            return numeric * 2 <= written;
        }
        return false;
    }

    private static (int Numeric, int Written) Votes(IEnumerable<LatticeCell> cells, IReadOnlyDictionary<LatticeCell, CellInk> inks)
    {
        int numeric = 0, written = 0;
        foreach (var cell in cells)
        {
            var ink = inks[cell];
            if (ink.IsBlank) continue;
            written++;
            if (ink.LooksNumeric) numeric++;
        }
        return (numeric, written);
    }
}
