using TableRecovery.Core.Imaging;

namespace TableRecovery.Core.Grid;

/// <summary>
/// Splits the rules of a picture into tables (rules that cross each other belong together) and builds
/// each table's lattice, in reading order. A whole report page yields two or three tables.
/// </summary>
public static class TableFinder
{
    /// <param name="throughGrain">Faint lines looked for through grain (<see cref="LineMap.Find"/>).</param>
    public static IReadOnlyList<DetectedTable> Find(NormalizedImage image, bool throughGrain = false)
    {
        var pieces = RuleDetector.Pieces(image, throughGrain);
        var tables = Find(image, pieces, dashedRows: false, dashedColumns: false);
        // Dashed rules are searched for only on a page whose solid rules make no table: in a column of zeros a bilevel scan
        // cut into their two sides, the sides stack into chains as regular as a dashed rule's (bilevel corpus 0050: six
        // columns too many), and a page whose rules are solid needs none. But a bilevel scan may keep its thick rules solid
        // and cut only thin ones between rows into dashes: its dashed rows are added to the tables its solid rules make, where
        // they only part rows (the same tables, within the same frames). On a hard bilevel scan, chains of specks and glyph
        // strokes passed for dashed rows too and made tables of their own, or grew a table past its frame.
        if (tables.Count > 0)
        {
            return image.FromBilevelScan && Find(image, pieces, dashedRows: true, dashedColumns: false) is var withDashedRows
                && SameFrames(tables, withDashedRows, image.TextHeight * FrameTolerance)
                ? withDashedRows
                : tables;
        }
        tables = Find(image, pieces, dashedRows: true, dashedColumns: true);
        if (tables.Count > 0) return tables;
        // No rule at all: the rules may have been printed lighter than a bilevel scan's cut.
        return UnruledTable.Find(image);
    }

    private static bool SameFrames(List<DetectedTable> tables, List<DetectedTable> others, double tolerance) =>
        tables.Count == others.Count && tables.Zip(others).All(p => p.First.Lattice.Bounds is var a && p.Second.Lattice.Bounds is var b
            && Math.Abs(a.X - b.X) <= tolerance && Math.Abs(a.Y - b.Y) <= tolerance
            && Math.Abs(a.Right - b.Right) <= tolerance && Math.Abs(a.Bottom - b.Bottom) <= tolerance);

    /// <summary>In text heights: how far a frame found with dashed rows may stand from the one found without.</summary>
    private const double FrameTolerance = 0.5;

    private static List<DetectedTable> Find(NormalizedImage image, RulePieces pieces, bool dashedRows, bool dashedColumns)
    {
        var (allHorizontal, allVertical) = RuleDetector.Detect(image, pieces, dashedRows, dashedColumns);
        var t = Math.Max(8, image.TextHeight);
        // A dark edge of a scan or a page frame runs along the picture's border and would tie every
        // table of a page into one; no table's own rule sits that close to the edge.
        var margin = (int)(t * 0.4);
        var horizontal = allHorizontal.Where(r => r.Position > margin && r.Position < image.Height - margin).ToList();
        var vertical = allVertical.Where(r => r.Position > margin && r.Position < image.Width - margin).ToList();
        var groups = GroupCrossingRules(horizontal, vertical, (int)(t * 0.6));
        var lattices = groups
            .Select(g => LatticeBuilder.Build(g.Horizontal, g.Vertical, t))
            .Where(l => l is not null && l.RowCount >= 1 && l.ColumnCount >= 2 && l.Bounds.Width > 4 * t && l.Bounds.Height > 1.5 * t)
            .Select(l => l!)
            .OrderBy(l => l.Bounds.Y)
            .ToList();

        var tables = new List<DetectedTable>(lattices.Count);
        var previousBottom = 0;
        foreach (var lattice in lattices)
        {
            tables.Add(new DetectedTable(lattice, HeadingBand(lattice.Bounds, previousBottom, image.Width, t)));
            previousBottom = lattice.Bounds.Bottom + 2;
        }
        return tables;
    }

    /// <summary>The band above a table, below <paramref name="above"/>, where its heading is printed; null where there is no room.</summary>
    internal static PixelRect? HeadingBand(PixelRect table, int above, int imageWidth, double t)
    {
        // The heading sits just above the table; a band of a few text lines is enough.
        var top = Math.Max(above, table.Y - (int)(t * 5));
        var left = Math.Max(0, table.X - (int)t);
        return table.Y - top > t * 0.8 ? new PixelRect(left, top, Math.Min(imageWidth - left, table.Width + 2 * (int)t), table.Y - top - 2) : null;
    }

    private static List<(List<Rule> Horizontal, List<Rule> Vertical)> GroupCrossingRules(
        IReadOnlyList<Rule> horizontal, IReadOnlyList<Rule> vertical, int tolerance)
    {
        var parent = Enumerable.Range(0, horizontal.Count + vertical.Count).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        for (var h = 0; h < horizontal.Count; h++)
        {
            for (var v = 0; v < vertical.Count; v++)
            {
                if (horizontal[h].Reaches(vertical[v].Position, tolerance) && vertical[v].Reaches(horizontal[h].Position, tolerance))
                {
                    parent[Find(h)] = Find(horizontal.Count + v);
                }
            }
        }
        var groups = new Dictionary<int, (List<Rule> Horizontal, List<Rule> Vertical)>();
        for (var i = 0; i < parent.Length; i++)
        {
            var root = Find(i);
            if (!groups.TryGetValue(root, out var g))
            {
                g = ([], []);
                groups[root] = g;
            }
            if (i < horizontal.Count) g.Horizontal.Add(horizontal[i]);
            else g.Vertical.Add(vertical[i - horizontal.Count]);
        }
        return groups.Values.Where(g => g.Horizontal.Count >= 2 && g.Vertical.Count >= 1).ToList();
    }
}
