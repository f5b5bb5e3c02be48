using TableRecovery.Core.Imaging;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Grid;

/// <summary>
/// A table whose rules the scan lost whole, found from its text. A bilevel scan cuts at one gray level: rules printed
/// lighter than it go (bilevel corpus `generate --bilevel mixed --count 40 --seed 3505`: 9 of 40 pictures, rules
/// #8C8C8C and lighter cut at 41–56 %), and the text stands alone, in rows and columns still. Rows are the page's bands
/// of text lines (a label wrapped over two lines is one band with the number centred beside it, two rows a glyph ties
/// together are split at the valley between them); columns part between the runs of text of the bands that show them
/// all. Rules are put between the rows and the columns, each vertical one only down the bands where no text is the
/// text of a cell across it (a header centred over three columns), and the lattice is built from them as from printed
/// rules. Looked for only where no rule makes a table; kept by the caller only where a layout fits it. Measured on that
/// corpus: tables found 33 -> 40 of 46, cells right 58.7 -> 73.0 %, no wrong value passed. A page of three tables is
/// cut into them at the paragraphs between (tables found 40 -> 42, cells right 77.1 -> 87.0 %, layout identified 80.4 ->
/// 89.1 %, no wrong value passed with the table reader's doubt of rows of blanks). Left alone: a table printing no number
/// (from its text, headers only) and a noisy hard scan whose specks make runs.
/// </summary>
public static class UnruledTable
{
    /// <summary>The tables of a page whose rules were lost, top to bottom; none where its text stands in no table.</summary>
    public static IReadOnlyList<DetectedTable> Find(NormalizedImage image)
    {
        var t = Math.Max(8, image.TextHeight);
        var page = new PixelRect(0, 0, image.Width, image.Height);
        // Long pieces are what is left of rules or a page's frame, not text.
        var pieces = CellInk.Measure(image.Binary, image.Width, image.Height, page, t).PieceBoxes
            .Where(p => p.Height < t * MaxGlyphHeights && p.Width < t * MaxGlyphWidths)
            .ToList();
        if (pieces.Count < MinRows * 2) return [];

        var bands = Bands(pieces).SelectMany(b => SplitAtValleys(b, t)).ToList();
        var runs = bands.Select(b => Runs(b.Pieces, t * WordGap)).ToList();
        var tables = new List<DetectedTable>();
        var above = 0;
        foreach (var (start, count) in BetweenParagraphs(runs, t))
        {
            if (Table(image, bands.GetRange(start, count), runs.GetRange(start, count), above, t) is not { } table) continue;
            tables.Add(table);
            above = table.Lattice.Bounds.Bottom + 2;
        }
        return tables;
    }

    /// <summary>
    /// The stretches of bands between lines of prose under a table: text that runs, word after word (its gaps no wider
    /// than a punctuation mark's), over a good share of the text's width. A report page prints its three tables with a
    /// paragraph between them, and over them all one lattice held the three (`generate --bilevel mixed --count 40 --seed
    /// 3505`, pages 0011 and 0028: the active table identified as requests, the appeals table lost). A table's rows are
    /// not prose: a long label has its numbers beside it, far off. A line of prose splits only below a table's body (a few
    /// bands of three runs or more) so that a header's note printed alone on its line cannot cut a table's header off.
    /// </summary>
    private static IEnumerable<(int Start, int Count)> BetweenParagraphs(List<List<Interval>> runs, double t)
    {
        var all = runs.SelectMany(r => r).ToList();
        if (all.Count == 0) yield break;
        var width = all.Max(r => r.End) - all.Min(r => r.Start);
        var start = 0;
        for (var i = 0; i < runs.Count; i++)
        {
            if (!IsProse(runs[i], width, t)) continue;
            var rowsAbove = runs.Skip(start).Take(i - start).Count(r => r.Count >= 3);
            if (rowsAbove < MinRows) continue;
            yield return (start, i - start);
            start = i + 1;
        }
        if (start < runs.Count) yield return (start, runs.Count - start);
    }

