using DocumentFormat.OpenXml.Wordprocessing;
using TableRecovery.Core.Grid;
using TableRecovery.Core.Layouts;
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
        if (read.Cells.Count(c => c.IsNumeric && c.Text.Length > 0) >= minimumNumbers) return read;
        return PrintsLayoutLabels(read) ? TextTableBuilder.Build(name, lattice, texts, _ => default, heading, printsNoNumber: true) : null;
    }

    /// <summary>
    /// The table's words are the labels of the official layouts: a statistics table that prints (nearly) every number
    /// blank, as an agency that received no requests does, holds too few numbers to be told from a contact or layout
    /// table by them, but no other table repeats these labels.
    /// </summary>
    private static bool PrintsLayoutLabels(ReadTable read)
    {
        var texts = read.Cells.Where(c => !c.IsNumeric).Select(c => LabelNormalizer.Normalize(c.Text)).Where(t => t.Length >= MinLabelLength).ToList();
        return texts.Count(t => LayoutLabels.Value.Any(label => LabelSimilarity.ScoreNormalized(t, label) >= SameLabel)) >= MinLayoutLabels;
    }

    private static readonly Lazy<IReadOnlyList<string>> LayoutLabels = new(() => LayoutCatalog.Default.All
        .SelectMany(l => l.Rows.Select(r => r.Label).Concat(l.Blocks.SelectMany(b => b.Columns.Select(c => c.Label))))
        .Select(LabelNormalizer.Normalize).Where(l => l.Length >= MinLabelLength).Distinct().ToList());

    /// <summary>Short words (总计, 其他, 规章) are in many tables; the layouts' longer labels are theirs alone.</summary>
    private const int MinLabelLength = 4;

    /// <summary>Printed text is certain: a label of the layout reads as itself, save a variant glyph or numbering.</summary>
    private const double SameLabel = 0.9;

    /// <summary>The smallest layout (appeals) has fifteen such headers; a paragraph quoting one or two is no table of them.</summary>
    private const int MinLayoutLabels = 6;

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
