using TableRecovery.Core.Grid;
using TableRecovery.Core.Layouts;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Documents;

/// <summary>
/// Turns a lattice whose cells' text is known (a Word table, a PDF text layer) into a read table with certain
/// readings, so it goes through the same snapping and reconciliation as a table read by OCR.
/// </summary>
public static class TextTableBuilder
{
    /// <param name="image">The name the table goes by (part or page).</param>
    /// <param name="texts">Each cell's text; a cell missing here is blank.</param>
    /// <param name="sourceBox">Each cell's box in the picture's pixels; empty when there is no picture (Word tables).</param>
    /// <param name="printsNoNumber">The table is known to be one of the layouts yet prints no number: every column whose
    /// unmerged cells are blank but for its headers is a number column, and every row blank across them a value row.</param>
    public static ReadTable Build(string image, Lattice lattice, IReadOnlyDictionary<LatticeCell, string> texts,
        Func<LatticeCell, PixelRect> sourceBox, string? heading, int rotation = 0, double skewDegrees = 0, bool printsNoNumber = false)
    {
        string TextOf(LatticeCell c) => texts.TryGetValue(c, out var t) ? t.Trim() : string.Empty;
        var numeric = Classify(lattice, TextOf, printsNoNumber);
        var cells = lattice.Cells.Select(c =>
        {
            var text = TextOf(c);
            // A blank cell outside the voted number cells (an appeals table printing zeros blank in its first columns,
            // left of every number, has nothing to vote with) carries a certain blank, as a blank read from a picture
            // carries a sure one, should the layout put a number there.
            return numeric.Contains(c)
                ? new ReadCell(c, text, true, [new Reading(text, 1.0, ReadingMethod.Text)], sourceBox(c))
                : new ReadCell(c, text, false, text.Length == 0 ? [new Reading("", 1.0, ReadingMethod.Text)] : [], sourceBox(c));
        }).ToList();
        return new ReadTable(image, lattice, cells, heading, rotation, skewDegrees);
    }

    /// <summary>
    /// Which cells hold numbers, by the same vote as for pictures (<see cref="NumericCellClassifier"/>): unmerged cells
    /// in columns and rows whose written cells mostly parse as numbers or printed zeros; blanks there are printed zeros.
    /// </summary>
    internal static HashSet<LatticeCell> Classify(Lattice lattice, Func<LatticeCell, string> text, bool printsNoNumber = false)
    {
        var single = lattice.Cells.Where(c => c.RowSpan == 1 && c.ColumnSpan == 1).ToList();
        var dataColumns = single.GroupBy(c => c.Column)
            .Where(g => Votes(g, text) is var (numeric, written) && (numeric > 0 && numeric >= written * 0.5
                || printsNoNumber && written <= MaxHeaderCells && g.Count() - written >= MinBlankValues))
            .Select(g => g.Key)
            .ToHashSet();
        if (dataColumns.Count == 0)
        {
            return [];
        }
        var dataRows = new HashSet<int>();
        var seenDataRow = printsNoNumber;
        var firstDataColumn = dataColumns.Min();
        foreach (var row in single.Where(c => dataColumns.Contains(c.Column)).GroupBy(c => c.Row).OrderBy(g => g.Key))
        {
            var (numeric, written) = Votes(row, text);
            // A row blank across the number columns is all printed zeros once numbers have begun, or where it has a row
            // label of its own and no column header is below it: the part of a table cut over two pages that goes on
            // (with or without the headers repeated) may begin with rows that print nothing.
            var isData = written == 0
                ? seenDataRow || HasOwnLabel(lattice, row.Key, firstDataColumn, text) && !HasWordsOverNumbersBelow(lattice, row.Key, firstDataColumn, text)
                : numeric >= written * 0.5;
            if (isData)
            {
                seenDataRow = true;
                dataRows.Add(row.Key);
            }
        }
        foreach (var column in single.Where(c => dataRows.Contains(c.Row) && c.Column > firstDataColumn && !dataColumns.Contains(c.Column)).GroupBy(c => c.Column))
        {
            if (column.All(c => text(c).Length == 0 || LooksNumeric(text(c))))
            {
                dataColumns.Add(column.Key);
            }
        }
        var result = single.Where(c => dataRows.Contains(c.Row) && dataColumns.Contains(c.Column)).ToHashSet();
        // A value cell spanning several columns (the narrow blocks of the active tables) lost the vote, which counts
        // unmerged cells only. The text is certain, so a row of a label followed only by numbers and blanks is a value row.
        // A wide text followed by blanks alone is not: a heading or a paragraph the grid took in above or below the table.
        foreach (var row in lattice.Cells.GroupBy(c => c.Row))
        {
            var cells = row.OrderBy(c => c.Column).ToList();
            var values = cells.Skip(1).ToList();
            if (cells.Count >= 2 && text(cells[0]) is { Length: > 0 } label && !LooksNumeric(label)
                && (cells[0].ColumnSpan == 1 || values.Any(c => text(c).Length > 0))
                && values.Any(c => c.ColumnSpan > 1 && !result.Contains(c))
                && values.All(c => c.RowSpan == 1 && c.Column >= firstDataColumn && (text(c).Length == 0 || LooksNumeric(text(c)))))
            {
                result.UnionWith(values);
            }
        }
        return result;
    }

    /// <summary>A cell left of the number columns starts in the row and holds words.</summary>
    private static bool HasOwnLabel(Lattice lattice, int row, int firstDataColumn, Func<LatticeCell, string> text) =>
        lattice.Cells.Any(c => c.Row == row && c.Column < firstDataColumn && text(c) is { Length: > 0 } t && !LooksNumeric(t));

    /// <summary>A cell from the row down over the number columns holds words: the row is above the column headers.</summary>
    private static bool HasWordsOverNumbersBelow(Lattice lattice, int row, int firstDataColumn, Func<LatticeCell, string> text) =>
        lattice.Cells.Any(c => c.Row >= row && c.LastColumn >= firstDataColumn && text(c) is { Length: > 0 } t && !LooksNumeric(t));

    /// <summary>A number column of a table printing no number: its header cells, unmerged, at most these (appeals: two).</summary>
    private const int MaxHeaderCells = 2;

    /// <summary>… and blank values, at least these (appeals has one value row).</summary>
    private const int MinBlankValues = 1;

    private static (int Numeric, int Written) Votes(IEnumerable<LatticeCell> cells, Func<LatticeCell, string> text)
    {
        int numeric = 0, written = 0;
        foreach (var cell in cells)
        {
            var t = text(cell);
            if (t.Length == 0)
            {
                continue;
            }
            written++;
            if (LooksNumeric(t))
            {
                numeric++;
            }
        }
        return (numeric, written);
    }

    /// <summary>A number (signed, decimal, with thousands separators) or a printed zero (/, -, —, 无).</summary>
    internal static bool LooksNumeric(string text) =>
        CellValueParser.Parse(text, CellValueKind.Decimal) is { HasValue: true, Lenient: false }
        || CellValueParser.Parse(text, CellValueKind.SignedInteger) is { HasValue: true, Lenient: false };
}
