using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Grid;

/// <summary>
/// Rules a scan lost whole, put back where the text says they were. A thin gray rule thresholded away (a bilevel scan
/// keeps only dots where rules cross) leaves two rows in one lattice row: in each cell across it, one line of text over
/// another, with a gap at the same height; two columns likewise leave two numbers side by side in each cell down it. A
/// cut is made where most of the inked cells of the row (column) have such a gap and none has ink across it: a label
/// wrapped over two lines, or a header wrapped under a single-line one beside it, has ink across any cut.
/// </summary>
public static class TextLattice
{
    /// <summary>The lattice with the lost rules put back; null when the text shows none.</summary>
    public static Lattice? Complete(Lattice lattice, Func<PixelRect, CellInk> inkOf, double t)
    {
        var current = lattice;
        for (var round = 0; round < MaxRounds; round++)
        {
            var rows = Split(current, inkOf, t, rows: true);
            var columns = Split(rows ?? current, inkOf, t, rows: false);
            var merged = Unmerged(columns ?? rows ?? current, inkOf, t);
            if (rows is null && columns is null && merged is null) break;
            current = merged ?? columns ?? rows!;
        }
        return ReferenceEquals(current, lattice) ? null : current;
    }

    private const int MaxRounds = 4;

    /// <summary>The lattice with every row (or column) cut where its text shows a lost rule; null when none does.</summary>
    private static Lattice? Split(Lattice lattice, Func<PixelRect, CellInk> inkOf, double t, bool rows)
    {
        var edges = rows ? lattice.RowEdges : lattice.ColumnEdges;
        var cuts = new List<(int Index, int At)>();
        for (var i = 0; i < edges.Count - 1; i++)
        {
            var band = new Interval(edges[i], edges[i + 1]);
            var cells = lattice.Cells.Where(c => rows ? c.Row == i && c.RowSpan == 1 : c.Column == i && c.ColumnSpan == 1).ToList();
            var inked = cells.Select(c => inkOf(c.Box)).Where(ink => !ink.IsBlank && ink.PieceBoxes.Count > 0).ToList();
            if (inked.Count < MinSupport) continue;
            var gap = rows ? t * LineGap : t * BlockGap;
            var spans = inked.Select(ink => Spans(ink.PieceBoxes, rows, gap, t)).ToList();
            var gaps = spans.SelectMany((s, cell) => s.Zip(s.Skip(1), (a, b) => (Cell: cell, Gap: new Interval(a.End, b.Start))))
                .OrderBy(x => x.Gap.Start + x.Gap.End).ToList();
            foreach (var cluster in Clusters(gaps, rows ? t * 0.5 : t))
            {
                var supporters = cluster.Select(x => x.Cell).Distinct().Count();
                if (supporters < MinSupport || supporters * 2 < inked.Count) continue;
                // The cut runs where every supporter has its gap and no cell has ink: a wrapped label beside the numbers
                // has its lines where it has them, and a number's gap is only where that label's is too. Ink across
                // every such place says the row is one (a wrapped label, a header beside wrapped ones).
                var common = new Interval(cluster.Max(x => x.Gap.Start), cluster.Min(x => x.Gap.End));
                if (FreeMiddle(common, spans.SelectMany(s => s)) is not { } at) continue;
                if (at - band.Start < t * MinPart || band.End - at < t * MinPart) continue;
                if (cuts.Any(c => c.Index == i && Math.Abs(c.At - at) < t * MinPart)) continue;
                cuts.Add((i, at));
            }
        }
        if (cuts.Count == 0) return null;
        // From the bottom (right) up, so the rows (columns) still to cut keep their numbers and extents.
        foreach (var (index, at) in cuts.OrderByDescending(c => c.Index).ThenByDescending(c => c.At))
        {
            lattice = Cut(lattice, index, at, rows);
        }
        return lattice;
    }

    /// <summary>
    /// The lattice with merged cells split where a lost piece of rule merged them: a rule the lattice has elsewhere runs
    /// through the cell between two runs of its text, a row of text either side (自然人 over 1226 where the rule under the
    /// header was lost at that column), or a column's text either side (see <see cref="SplitAcross"/>). A merged cell's own
    /// text is one run, or lines closer than <see cref="MergedGap"/>; null when none is split.
    /// </summary>
    private static Lattice? Unmerged(Lattice lattice, Func<PixelRect, CellInk> inkOf, double t)
    {
        var changed = false;
        var cells = new List<LatticeCell>(lattice.Cells.Count);
        foreach (var cell in lattice.Cells)
        {
            var parts = SplitMerged(cell, lattice, inkOf, t).ToList();
            changed |= parts.Count > 1;
            cells.AddRange(parts);
        }
        return changed ? lattice with { Cells = cells.OrderBy(c => c.Row).ThenBy(c => c.Column).ToList() } : null;
    }

