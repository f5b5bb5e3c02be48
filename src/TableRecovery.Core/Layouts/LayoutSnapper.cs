using System.Globalization;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Layouts;

/// <summary>
/// Identifies which layout a read table is and maps every layout cell to the read cell holding its number.
/// Every layout is tried: the table is snapped onto it, and the layout that explains the table best — its row
/// labels, its column headers, and (a little) the heading printed above it — wins, if it explains it well enough.
/// Pure: plain values in, plain values out.
/// </summary>
public sealed class LayoutSnapper
{
    /// <summary>Below this score a table is reported as matching no layout.</summary>
    public const double DefaultMinimumScore = 0.5;

    /// <summary>Weight of the heading hint in the score, when there is one.</summary>
    public const double HeadingWeight = 0.1;

    /// <summary>
    /// Two layouts closer than this are a near tie: reported in the notes when they place the numbers alike,
    /// otherwise the table is left unidentified.
    /// </summary>
    public const double TieMargin = 0.02;

    /// <summary>
    /// A lead smaller than this over a runner-up that places the numbers differently is not enough by itself: the
    /// rows the two read differently must then favour the leader by <see cref="MinimumEvidence"/>.
    /// </summary>
    public const double ClearMargin = 0.05;

    /// <summary>
    /// Evidence (see <see cref="CloseCall.Evidence"/>) the leader needs when the scores are close: about one layout
    /// row read clearly better, or several read somewhat better, or rows the runner-up must claim are missing.
    /// </summary>
    public const double MinimumEvidence = 0.6;

    private readonly LayoutCatalog _catalog;
    private readonly double _minimumScore;

    public LayoutSnapper(LayoutCatalog? catalog = null, double minimumScore = DefaultMinimumScore)
    {
        _catalog = catalog ?? LayoutCatalog.Default;
        _minimumScore = minimumScore;
    }