    private static bool IsProse(List<Interval> band, int width, double t)
    {
        if (band.Count == 0) return false;
        for (var k = 1; k < band.Count; k++)
        {
            if (band[k].Start - band[k - 1].End > t * ProseGap) return false;
        }
        return band[^1].End - band[0].Start >= width * ProseShare;
    }

    /// <summary>Between the words of prose (at a comma, an enumeration comma), at most this many text heights.</summary>
    private const double ProseGap = 1.5;

    /// <summary>A line of prose runs over at least this share of the width of the page's text.</summary>
    private const double ProseShare = 0.4;

    private static DetectedTable? Table(NormalizedImage image, List<(Interval Span, List<PixelRect> Pieces)> bands, List<List<Interval>> runs,
        int above, double t)
    {
        // The table runs from the first band of two runs of text or more to the last: the heading above is one line.
        int first = runs.FindIndex(r => r.Count >= 2), last = runs.FindLastIndex(r => r.Count >= 2);
        if (first < 0 || last - first + 1 < MinRows) return null;
        bands = bands.GetRange(first, last - first + 1);
        runs = runs.GetRange(first, last - first + 1);

        var left = runs.SelectMany(r => r).Min(r => r.Start) - (int)(t * Margin);
        var right = runs.SelectMany(r => r).Max(r => r.End) + (int)(t * Margin);
        var columnEdges = ColumnGaps(runs, t);
        if (columnEdges.Count < 1) return null;

        (bands, runs) = WithWrappedLinesJoined(bands, runs, columnEdges[0], t);
        (bands, runs) = WithLabelLinesJoined(bands, runs, t);
        if (bands.Count < MinRows) return null;

        var rowEdges = new List<int> { Math.Max(0, bands[0].Span.Start - (int)(t * Margin)) };
        for (var i = 1; i < bands.Count; i++) rowEdges.Add((bands[i - 1].Span.End + bands[i].Span.Start) / 2);
        rowEdges.Add(Math.Min(image.Height - 1, bands[^1].Span.End + (int)(t * Margin)));
        left = Math.Max(0, left);
        right = Math.Min(image.Width - 1, right);

        var horizontal = rowEdges.Select(y => new Rule(true, y, 1, [new Interval(left, right)])).ToList();
        var bounds = new List<int> { left };
        bounds.AddRange(columnEdges);
        bounds.Add(right);
        var vertical = new List<Rule> { new(false, left, 1, [new Interval(rowEdges[0], rowEdges[^1])]) };
        var merged = runs.Select(band => MergedEdges(band, bounds, t)).ToList();
        for (var k = 0; k < columnEdges.Count; k++)
        {
            // The rule runs down the bands where no run of text is the text of a cell across it.
            var stretches = new List<Interval>();
            for (var b = 0; b < bands.Count; b++)
            {
                if (merged[b].Contains(k)) continue;
                var span = new Interval(rowEdges[b], rowEdges[b + 1]);
                if (stretches.Count > 0 && stretches[^1].End == span.Start) stretches[^1] = stretches[^1] with { End = span.End };
                else stretches.Add(span);
            }
            if (stretches.Count > 0) vertical.Add(new Rule(false, columnEdges[k], 1, stretches));
        }
        vertical.Add(new Rule(false, right, 1, [new Interval(rowEdges[0], rowEdges[^1])]));

        if (LatticeBuilder.Build(horizontal, vertical, t) is not { RowCount: >= MinRows, ColumnCount: >= 2 } lattice) return null;
        return new DetectedTable(lattice, TableFinder.HeadingBand(lattice.Bounds, above, image.Width, t)) { FromText = true };
    }

    /// <summary>
    /// The bands that show every column are this share at least of those of two runs or more: a speck of a noisy scan
    /// adds a run to a band here and there (header, 规章 and 行政规范性文件 are 3 of 11 in active-2021).
    /// </summary>
    private const double FullShare = 0.2;

    /// <summary>A table has a heading row and a few more: fewer bands are a paragraph or two.</summary>
    private const int MinRows = 3;