    private static IEnumerable<LatticeCell> SplitMerged(LatticeCell cell, Lattice lattice, Func<PixelRect, CellInk> inkOf, double t)
    {
        if (cell.ColumnSpan >= 2 && SplitAcross(cell, lattice, inkOf, t) is { } across) return across;
        if (cell.RowSpan < 2) return [cell];
        var ink = inkOf(cell.Box);
        if (ink.IsBlank) return [cell];
        var runs = Spans(ink.PieceBoxes, rows: true, t * LineGap, t);
        var edges = lattice.RowEdges;
        var margin = t * MergedMargin;
        var cutAfter = Enumerable.Range(cell.Row + 1, cell.RowSpan - 1)
            .Where(k => runs.Zip(runs.Skip(1)).Any(p => p.Second.Start - p.First.End >= t * MergedGap
                && edges[k] >= p.First.End + margin && edges[k] <= p.Second.Start - margin))
            .ToList();
        if (cutAfter.Count == 0) return [cell];
        var pieces = new List<LatticeCell>();
        var start = cell.Row;
        foreach (var end in cutAfter.Append(cell.Row + cell.RowSpan))
        {
            var part = new Interval(edges[start], edges[end]);
            // Each part holds a row's text, a line at least, about its middle: not the glyphs of an upright label (三、本年度
            // 办理结果) spread down many rows, nor a wrapped label's short last stroke.
            var inPart = runs.Where(r => r.Start >= part.Start && r.End <= part.End).ToList();
            if (inPart.Count == 0) return [cell];
            var text = new Interval(inPart.Min(r => r.Start), inPart.Max(r => r.End));
            if (text.Length < t * MinPart * 0.5 || !CentredIn(text, part, t)) return [cell];
            var box = new PixelRect(cell.Box.X, edges[start], cell.Box.Width, edges[end] - edges[start]);
            pieces.Add(cell with { Row = start, RowSpan = end - start, Box = box });
            start = end;
        }
        return pieces;
    }

    /// <summary>
    /// A cell merged over columns split where a lost piece of rule merged it: a column edge the rows just above or below
    /// have runs through the cell between two runs of its text, each part holding text about its middle (尚未审结 beside
    /// 总计 in one header cell, where the scan lost the rule between them in that row only). A merged cell's own text is one
    /// run: a heading's or a label's glyphs lie closer than <see cref="BlockGap"/>. Null when it is not split.
    /// </summary>
    private static List<LatticeCell>? SplitAcross(LatticeCell cell, Lattice lattice, Func<PixelRect, CellInk> inkOf, double t)
    {
        var ink = inkOf(cell.Box);
        if (ink.IsBlank) return null;
        var runs = Spans(ink.PieceBoxes, rows: false, t * BlockGap, t);
        if (runs.Count < 2) return null;
        var edges = lattice.ColumnEdges;
        var margin = t * MergedMargin;
        var cuts = Enumerable.Range(cell.Column + 1, cell.ColumnSpan - 1)
            .Where(k => RuledBeside(lattice, cell, k)
                && runs.Zip(runs.Skip(1)).Any(p => edges[k] >= p.First.End + margin && edges[k] <= p.Second.Start - margin))
            .ToList();
        if (cuts.Count == 0) return null;
        var pieces = new List<LatticeCell>();
        var start = cell.Column;
        foreach (var end in cuts.Append(cell.Column + cell.ColumnSpan))
        {
            var part = new Interval(edges[start], edges[end]);
            var inPart = runs.Where(r => r.Start >= part.Start && r.End <= part.End).ToList();
            if (inPart.Count == 0 || !CentredIn(new Interval(inPart.Min(r => r.Start), inPart.Max(r => r.End)), part, t)) return null;
            pieces.Add(cell with { Column = start, ColumnSpan = end - start, Box = new PixelRect(edges[start], cell.Box.Y, edges[end] - edges[start], cell.Box.Height) });
            start = end;
        }
        return pieces;
    }

    /// <summary>
    /// The text stands about the middle of its part, as a header or a number stands in its cell: not the two halves of one
    /// header spaced wide over a group of columns (行政 诉讼 over ten, split by the edge between its two groups of five),
    /// each of which hugs the edge.
    /// </summary>
    private static bool CentredIn(Interval text, Interval part, double t) =>
        Math.Abs(text.Start + text.End - part.Start - part.End) / 2.0 <= Math.Max(t * 0.5, part.Length * 0.15);

    /// <summary>The row just above or below the cell has a cell edge at column edge <paramref name="k"/>: the rule is there.</summary>
    private static bool RuledBeside(Lattice lattice, LatticeCell cell, int k) =>
        new[] { cell.Row - 1, cell.LastRow + 1 }
            .Where(r => r >= 0 && r < lattice.RowCount)
            .Any(r => lattice.At(r, k - 1) is { } a && lattice.At(r, k) is { } b && a != b);

    /// <summary>In text heights: the gap between two rows' text in one merged cell; a wrapped label's lines are closer.</summary>
    private const double MergedGap = 0.5;

    /// <summary>In text heights: the rule runs clear of the text either side.</summary>
    private const double MergedMargin = 0.15;

