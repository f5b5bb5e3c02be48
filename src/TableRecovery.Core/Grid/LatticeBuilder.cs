namespace TableRecovery.Core.Grid;

/// <summary>
/// Builds a lattice from the rules of one table: every rule position is an edge; two neighbouring grid
/// positions belong to one (merged) cell when no rule separates them. A broken rule still separates:
/// a boundary counts as present when a fifth of it is inked.
/// </summary>
public static class LatticeBuilder
{
    private const double MinBoundaryCoverage = 0.2;

    public static Lattice? Build(IReadOnlyList<Rule> horizontal, IReadOnlyList<Rule> vertical, double t)
    {
        var mergeDistance = t * 0.6;
        var rowEdges = MergePositions(horizontal.Select(r => r.Position), mergeDistance);
        var columnEdges = MergePositions(vertical.Select(r => r.Position), mergeDistance);

        // Tables without outer side borders: the horizontal rules still show where the table ends.
        var left = horizontal.Min(r => r.Start);
        var right = horizontal.Max(r => r.End);
        if (columnEdges.Count == 0 || columnEdges[0] - left > t) columnEdges.Insert(0, left);
        if (right - columnEdges[^1] > t) columnEdges.Add(right);
        // Tables without a top or bottom border: the vertical rules show where the table ends; but only where at
        // least half of them reach. One that a stroke of the bold heading above (or of the paragraph below) lengthens
        // would add that text as a row.
        var top = vertical.Count > 0 ? vertical.Select(r => r.Start).Order().ElementAt((vertical.Count - 1) / 2) : rowEdges[0];
        var bottom = vertical.Count > 0 ? vertical.Select(r => r.End).OrderDescending().ElementAt((vertical.Count - 1) / 2) : rowEdges[^1];
        if (rowEdges[0] - top > t) rowEdges.Insert(0, top);
        if (bottom - rowEdges[^1] > t) rowEdges.Add(bottom);
        if (rowEdges.Count < 2 || columnEdges.Count < 2) return null;

        int rows = rowEdges.Count - 1, columns = columnEdges.Count - 1;
        var inset = (int)Math.Max(2, t * 0.25);
        var tolerance = (int)Math.Max(3, t * 0.4);

        var parent = Enumerable.Range(0, rows * columns).ToArray();
        int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
        void Union(int a, int b) => parent[Find(a)] = Find(b);

        for (var r = 0; r < rows; r++)
        {
            var span = new Interval(rowEdges[r] + inset, rowEdges[r + 1] - inset);
            for (var c = 0; c + 1 < columns; c++)
            {
                if (!Separated(vertical, columnEdges[c + 1], span, tolerance)) Union(r * columns + c, r * columns + c + 1);
            }
        }
        for (var c = 0; c < columns; c++)
        {
            var span = new Interval(columnEdges[c] + inset, columnEdges[c + 1] - inset);
            for (var r = 0; r + 1 < rows; r++)
            {
                if (!Separated(horizontal, rowEdges[r + 1], span, tolerance)) Union(r * columns + c, (r + 1) * columns + c);
            }
        }

        var cells = new List<LatticeCell>();
        foreach (var group in Enumerable.Range(0, rows * columns).GroupBy(Find))
        {
            int r0 = group.Min(i => i / columns), r1 = group.Max(i => i / columns);
            int c0 = group.Min(i => i % columns), c1 = group.Max(i => i % columns);
            var box = new PixelRect(columnEdges[c0], rowEdges[r0], columnEdges[c1 + 1] - columnEdges[c0], rowEdges[r1 + 1] - rowEdges[r0]);
            cells.Add(new LatticeCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, box));
        }
        cells.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column));
        return new Lattice(rowEdges, columnEdges, cells);
    }

    private static bool Separated(IReadOnlyList<Rule> rules, int position, Interval span, int tolerance)
    {
        if (span.Length <= 0) return true;
        double coverage = 0;
        foreach (var rule in rules)
        {
            if (Math.Abs(rule.Position - position) <= tolerance)
            {
                coverage += rule.Coverage(span);
            }
        }
        return coverage >= MinBoundaryCoverage;
    }

    private static List<int> MergePositions(IEnumerable<int> positions, double distance)
    {
        var sorted = positions.OrderBy(p => p).ToList();
        var merged = new List<int>();
        var cluster = new List<int>();
        foreach (var p in sorted)
        {
            if (cluster.Count > 0 && p - cluster[^1] > distance)
            {
                merged.Add((int)Math.Round(cluster.Average()));
                cluster.Clear();
            }
            cluster.Add(p);
        }
        if (cluster.Count > 0) merged.Add((int)Math.Round(cluster.Average()));
        return merged;
    }
}