    /// <summary>Within a run of text glyphs stand closer than this share of a text height; columns stand further apart.</summary>
    private const double WordGap = 0.9;

    /// <summary>Around the text, the lattice's border, in text heights.</summary>
    private const double Margin = 0.5;

    /// <summary>The narrowest gap between columns, in text heights.</summary>
    private const double MinColumnGap = 0.5;

    /// <summary>A wrapped label's next line starts closer than this share of a text height below the line before it.</summary>
    private const double WrapGap = 0.5;

    private const double MaxGlyphHeights = 3, MaxGlyphWidths = 8;

    /// <summary>Bands of text: pieces whose rows overlap, top to bottom.</summary>
    private static List<(Interval Span, List<PixelRect> Pieces)> Bands(List<PixelRect> pieces)
    {
        var bands = new List<(Interval Span, List<PixelRect> Pieces)>();
        foreach (var p in pieces.OrderBy(p => p.Y))
        {
            if (bands.Count > 0 && p.Y < bands[^1].Span.End)
            {
                var b = bands[^1];
                b.Pieces.Add(p);
                bands[^1] = (b.Span with { End = Math.Max(b.Span.End, p.Bottom) }, b.Pieces);
            }
            else
            {
                bands.Add((new Interval(p.Y, p.Bottom), [p]));
            }
        }
        return bands;
    }

    /// <summary>
    /// A band split where its text thins to a valley: rows whose lines a glyph between them ties together (a group label
    /// printed down its column, one glyph to a line, or wrapped beside rows of numbers). Across the gap between a wrapped
    /// label's lines the numbers centred beside it still ink a good share of the width; across a row's edge, one glyph.
    /// </summary>
    private static IEnumerable<(Interval Span, List<PixelRect> Pieces)> SplitAtValleys((Interval Span, List<PixelRect> Pieces) band, double t)
    {
        if (band.Span.Length < t * SplitFrom) return [band];
        var inked = new int[band.Span.Length];
        for (var y = band.Span.Start; y < band.Span.End; y++)
        {
            var spans = band.Pieces.Where(p => p.Y <= y && p.Bottom > y).Select(p => new Interval(p.X, p.Right)).OrderBy(i => i.Start);
            int total = 0, end = int.MinValue;
            foreach (var i in spans)
            {
                total += Math.Max(0, i.End - Math.Max(i.Start, end));
                end = Math.Max(end, i.End);
            }
            inked[y - band.Span.Start] = total;
        }
        var valley = inked.Max() * ValleyShare;
        var cuts = new List<int>();
        var start = -1;
        for (var i = 0; i <= inked.Length; i++)
        {
            var low = i < inked.Length && inked[i] <= valley;
            if (low && start < 0) start = i;
            if (low || start < 0) continue;
            if (start > 0 && i < inked.Length) cuts.Add(band.Span.Start + (start + i) / 2);
            start = -1;
        }
        if (cuts.Count == 0) return [band];
        var bounds = cuts.Prepend(band.Span.Start).Append(band.Span.End).ToList();
        return bounds.Zip(bounds.Skip(1), (top, bottom) => band.Pieces.Where(p => p.CenterY >= top && p.CenterY < bottom).ToList())
            .Where(part => part.Count > 0)
            .Select(part => (new Interval(part.Min(p => p.Y), part.Max(p => p.Bottom)), part));
    }

    /// <summary>A band taller than this many text heights may hold several rows.</summary>
    private const double SplitFrom = 1.8;

    /// <summary>A valley inks at most this share of the band's widest line.</summary>
    private const double ValleyShare = 0.12;

    /// <summary>The x-spans of a band's text: pieces closer than <paramref name="gap"/> are one run.</summary>
    private static List<Interval> Runs(List<PixelRect> pieces, double gap)
    {
        var runs = new List<Interval>();
        foreach (var p in pieces.OrderBy(p => p.X))
        {
            if (runs.Count > 0 && p.X - runs[^1].End < gap) runs[^1] = runs[^1] with { End = Math.Max(runs[^1].End, p.Right) };
            else runs.Add(new Interval(p.X, p.Right));
        }
        return runs;
    }

