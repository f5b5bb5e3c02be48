using System.Globalization;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Layouts;

/// <summary>
/// Identifies which layout a read table is and maps every layout cell to the read cell holding its number.
/// Every layout is tried: the table is snapped onto it, and the layout that explains the table best — its row
/// labels, its column headers, the grid's shape (row and column counts, merged cells, which cells hold numbers)
/// and (a little) the heading printed above it — wins, if it explains it well enough, something read confirms it,
/// and it leads the runner-up clearly — or, when the two are close, the rows they read differently decide
/// (<see cref="CloseCall"/>). The exact shape of one layout alone decides only what reading cannot: a layout read
/// poorly (0.4–0.5), or, when the labels are unreadable garbage, the table itself, every cell then for review.
/// Unsure means unidentified: a wrong layout, or rows shifted, would put numbers in cells they do not belong to.
/// Pure: plain values in, plain values out.
/// </summary>
public sealed class LayoutSnapper
{
    /// <summary>Below this score a table is reported as matching no layout.</summary>
    public const double DefaultMinimumScore = 0.5;

    /// <summary>Weight of the heading hint in the score, when there is one.</summary>
    public const double HeadingWeight = 0.1;

    /// <summary>
    /// Two layouts closer than this are a near tie. When they read the table alike (a requests table cut off before
    /// the rows where 2021 and 2019 differ), the format of the other tables read with it, or the catalog order,
    /// chooses, and the notes say so.
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

    /// <summary>The layouts tables are snapped onto.</summary>
    public LayoutCatalog Catalog => _catalog;
    private readonly double _minimumScore;

    public LayoutSnapper(LayoutCatalog? catalog = null, double minimumScore = DefaultMinimumScore)
    {
        _catalog = catalog ?? LayoutCatalog.Default;
        _minimumScore = minimumScore;
    }

    /// <summary>Snaps one table to the layout that fits it best, or says why none does.</summary>
    public SnapResult Snap(ReadTable table) => SnapCore(table, preferredFormat: null).Result;

    /// <summary>
    /// Snaps a table onto one given layout (the continuation of a table cut over two pictures, whose header is on the
    /// previous one and whose rows alone may fit two layouts nearly as well), or says why it does not fit it.
    /// </summary>
    /// <param name="columnsBefore">The columns of the part it continues, when that has as many lattice columns.</param>
    public SnapResult SnapAs(ReadTable table, TableLayout layout, IReadOnlyList<ColumnMatch>? columnsBefore = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(layout);
        if (table.Cells.Count == 0 || table.Lattice.RowCount <= 0 || table.Lattice.ColumnCount <= 0)
        {
            return new SnapResult(table, null, "the table has no cells", []);
        }
        var grid = new ReadGrid(table);
        var analysis = new GridTableAnalysis(grid);
        var fit = layout.IsBlockTable ? BlockTableSnapper.Snap(grid, layout) : GridTableSnapper.Snap(analysis, layout, columnsBefore);
        var (score, explanation) = Combine(fit, HeadingText(table, analysis), layout);
        var candidate = new LayoutCandidate(layout.Id, score, explanation);
        if (score < _minimumScore)
        {
            return new SnapResult(table, null, string.Create(CultureInfo.InvariantCulture,
                $"does not fit {layout.Id}: {score:0.00} (< {_minimumScore:0.00}): {explanation}"), [candidate]);
        }
        var notes = fit.Table.Notes.Prepend(string.Create(CultureInfo.InvariantCulture, $"snapped as {layout.Id} ({score:0.00}): {explanation}")).ToList();
        return new SnapResult(table, fit.Table with { Score = score, Notes = notes }, null, [candidate]);
    }

    /// <summary>
    /// Snaps several tables of one page or document, each on its own (a report may mix formats). Only where two
    /// layouts tie on a table and read it alike (a requests table cut before the rows that tell 2021 from 2019)
    /// does the format of the other tables, when they agree on one, decide.
    /// </summary>
    public IReadOnlyList<SnapResult> SnapAll(IReadOnlyList<ReadTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var first = tables.Select(t => SnapCore(t, preferredFormat: null)).ToList();
        var formats = first.Where(f => !f.Tied && f.Result.Table is { } t && t.Layout.Format is Format2021 or Format2019)
            .Select(f => f.Result.Table!.Layout.Format).Distinct(StringComparer.Ordinal).ToList();
        var results = first.Select((f, i) => f.Tied && formats.Count == 1 ? SnapCore(tables[i], formats[0]).Result : f.Result).ToList();
        // By index: a result replaced by one with a note is no longer equal to the one grouped.
        var sharing = Enumerable.Range(0, results.Count).Where(i => results[i].Table is not null)
            .GroupBy(i => results[i].Table!.Layout.Id).Where(g => g.Count() > 1).ToList();
        foreach (var group in sharing)
        {
            foreach (var index in group)
            {
                var result = results[index];
                var others = string.Join(", ", group.Where(i => i != index).Select(i => $"#{i}"));
                var notes = result.Table!.Notes.Append($"table #{index} shares layout {group.Key} with table(s) {others}: a table cut over two pages?").ToList();
                results[index] = result with { Table = result.Table with { Notes = notes } };
            }
        }
        return results;
    }

