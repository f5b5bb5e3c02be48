namespace TableRecovery.Core.Grid;

/// <summary>
/// Builds a lattice from the rules of one table: every rule position is an edge; two neighbouring grid
/// positions belong to one (merged) cell when no rule separates them. A broken rule still separates:
/// a boundary counts as present when a fifth of it is inked. A piece of rule lost altogether joins positions into a shape
/// no cell has; such a group is mended (see <see cref="Walls.RestoreLostPieces"/> and <see cref="RowByRow"/>).
/// </summary>
public static class LatticeBuilder
{
    private const double MinBoundaryCoverage = 0.2;

    public static Lattice? Build(IReadOnlyList<Rule> horizontal, IReadOnlyList<Rule> vertical, double t)
    {
        var mergeDistance = t * 0.6;
        var rowEdges = MergePositions(horizontal.Select(r => r.Position), mergeDistance);
        var columnEdges = MergePositions(vertical.Select(r => r.Position), mergeDistance);

        // Tables without outer side borders: the horizontal rules still show where the table ends; but only where two of
        // them reach. One lengthened by a rule beside it (the back's, showing through, runs on past the border to the edge of
        // the picture: f50c 0037) would add a column of nothing.
        var left = horizontal.Count > 1 ? horizontal.Select(r => r.Start).Order().ElementAt(1) : horizontal[0].Start;
        var right = horizontal.Count > 1 ? horizontal.Select(r => r.End).OrderDescending().ElementAt(1) : horizontal[0].End;
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

        var walls = new Walls(new bool[rows, columns], new bool[rows, columns]);
        for (var r = 0; r < rows; r++)
        {
            var span = new Interval(rowEdges[r] + inset, rowEdges[r + 1] - inset);
            for (var c = 0; c + 1 < columns; c++)
            {
                walls.Right[r, c] = Separated(vertical, columnEdges[c + 1], span, tolerance);
            }
        }
        for (var c = 0; c < columns; c++)
        {
            var span = new Interval(columnEdges[c] + inset, columnEdges[c + 1] - inset);
            for (var r = 0; r + 1 < rows; r++)
            {
                walls.Below[r, c] = Separated(horizontal, rowEdges[r + 1], span, tolerance);
            }
        }

        var groups = walls.Groups();
        for (var pass = 0; pass < MaxRepairPasses; pass++)
        {
            var misshapen = groups.Where(g => !IsRectangle(g) || walls.HasInnerWall(g)).SelectMany(g => g).ToHashSet();
            if (misshapen.Count == 0 || !walls.RestoreLostPieces(misshapen)) break;
            groups = walls.Groups();
        }

        var cells = new List<LatticeCell>();
        foreach (var group in groups)
        {
            foreach (var (r0, c0, r1, c1) in IsRectangle(group) ? [Bounds(group)] : RowByRow(group))
            {
                var box = new PixelRect(columnEdges[c0], rowEdges[r0], columnEdges[c1 + 1] - columnEdges[c0], rowEdges[r1 + 1] - rowEdges[r0]);
                cells.Add(new LatticeCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, box));
            }
        }
        cells.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column));
        return new Lattice(rowEdges, columnEdges, cells);
    }

    /// <summary>A group parted by restored pieces can still be misshapen where a second lost piece joins its parts: another pass.</summary>
    private const int MaxRepairPasses = 3;

    /// <summary>
    /// Which sides of each grid position a rule separates: the right side (from the next column), the bottom (from the next
    /// row). Positions no rule separates are one cell.
    /// </summary>
    private sealed record Walls(bool[,] Right, bool[,] Below)
    {
        private int Rows => Right.GetLength(0);
        private int Columns => Right.GetLength(1);

        public List<List<(int Row, int Column)>> Groups()
        {
            var parent = Enumerable.Range(0, Rows * Columns).ToArray();
            int Find(int x) => parent[x] == x ? x : parent[x] = Find(parent[x]);
            for (var r = 0; r < Rows; r++)
            {
                for (var c = 0; c < Columns; c++)
                {
                    if (c + 1 < Columns && !Right[r, c]) parent[Find(r * Columns + c)] = Find(r * Columns + c + 1);
                    if (r + 1 < Rows && !Below[r, c]) parent[Find(r * Columns + c)] = Find((r + 1) * Columns + c);
                }
            }
            return Enumerable.Range(0, Rows * Columns).GroupBy(Find).Select(g => g.Select(i => (i / Columns, i % Columns)).ToList()).ToList();
        }

        /// <summary>
        /// A rule standing inside a group: a merged cell has none, so the group was joined around the rule's end through a
        /// lost piece of another (a one-row border between two numbers, the rule above them lost over both).
        /// </summary>
        public bool HasInnerWall(List<(int Row, int Column)> group)
        {
            var set = group.ToHashSet();
            return group.Any(p => p.Column + 1 < Columns && Right[p.Row, p.Column] && set.Contains((p.Row, p.Column + 1))
                || p.Row + 1 < Rows && Below[p.Row, p.Column] && set.Contains((p.Row + 1, p.Column)));
        }

        /// <summary>
        /// A cell is a rectangle: a group of positions that is not one was joined through a lost piece of rule. Such a
        /// piece is a gap with the rule going on at both of its ends (the rule under 行政诉讼 lost over 未经复议直接起诉, with
        /// the rule on above 总计 on its left and above 复议后起诉 on its right), where a merged cell's gap runs to the table's
        /// edge (the rule between 总计 and its blank half below goes on nowhere: the sub-headers left of it span both rows
        /// too). Gaps are restored only where they part positions of a misshapen group: a rectangle is a merged cell.
        /// </summary>
        public bool RestoreLostPieces(HashSet<(int Row, int Column)> misshapen)
        {
            var restored = false;
            for (var r = 0; r + 1 < Rows; r++)
            {
                foreach (var (from, to) in Gaps(Columns, c => Below[r, c]).ToList())
                {
                    for (var c = from; c <= to; c++)
                    {
                        if (!misshapen.Contains((r, c)) || !misshapen.Contains((r + 1, c))) continue;
                        Below[r, c] = restored = true;
                    }
                }
            }
            for (var c = 0; c + 1 < Columns; c++)
            {
                foreach (var (from, to) in Gaps(Rows, r => Right[r, c]).ToList())
                {
                    for (var r = from; r <= to; r++)
                    {
                        if (!misshapen.Contains((r, c)) || !misshapen.Contains((r, c + 1))) continue;
                        Right[r, c] = restored = true;
                    }
                }
            }
            return restored;
        }

        /// <summary>Runs of missing pieces along one line of rule that have rule at both ends (not at the table's edge).</summary>
        private static IEnumerable<(int From, int To)> Gaps(int count, Func<int, bool> present)
        {
            var start = -1;
            for (var i = 0; i <= count; i++)
            {
                if (i < count && !present(i))
                {
                    if (start < 0) start = i;
                    continue;
                }
                if (start > 0 && i < count) yield return (start, i - 1);
                start = -1;
            }
        }
    }

    private static (int R0, int C0, int R1, int C1) Bounds(List<(int Row, int Column)> positions) =>
        (positions.Min(p => p.Row), positions.Min(p => p.Column), positions.Max(p => p.Row), positions.Max(p => p.Column));

    private static bool IsRectangle(List<(int Row, int Column)> positions)
    {
        var (r0, c0, r1, c1) = Bounds(positions);
        return positions.Count == (r1 - r0 + 1) * (c1 - c0 + 1);
    }

    /// <summary>
    /// A group still misshapen once its lost pieces are restored (a lost corner joined the merged 行政复议 header to the
    /// sub-header below it, through the gap at the left border, which runs to the table's edge) is cut into each row's runs
    /// of columns; a run goes on down while the next row has the same one. Taken as its bounding box it was a cell covering
    /// its neighbours.
    /// </summary>
    private static List<(int R0, int C0, int R1, int C1)> RowByRow(List<(int Row, int Column)> positions)
    {
        int r0 = positions.Min(p => p.Row), r1 = positions.Max(p => p.Row);
        var rectangles = new List<(int R0, int C0, int R1, int C1)>();
        var open = new Dictionary<(int C0, int C1), int>(); // a run of columns and the row it started in
        for (var r = r0; r <= r1; r++)
        {
            var runs = Runs(positions.Where(p => p.Row == r).Select(p => p.Column).Order().ToList());
            foreach (var (run, start) in open.Where(o => !runs.Contains(o.Key)).ToList())
            {
                open.Remove(run);
                rectangles.Add((start, run.C0, r - 1, run.C1));
            }
            foreach (var run in runs.Where(run => !open.ContainsKey(run)))
            {
                open[run] = r;
            }
        }
        rectangles.AddRange(open.Select(o => (o.Value, o.Key.C0, r1, o.Key.C1)));
        return rectangles;
    }

    private static List<(int C0, int C1)> Runs(List<int> columns)
    {
        var runs = new List<(int C0, int C1)>();
        foreach (var c in columns)
        {
            if (runs.Count > 0 && runs[^1].C1 == c - 1) runs[^1] = (runs[^1].C0, c);
            else runs.Add((c, c));
        }
        return runs;
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
