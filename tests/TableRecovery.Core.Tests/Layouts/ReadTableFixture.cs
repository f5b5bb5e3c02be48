using System.Globalization;
using TableRecovery.Core.Grid;
using TableRecovery.Core.Layouts;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Layouts;

/// <summary>
/// A table as the real pipeline read it from a generated corpus image (lattice, every cell's text as Tesseract
/// gave it, number or label), with where the truth puts each layout cell. The files live in
/// tests/fixtures/readtables; see the README there for the format and how they were captured.
/// </summary>
internal sealed record ReadTableFixture(
    string Name,
    string? Layout,
    ReadTable Table,
    IReadOnlyDictionary<string, (int Row, int Column)> Truth)
{
    public static string Folder => Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "readtables");

    /// <summary>The confidence of a number cell's one reading when the file does not give it (the older captures).</summary>
    private const double DefaultNumberConfidence = 0.9;

    public static ReadTableFixture Load(string name)
    {
        string? layout = null;
        string? heading = null;
        List<int> rowEdges = [], columnEdges = [];
        var cells = new List<(int Row, int Column, int RowSpan, int ColumnSpan, bool Number, double Confidence, string Text)>();
        var truth = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(Folder, name)))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var (key, rest) = space < 0 ? (line, string.Empty) : (line[..space], line[(space + 1)..]);
            switch (key)
            {
                case "layout":
                    layout = rest;
                    break;
                case "heading":
                    heading = rest.Length == 0 ? null : Unescape(rest);
                    break;
                case "row-edges":
                    rowEdges = Numbers(rest);
                    break;
                case "column-edges":
                    columnEdges = Numbers(rest);
                    break;
                case "cell":
                {
                    // cell <row> <column> <rows>x<columns> number[@<confidence>]|text <text, \n escaped>
                    var parts = rest.Split(' ', 5);
                    var span = parts[2].Split('x');
                    var kind = parts[3].Split('@');
                    var confidence = kind.Length > 1 ? double.Parse(kind[1], CultureInfo.InvariantCulture) : DefaultNumberConfidence;
                    cells.Add((Int(parts[0]), Int(parts[1]), Int(span[0]), Int(span[1]), kind[0] == "number", confidence,
                        parts.Length > 4 ? Unescape(parts[4]) : string.Empty));
                    break;
                }
                case "truth":
                {
                    var parts = rest.Split(' ');
                    truth[parts[0]] = (Int(parts[1]), Int(parts[2]));
                    break;
                }
                case "truth-grid":
                    break;
                default:
                    throw new FormatException($"{name}: unknown line '{line}'");
            }
        }
        var lattice = new List<LatticeCell>();
        var read = new List<ReadCell>();
        foreach (var c in cells)
        {
            var box = new PixelRect(columnEdges[c.Column], rowEdges[c.Row],
                columnEdges[c.Column + c.ColumnSpan] - columnEdges[c.Column], rowEdges[c.Row + c.RowSpan] - rowEdges[c.Row]);
            var cell = new LatticeCell(c.Row, c.Column, c.RowSpan, c.ColumnSpan, box);
            lattice.Add(cell);
            IReadOnlyList<Reading> readings = c.Number ? [new Reading(c.Text, c.Confidence, ReadingMethod.Cell)] : [];
            read.Add(new ReadCell(cell, c.Text, c.Number, readings, box));
        }
        var table = new ReadTable(name, new Lattice(rowEdges, columnEdges, lattice), read, heading, 0, 0);
        return new ReadTableFixture(name, layout, table, truth);
    }

    /// <summary>
    /// Where the snap put rows, columns and numbers that the truth puts elsewhere: a row matched to another lattice
    /// row, a column whose lattice columns do not hold the truth's, a cell whose read cell does not cover the truth's.
    /// </summary>
    public List<string> Misplaced(SnappedTable snapped)
    {
        var wrong = new List<string>();
        var rowOf = Truth.GroupBy(t => RowKey(t.Key)).ToDictionary(g => g.Key, g => g.First().Value.Row, StringComparer.Ordinal);
        foreach (var m in snapped.Rows.Where(m => rowOf.TryGetValue(m.RowKey, out var row) && row != m.LatticeRow))
        {
            wrong.Add($"row {m.RowKey} at r{m.LatticeRow}, truth r{rowOf[m.RowKey]}");
        }
        foreach (var m in snapped.Columns)
        {
            var block = snapped.Layout.Blocks.First(b => b.Key == m.BlockKey);
            var truthColumns = block.Rows.Select(r => $"{r.Key}/{m.ColumnKey}").Where(Truth.ContainsKey).Select(id => Truth[id].Column).Distinct().ToList();
            if (truthColumns.Count > 0 && !truthColumns.Any(c => c >= m.FirstLatticeColumn && c <= m.LastLatticeColumn))
            {
                wrong.Add($"column {m.BlockKey}/{m.ColumnKey} at c{m.FirstLatticeColumn}-{m.LastLatticeColumn}, truth c{truthColumns[0]}");
            }
        }
        foreach (var (id, cell) in snapped.CellsById)
        {
            if (cell is not null && Truth.TryGetValue(id, out var at)
                && (at.Row < cell.Cell.Row || at.Row > cell.Cell.LastRow || at.Column < cell.Cell.Column || at.Column > cell.Cell.LastColumn))
            {
                wrong.Add($"cell {id} from r{cell.Cell.Row}c{cell.Cell.Column} '{cell.Text}', truth r{at.Row}c{at.Column}");
            }
        }
        return wrong;
    }

    public override string ToString() => Name;

    private static string RowKey(string cellId) => cellId[..cellId.IndexOf('/', StringComparison.Ordinal)];

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);

    private static List<int> Numbers(string s) => s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Int).ToList();

    private static string Unescape(string s)
    {
        var sb = new System.Text.StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                sb.Append(s[++i] == 'n' ? '\n' : s[i]);
            }
            else
            {
                sb.Append(s[i]);
            }
        }
        return sb.ToString();
    }
}