    /// <summary>The extents, one way, of the pieces' runs: pieces closer than <paramref name="gap"/> run together.</summary>
    private static List<Interval> Spans(IReadOnlyList<PixelRect> pieces, bool rows, double gap, double t)
    {
        var spans = pieces
            .Where(p => Math.Max(p.Width, p.Height) >= t * MinPiece)
            .Select(p => rows ? new Interval(p.Y, p.Bottom) : new Interval(p.X, p.Right))
            .OrderBy(s => s.Start)
            .ToList();
        var runs = new List<Interval>();
        foreach (var s in spans)
        {
            if (runs.Count > 0 && s.Start < runs[^1].End + gap) runs[^1] = runs[^1] with { End = Math.Max(runs[^1].End, s.End) };
            else runs.Add(s);
        }
        return runs;
    }

    /// <summary>The middle of the widest part of <paramref name="span"/> that none of the runs covers; null when they cover it all.</summary>
    private static int? FreeMiddle(Interval span, IEnumerable<Interval> runs)
    {
        if (span.Length <= 0) return null;
        var free = new List<Interval> { span };
        foreach (var run in runs)
        {
            free = free.SelectMany(f => run.Overlap(f) == 0
                ? [f]
                : new[] { new Interval(f.Start, Math.Min(f.End, run.Start)), new Interval(Math.Max(f.Start, run.End), f.End) }.Where(x => x.Length > 0)).ToList();
        }
        return free.Count == 0 ? null : free.MaxBy(f => f.Length) is var widest ? (widest.Start + widest.End) / 2 : null;
    }

    /// <summary>Gaps whose middles lie within <paramref name="tolerance"/> of the previous one's, together.</summary>
    private static IEnumerable<List<(int Cell, Interval Gap)>> Clusters(List<(int Cell, Interval Gap)> sorted, double tolerance)
    {
        var cluster = new List<(int Cell, Interval Gap)>();
        foreach (var x in sorted)
        {
            if (cluster.Count > 0 && (x.Gap.Start + x.Gap.End) / 2.0 - (cluster[^1].Gap.Start + cluster[^1].Gap.End) / 2.0 > tolerance)
            {
                yield return cluster;
                cluster = [];
            }
            cluster.Add(x);
        }
        if (cluster.Count > 0) yield return cluster;
    }

    /// <summary>Row (column) <paramref name="index"/> cut in two at <paramref name="at"/>: its own cells split, cells spanning it span both parts.</summary>
    private static Lattice Cut(Lattice lattice, int index, int at, bool rows)
    {
        var cells = new List<LatticeCell>(lattice.Cells.Count + 8);
        foreach (var c in lattice.Cells)
        {
            var (first, span) = rows ? (c.Row, c.RowSpan) : (c.Column, c.ColumnSpan);
            if (first > index)
            {
                cells.Add(rows ? c with { Row = c.Row + 1 } : c with { Column = c.Column + 1 });
            }
            else if (first + span - 1 < index)
            {
                cells.Add(c);
            }
            else if (span == 1)
            {
                var b = c.Box;
                cells.Add(rows
                    ? c with { Box = new PixelRect(b.X, b.Y, b.Width, at - b.Y) }
                    : c with { Box = new PixelRect(b.X, b.Y, at - b.X, b.Height) });
                cells.Add(rows
                    ? c with { Row = c.Row + 1, Box = new PixelRect(b.X, at, b.Width, b.Bottom - at) }
                    : c with { Column = c.Column + 1, Box = new PixelRect(at, b.Y, b.Right - at, b.Height) });
            }
            else
            {
                cells.Add(rows ? c with { RowSpan = c.RowSpan + 1 } : c with { ColumnSpan = c.ColumnSpan + 1 });
            }
        }
        var edges = (rows ? lattice.RowEdges : lattice.ColumnEdges).ToList();
        edges.Insert(index + 1, at);
        var ordered = cells.OrderBy(c => c.Row).ThenBy(c => c.Column).ToList();
        return rows ? lattice with { RowEdges = edges, Cells = ordered } : lattice with { ColumnEdges = edges, Cells = ordered };
    }

    /// <summary>Cells of a row (column) that must show the gap, and at least half of its inked cells.</summary>
    private const int MinSupport = 2;

    /// <summary>
    /// In text heights: lines of text closer than this are one. The glyphs of a line together cover its height, and the lines
    /// of a wrapped label can be as close as 0.2 (bilevel corpus 0018: 8.属于行政查询事项 over 1.本机关不掌握…, two rows).
    /// </summary>
    private const double LineGap = 0.1;

    /// <summary>In text heights: runs of text closer than this side by side are one (the spaces of a label are narrower).</summary>
    private const double BlockGap = 0.8;

    /// <summary>In text heights: each part of a cut row (column) holds at least a line of text.</summary>
    private const double MinPart = 1.0;

    /// <summary>In text heights: smaller pieces (points, the dot of 1., specks) say nothing of lines.</summary>
    private const double MinPiece = 0.3;
}