    /// <summary>
    /// Where the columns part, left to right: between the runs of the bands that show every column (the most runs of text
    /// that enough bands show, see <see cref="FullShare"/>: a header row, a row of numbers), in the gap all of them leave there, or at the median of
    /// their gaps' middles where they leave none in common (a number off centre). A band of fewer runs has merged cells or
    /// blanks, and a section's one-line heading says nothing of columns.
    /// </summary>
    private static List<int> ColumnGaps(List<List<Interval>> runs, double t)
    {
        var several = runs.Count(r => r.Count >= 2);
        var counts = runs.Select(r => r.Count).Where(c => c >= 2).GroupBy(c => c)
            .Where(g => g.Count() >= Math.Max(2, several * FullShare)).Select(g => g.Key).ToList();
        if (counts.Count == 0) return [];
        var most = counts.Max();
        var full = runs.Where(r => r.Count == most).ToList();
        var edges = new List<int>();
        for (var k = 0; k < most - 1; k++)
        {
            var gaps = full.Select(r => new Interval(r[k].End, r[k + 1].Start)).ToList();
            var common = new Interval(gaps.Max(g => g.Start), gaps.Min(g => g.End));
            var edge = common.Length >= t * MinColumnGap
                ? (common.Start + common.End) / 2
                : gaps.Select(g => (g.Start + g.End) / 2).Order().ElementAt(gaps.Count / 2);
            if (edges.Count == 0 || edge > edges[^1]) edges.Add(edge);
        }
        return edges;
    }

    /// <summary>
    /// The column edges (0 for the one after the first column) a band's text runs over as merged cells. Each run is the text
    /// of the columns that hold it whole, none holding another run of the band, and whose middle is nearest its own: a
    /// header centred over three columns (本年处理决定数量) is theirs, not the one it happens to lie within, while a number
    /// printed left in its cell, beside a label, keeps its one column.
    /// </summary>
    private static HashSet<int> MergedEdges(List<Interval> band, List<int> bounds, double t)
    {
        var slack = t * HeldSlack;
        var columns = bounds.Count - 1;
        int ColumnOf(int x) => Math.Clamp(bounds.FindLastIndex(b => b <= x), 0, columns - 1);
        var home = band.Select(r => (First: ColumnOf(r.Start), Last: ColumnOf(r.End - 1))).ToList();
        var edges = new HashSet<int>();
        for (var i = 0; i < band.Count; i++)
        {
            var run = band[i];
            var centre = (run.Start + run.End) / 2.0;
            (int First, int Last)? best = null;
            var bestDistance = double.MaxValue;
            for (var a = 0; a <= home[i].First; a++)
            {
                for (var z = home[i].Last; z < columns; z++)
                {
                    if (run.Start < bounds[a] - slack || run.End > bounds[z + 1] + slack) continue;
                    if (Enumerable.Range(0, band.Count).Any(j => j != i && home[j].Last >= a && home[j].First <= z)) continue;
                    var distance = Math.Abs(centre - (bounds[a] + bounds[z + 1]) / 2.0);
                    if (distance < bestDistance) (best, bestDistance) = ((a, z), distance);
                }
            }
            var (from, to) = best ?? home[i];
            for (var k = from; k < to; k++) edges.Add(k);
        }
        return edges;
    }

    /// <summary>A run of text is held by columns it overruns by less than this share of a text height.</summary>
    private const double HeldSlack = 0.3;