    /// <summary>Snaps one table to the layout that fits it best, or says why none does.</summary>
    public SnapResult Snap(ReadTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Cells.Count == 0 || table.Lattice.RowCount <= 0 || table.Lattice.ColumnCount <= 0)
        {
            return new SnapResult(table, null, "the table has no cells", []);
        }
        var grid = new ReadGrid(table);
        var analysis = new GridTableAnalysis(grid);
        var heading = HeadingText(table, analysis);
        var analyses = new Dictionary<int, GridTableAnalysis> { [analysis.FirstDataColumn] = analysis };
        var fits = new List<(LayoutFit Fit, double Score, string Explanation)>();
        foreach (var layout in _catalog.All)
        {
            var fit = layout.IsBlockTable ? BlockTableSnapper.Snap(grid, layout) : SnapGrid(grid, analyses, layout);
            var (score, explanation) = Combine(fit, heading, layout);
            fits.Add((fit, score, explanation));
        }
        var ranked = fits.OrderByDescending(f => f.Score).ToList(); // stable: catalog order breaks exact ties
        var candidates = ranked.Select(f => new LayoutCandidate(f.Fit.Table.Layout.Id, f.Score, f.Explanation)).ToList();
        var best = ranked[0];
        if (best.Score < _minimumScore)
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"no layout fits: best is {best.Fit.Table.Layout.Id} at {best.Score:0.00} (< {_minimumScore:0.00}): {best.Explanation}");
            return new SnapResult(table, null, reason, candidates);
        }
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"identified as {best.Fit.Table.Layout.Id} ({best.Score:0.00}): {best.Explanation}"),
        };
        if (ranked.Count > 1)
        {
            var second = ranked[1];
            var gap = best.Score - second.Score;
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{(gap < TieMargin ? "near tie with" : "runner-up")} {second.Fit.Table.Layout.Id} ({second.Score:0.00}): {second.Explanation}"));
            if (gap < ClearMargin && !CloseCall.PlaceAlike(best.Fit.Table, second.Fit.Table))
            {
                // Two layouts explain the table about as well (requests-2021 and -2019 share 22 of their rows) and put
                // its numbers in different cells: the rows they read differently must decide, clearly.
                var (evidence, disputed) = CloseCall.Evidence(best.Fit.Table, second.Fit.Table);
                var told = string.Create(CultureInfo.InvariantCulture,
                    $"{best.Fit.Table.Layout.Id} over {second.Fit.Table.Layout.Id} by the rows they read differently ({disputed}): {evidence:+0.00;-0.00} of evidence");
                if (evidence < MinimumEvidence)
                {
                    var reason = string.Create(CultureInfo.InvariantCulture,
                        $"too close to call: {best.Fit.Table.Layout.Id} at {best.Score:0.00}, {second.Fit.Table.Layout.Id} at {second.Score:0.00}; {told}, below {MinimumEvidence:0.0}");
                    return new SnapResult(table, null, reason, candidates);
                }
                notes.Add(told);
            }
        }
        notes.AddRange(best.Fit.Table.Notes);
        return new SnapResult(table, best.Fit.Table with { Score = best.Score, Notes = notes }, null, candidates);
    }

    /// <summary>Snaps several tables of one page or document, each on its own (a report may mix formats).</summary>
    public IReadOnlyList<SnapResult> SnapAll(IReadOnlyList<ReadTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var results = tables.Select(Snap).ToList();
        foreach (var group in results.Where(r => r.Table is not null).GroupBy(r => r.Table!.Layout.Id).Where(g => g.Count() > 1))
        {
            foreach (var result in group)
            {
                var index = results.IndexOf(result);
                var others = string.Join(", ", group.Where(g => !ReferenceEquals(g, result)).Select(g => $"#{results.IndexOf(g)}"));
                var notes = result.Table!.Notes.Append($"table #{index} shares layout {group.Key} with table(s) {others}: a table cut over two pages?").ToList();
                results[index] = result with { Table = result.Table with { Notes = notes } };
            }
        }
        return results;
    }

    /// <summary>
    /// Snaps a single-block layout with the data area where the cells put it, and where the layout's column count
    /// puts it (the data columns being the last ones, or all but an extra blank one at the right); the best fit wins.
    /// </summary>
    private static LayoutFit SnapGrid(ReadGrid grid, Dictionary<int, GridTableAnalysis> analyses, TableLayout layout)
    {
        var byCells = analyses.Keys.First();
        var columns = layout.Columns.Count;
        LayoutFit? best = null;
        foreach (var first in new[] { byCells, grid.ColumnCount - columns, grid.ColumnCount - columns - 1 }.Distinct())
        {
            if (first < 0 || first >= grid.ColumnCount)
            {
                continue;
            }
            if (!analyses.TryGetValue(first, out var analysis))
            {
                analyses[first] = analysis = new GridTableAnalysis(grid, first);
            }
            var fit = GridTableSnapper.Snap(analysis, layout);
            if (best is null || fit.Structure > best.Structure)
            {
                best = fit;
            }
        }
        return best ?? GridTableSnapper.Snap(analyses[byCells], layout);
    }

    private static (double Score, string Explanation) Combine(LayoutFit fit, string heading, TableLayout layout)
    {
        if (heading.Length == 0)
        {
            return (fit.Structure, fit.Explanation + ", no heading");
        }
        var headingFit = HeadingSimilarity(heading, LabelNormalizer.Normalize(layout.Section));
        var score = (1 - HeadingWeight) * fit.Structure + HeadingWeight * headingFit;
        return (score, fit.Explanation + string.Create(CultureInfo.InvariantCulture, $", heading {headingFit:0.00}"));
    }

    /// <summary>
    /// The heading hint, normalized; without one, a title row inside the lattice that reads like a section heading
    /// (not, say, a block header of an active table).
    /// </summary>
    private string HeadingText(ReadTable table, GridTableAnalysis analysis)
    {
        var hint = LabelNormalizer.Normalize(table.HeadingHint);
        if (hint.Length > 0)
        {
            return hint;
        }
        return analysis.TitleTexts.FirstOrDefault(t =>
            _catalog.All.Any(l => HeadingSimilarity(t, LabelNormalizer.Normalize(l.Section)) >= 0.6)) ?? string.Empty;
    }

    /// <summary>
    /// Section headings differ in their leading numeral ("三、" vs "3、") and their wording; compare the rest. The text
    /// read above a table may run on from the paragraph before it: the heading is its end.
    /// </summary>
    private static double HeadingSimilarity(string heading, string section)
    {
        var wanted = StripNumbering(section);
        var tail = heading.Length > wanted.Length + HeadingSlack ? heading[^(wanted.Length + HeadingSlack)..] : heading;
        return Math.Max(LabelSimilarity.ScoreNormalized(StripNumbering(tail), wanted), LabelSimilarity.ScoreNormalized(StripNumbering(heading), wanted));
    }

    /// <summary>Characters of the heading text looked at beyond the section title's own length.</summary>
    private const int HeadingSlack = 4;

    private static string StripNumbering(string s) =>
        s.Length > 1 && ("一二三四五六七八九十".Contains(s[0], StringComparison.Ordinal) || char.IsDigit(s[0])) ? s[1..] : s;
}
