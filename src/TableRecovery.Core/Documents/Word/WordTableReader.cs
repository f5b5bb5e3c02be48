using DocumentFormat.OpenXml.Wordprocessing;
using TableRecovery.Core.Grid;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Documents.Word;

/// <summary>
/// Reads a Word table (w:tbl) as a lattice of text: every grid column one lattice column, merged cells
/// (w:gridSpan across, w:vMerge down) as spans, each cell's paragraphs as its text. No pixels: the lattice is a
/// unit grid and the cells have no box in any picture.
/// </summary>
internal static class WordTableReader
{
    private const int Unit = 100;

    /// <summary>The table as read, or null when it holds too few numbers to be a statistics table (a contact list, a layout table).</summary>
    public static ReadTable? Read(Table table, string name, string? heading, int minimumNumbers = 4)
    {
        var placed = new List<PlacedCell>();
        var rows = RowsOf(table).ToList();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var column = row.TableRowProperties?.GetFirstChild<GridBefore>()?.Val?.Value ?? 0;
            foreach (var cell in CellsOf(row))
            {
                var properties = cell.TableCellProperties;
                var span = Math.Max(1, properties?.GridSpan?.Val?.Value ?? 1);
                var merge = properties?.VerticalMerge;
                var continues = merge is not null && (merge.Val is null || merge.Val.Value != MergedCellValues.Restart);
                var above = continues ? placed.LastOrDefault(p => p.LastRow == r - 1 && p.Column == column) : null;
                if (above is not null)
                {
                    above.RowSpan++;
                }
                else
                {
                    placed.Add(new PlacedCell(r, column, span, TextOf(cell)));
                }
                column += span;
            }
        }
        if (placed.Count == 0)
        {
            return null;
        }
        var columns = placed.Max(p => p.Column + p.ColumnSpan);
        var cells = placed.Select(p => (Placed: p, Cell: new LatticeCell(p.Row, p.Column, p.RowSpan, p.ColumnSpan,
            new PixelRect(p.Column * Unit, p.Row * Unit, p.ColumnSpan * Unit, p.RowSpan * Unit)))).ToList();
        var lattice = new Lattice(
            Enumerable.Range(0, rows.Count + 1).Select(i => i * Unit).ToList(),
            Enumerable.Range(0, columns + 1).Select(i => i * Unit).ToList(),
            cells.Select(c => c.Cell).ToList());
        var texts = cells.ToDictionary(c => c.Cell, c => c.Placed.Text);
        var read = TextTableBuilder.Build(name, lattice, texts, _ => default, heading);
        return read.Cells.Count(c => c.IsNumeric && c.Text.Length > 0) >= minimumNumbers ? read : null;
    }

    /// <summary>Rows of this table, not of tables nested in its cells (rows may sit inside content controls).</summary>
    private static IEnumerable<TableRow> RowsOf(Table table) =>
        table.Descendants<TableRow>().Where(r => ReferenceEquals(r.Ancestors<Table>().First(), table));

    private static IEnumerable<TableCell> CellsOf(TableRow row) =>
        row.Descendants<TableCell>().Where(c => ReferenceEquals(c.Ancestors<TableRow>().First(), row));

    /// <summary>The cell's paragraphs, one per line (a label wrapped by hand stays one label once normalized).</summary>
    private static string TextOf(TableCell cell) =>
        string.Join('\n', cell.Elements<Paragraph>().Select(WordText.Of).Where(t => t.Length > 0));

    private sealed class PlacedCell(int row, int column, int columnSpan, string text)
    {
        public int Row { get; } = row;
        public int Column { get; } = column;
        public int ColumnSpan { get; } = columnSpan;
        public int RowSpan { get; set; } = 1;
        public int LastRow => Row + RowSpan - 1;
        public string Text { get; } = text;
    }
}