    /// <summary>
    /// A band close above or below another, whose runs of text all end left of one of the other's and each lie over one
    /// of the other's (or left of them all: a group label beside), is a line of a label wrapped beside that band's
    /// numbers: one row. A label wrapped over three lines has its numbers centred beside the middle one
    /// (申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 in the item column of requests-2021), and its first and
    /// last lines alone made rows of blank numbers, the first taking the label's row (`generate --bilevel mixed --count 40
    /// --seed 3505`, image 0015: a 1 read as 0 and the consistent table reported broken). Over those 40 pictures: review
    /// 33.70 -> 32.16 %, consistent tables reported broken 2 -> 1, silent errors 0; image 0005 now leaves the seven cells
    /// of a row the grid merged with the next to review, where the next row's stacked zeros happened to be right.
    /// </summary>
    private static (List<(Interval Span, List<PixelRect> Pieces)>, List<List<Interval>>) WithLabelLinesJoined(
        List<(Interval Span, List<PixelRect> Pieces)> bands, List<List<Interval>> runs, double t)
    {
        var joinedBands = bands.ToList();
        var joinedRuns = runs.ToList();
        for (var i = 0; i < joinedBands.Count; i++)
        {
            int? into = null;
            var nearest = t * WrapGap;
            foreach (var j in new[] { i - 1, i + 1 })
            {
                if (j < 0 || j >= joinedBands.Count) continue;
                var gap = j < i ? joinedBands[i].Span.Start - joinedBands[j].Span.End : joinedBands[j].Span.Start - joinedBands[i].Span.End;
                if (gap < nearest && IsLabelLineBeside(joinedRuns[i], joinedRuns[j]))
                {
                    (nearest, into) = (gap, j);
                }
            }
            if (into is not { } k) continue;
            var (top, bottom) = k < i ? (k, i) : (i, k);
            List<PixelRect> pieces = [.. joinedBands[top].Pieces, .. joinedBands[bottom].Pieces];
            joinedBands[top] = (joinedBands[top].Span with { End = joinedBands[bottom].Span.End }, pieces);
            joinedRuns[top] = Runs(pieces, t * WordGap);
            joinedBands.RemoveAt(bottom);
            joinedRuns.RemoveAt(bottom);
            // The joined band may take another line of the same label.
            i = top - 1;
        }
        return (joinedBands, joinedRuns);
    }

    private static bool IsLabelLineBeside(List<Interval> line, List<Interval> band)
    {
        int Over(Interval run) => band.Count(other => other.Start < run.End && run.Start < other.End);
        // A header over a group of columns lies over several of the runs under it; a label's next line over one.
        return line.Count > 0 && line.Count < band.Count
            && line.Any(run => Over(run) == 1)
            && line.All(run => Over(run) == 1 || run.End <= band.Min(other => other.Start))
            && band.Count(other => other.Start > line.Max(run => run.End)) >= NumbersBeside;
    }

    /// <summary>
    /// A band a label line joins shows this many runs right of it at least: numbers in several columns. A block's title
    /// over its header row (第二十条第（五）项 over 信息内容 | 本年处理决定数量) is close above one run, and joined it moved the
    /// header's merged columns.
    /// </summary>
    private const int NumbersBeside = 2;

    /// <summary>
    /// A band close under the one before it, with text only left of the first column gap, is the next line of a label
    /// wrapped with no number beside it: one row.
    /// </summary>
    private static (List<(Interval Span, List<PixelRect> Pieces)>, List<List<Interval>>) WithWrappedLinesJoined(
        List<(Interval Span, List<PixelRect> Pieces)> bands, List<List<Interval>> runs, int firstColumnEdge, double t)
    {
        var joinedBands = new List<(Interval Span, List<PixelRect> Pieces)> { bands[0] };
        var joinedRuns = new List<List<Interval>> { runs[0] };
        for (var i = 1; i < bands.Count; i++)
        {
            var previous = joinedBands[^1];
            if (bands[i].Span.Start - previous.Span.End < t * WrapGap && runs[i].All(r => r.End <= firstColumnEdge))
            {
                joinedBands[^1] = (previous.Span with { End = bands[i].Span.End }, [.. previous.Pieces, .. bands[i].Pieces]);
                joinedRuns[^1] = [.. joinedRuns[^1], .. runs[i]];
                continue;
            }
            joinedBands.Add(bands[i]);
            joinedRuns.Add(runs[i]);
        }
        return (joinedBands, joinedRuns);
    }
}
