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

    /// <summary>Two layouts closer than this are reported as a near tie in the notes.</summary>
    public const double TieMargin = 0.02;

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
        var fits = new List<(LayoutFit Fit, double Score, string Explanation)>();
        foreach (var layout in _catalog.All)
        {
            var fit = layout.IsBlockTable ? BlockTableSnapper.Snap(grid, layout) : GridTableSnapper.Snap(analysis, layout);
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
            notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"{(best.Score - second.Score < TieMargin ? "near tie with" : "runner-up")} {second.Fit.Table.Layout.Id} ({second.Score:0.00}): {second.Explanation}"));
        }
        notes.AddRange(best.Fit.Table.Notes);
        return new SnapResult(table, best.Fit.Table with { Score = best.Score, Notes = notes }, null, candidates);
    }

    /// <summary>
    /// Snaps a table onto one given layout (the continuation of a table cut over two pictures, whose header is on the
    /// previous one and whose rows alone may fit two layouts nearly as well), or says why it does not fit it.
    /// </summary>
    public SnapResult SnapAs(ReadTable table, TableLayout layout)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(layout);
        if (table.Cells.Count == 0 || table.Lattice.RowCount <= 0 || table.Lattice.ColumnCount <= 0)
        {
            return new SnapResult(table, null, "the table has no cells", []);
        }
        var grid = new ReadGrid(table);
        var analysis = new GridTableAnalysis(grid);
        var fit = layout.IsBlockTable ? BlockTableSnapper.Snap(grid, layout) : GridTableSnapper.Snap(analysis, layout);
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

    /// <summary>Section headings differ in their leading numeral ("三、" vs "3、") and their wording; compare the rest.</summary>
    private static double HeadingSimilarity(string heading, string section) =>
        LabelSimilarity.ScoreNormalized(StripNumbering(heading), StripNumbering(section));

    private static string StripNumbering(string s) =>
        s.Length > 1 && ("一二三四五六七八九十".Contains(s[0], StringComparison.Ordinal) || char.IsDigit(s[0])) ? s[1..] : s;
}