    private const string Format2021 = "2021";
    private const string Format2019 = "2019";

    /// <summary>
    /// Snaps a table; <paramref name="preferredFormat"/> breaks a tie between two layouts that read the table
    /// alike. Tied: the layout chosen had such a tie (and nothing but the catalog order or the preference chose it).
    /// </summary>
    private (SnapResult Result, bool Tied) SnapCore(ReadTable table, string? preferredFormat)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Cells.Count == 0 || table.Lattice.RowCount <= 0 || table.Lattice.ColumnCount <= 0)
        {
            return (new SnapResult(table, null, "the table has no cells", []), false);
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
        if (best.Score < _minimumScore && LabelsAreUnreadable(table) && ByShapeAlone(fits, heading) is { } shaped)
        {
            var shapeNotes = new List<string>
            {
                $"identified as {shaped.Table.Layout.Id} by its shape alone: nothing read places the numbers on any layout, and it "
                    + "alone has exactly this table's body rows and data columns; they are placed in order, and every cell is for review",
            };
            shapeNotes.AddRange(shaped.Table.Notes);
            var byShape = shaped.Table with { Score = ShapeAloneScore, Notes = shapeNotes, IdentifiedByShape = true };
            return (new SnapResult(table, byShape, null, candidates), false);
        }
        var liftedByShape = best.Score < _minimumScore && ShapeConfirmsAWeakReading(fits, best);
        if (best.Score < _minimumScore && !liftedByShape)
        {
            var reason = string.Create(CultureInfo.InvariantCulture,
                $"no layout fits: best is {best.Fit.Table.Layout.Id} at {best.Score:0.00} (< {_minimumScore:0.00}): {best.Explanation}");
            return (new SnapResult(table, null, reason, candidates), false);
        }
        var tied = false;
        string? decided = liftedByShape
            ? string.Create(CultureInfo.InvariantCulture, $"its labels read poorly ({best.Score:0.00}, under {_minimumScore:0.00}), but it alone has this table's exact shape")
            : null;
        if (!liftedByShape && ranked.Count > 1 && best.Score - ranked[1].Score < ClearMargin)
        {
            var second = ranked[1];
            if (CloseCall.PlaceAlike(best.Fit.Table, second.Fit.Table) && !RowsBelowTheLastFound(grid, best.Fit.Table))
            {
                tied = best.Score - second.Score < TieMargin;
                if (tied && preferredFormat is not null && second.Fit.Table.Layout.Format == preferredFormat && best.Fit.Table.Layout.Format != preferredFormat)
                {
                    (ranked[0], ranked[1]) = (second, best);
                    decided = $"{second.Fit.Table.Layout.Id} rather than {best.Fit.Table.Layout.Id}, which reads this table alike: the other tables read with it are in the {preferredFormat} format";
                }
            }
            else
            {
                // Two layouts explain the table about as well (requests-2021 and -2019 share 22 of their rows) and put
                // its numbers in different cells: the rows they read differently must decide, clearly.
                var (evidence, disputed) = CloseCall.Evidence(best.Fit.Table, second.Fit.Table);
                decided = string.Create(CultureInfo.InvariantCulture,
                    $"{best.Fit.Table.Layout.Id} over {second.Fit.Table.Layout.Id} by the rows they read differently ({disputed}): {evidence:+0.00;-0.00} of evidence");
                if (evidence < MinimumEvidence)
                {
                    var reason = string.Create(CultureInfo.InvariantCulture,
                        $"too close to call: {best.Fit.Table.Layout.Id} at {best.Score:0.00}, {second.Fit.Table.Layout.Id} at {second.Score:0.00}; {decided}, below {MinimumEvidence:0.0}");
                    return (new SnapResult(table, null, reason, candidates), false);
                }
            }
        }
        var chosen = ranked[0];
        var notes = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"identified as {chosen.Fit.Table.Layout.Id} ({chosen.Score:0.00}): {chosen.Explanation}"),
        };
        if (ranked.Count > 1)
        {
            var other = ranked[1];
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{(Math.Abs(chosen.Score - other.Score) < TieMargin ? "near tie with" : "runner-up")} {other.Fit.Table.Layout.Id} ({other.Score:0.00}): {other.Explanation}"));
        }
        if (decided is not null)
        {
            notes.Add(decided);
        }
        notes.AddRange(chosen.Fit.Table.Notes);
        return (new SnapResult(table, chosen.Fit.Table with { Score = chosen.Score, Notes = notes }, null, candidates), tied);
    }

    /// <summary>
    /// The Chinese model read the labels as garbage: their median confidence is low. Measured: 0.13–0.25 on hard scans
    /// whose print is tiny and faint, 0.93 on clean ones. Text read clearly that matches no layout is a table of
    /// another kind, which its shape must not make one of ours.
    /// </summary>
    private static bool LabelsAreUnreadable(ReadTable table)
    {
        var read = table.Cells.Where(c => !c.IsNumeric && c.Text.Trim().Length >= 2).Select(c => c.LabelConfidence).Order().ToList();
        return read.Count > 0 && read[read.Count / 2] < UnreadableLabelConfidence;
    }

    private const double UnreadableLabelConfidence = 0.5;

    /// <summary>A layout read this well, short of the minimum, is taken when it alone has the table's exact shape.</summary>
    private const double WeakReading = 0.4;

    /// <summary>
    /// The labels read poorly but in order point to a layout (requests-2021 at 0.49, 25 of its 25 rows matched weakly),
    /// and that layout alone has the table's exact shape: its body rows and data columns (or blocks). Sibling layouts that
    /// share most labels (requests-2019) then cannot be it. Each row sits at its place; rows whose labels do not read as
    /// their own are not firm, so their cells are vouched for only by the identities.
    /// </summary>
    private static bool ShapeConfirmsAWeakReading(List<(LayoutFit Fit, double Score, string Explanation)> fits, (LayoutFit Fit, double Score, string Explanation) best) =>
        best.Fit.ExactShape && !best.Fit.PlacedByShape && best.Score >= WeakReading && fits.Count(f => f.Fit.ExactShape) == 1;

    /// <summary>The score reported for a table identified by its shape alone: just a fit, never a confident one.</summary>
    public const double ShapeAloneScore = DefaultMinimumScore;

    /// <summary>Below this no layout is matched by anything read, so nothing read contradicts a shape.</summary>
    private const double NothingReadMatches = 0.3;

    /// <summary>
    /// The one layout whose exact shape the table has, when its labels could not be read at all (tiny or faint
    /// print: chi_sim reads garbage) but its lattice came out whole. The layouts' shapes differ (requests-2021 has
    /// 25 body rows, requests-2019 23, appeals one row of 15 columns), so an exact match names one of them. Not when
    /// anything read leans towards a layout, or a heading read names another section.
    /// </summary>
    private LayoutFit? ByShapeAlone(List<(LayoutFit Fit, double Score, string Explanation)> fits, string heading)
    {
        if (fits.Any(f => !f.Fit.PlacedByShape && f.Score >= NothingReadMatches)) return null;
        var shaped = fits.Where(f => f.Fit.PlacedByShape).Select(f => f.Fit).ToList();
        if (shaped is not [var only]) return null;
        if (heading.Length > 0)
        {
            var own = HeadingSimilarity(heading, LabelNormalizer.Normalize(only.Table.Layout.Section));
            var other = _catalog.All.Where(l => l.Section != only.Table.Layout.Section)
                .Select(l => HeadingSimilarity(heading, LabelNormalizer.Normalize(l.Section))).DefaultIfEmpty(0).Max();
            if (other >= 0.6 && other > own) return null;
        }
        return only;
    }

    /// <summary>
    /// The picture goes on below the last layout row found: rows with something in them that no layout row
    /// explains. Two layouts that read a table alike are a fair tie only when it is cut off where they start to
    /// differ; when the rows that would tell them apart are in the picture, unread, they are not.
    /// </summary>
    private static bool RowsBelowTheLastFound(ReadGrid grid, SnappedTable snapped)
    {
        var last = snapped.Rows.Count == 0 ? -1 : snapped.Rows.Max(m => m.LatticeRow);
        return Enumerable.Range(last + 1, Math.Max(0, grid.RowCount - last - 1))
            .Any(r => !grid.IsTitleRow[r] && !grid.IsThinRow(r) && grid.CellsCovering(r).Any(c => c.Cell.Row == r && c.Text.Trim().Length > 0));
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
