using TableRecovery.Core.Layouts;
using TableRecovery.Core.Results;

namespace TableRecovery.Core.Review;

/// <summary>
/// The order in which a reviewer meets a table's flagged cells: the answer that settles the most identities first.
/// </summary>
/// <remarks>
/// An identity is <em>unresolved</em> while it does not hold (and is not kept as printed) or while one of its cells
/// needs review. The <c>needs_review</c> cells are ranked by
/// <list type="number">
/// <item>the number of unresolved identities the cell takes part in, most first — after a re-solve its answer
/// can settle every one of them;</item>
/// <item>the number of candidates (its value and alternatives), fewest first — a quick pick before a hard one;</item>
/// <item>the layout's reading order (rows top to bottom, columns left to right), so the order is stable.</item>
/// </list>
/// Cells checked by no identity (active-* tables) rank by 2 and 3 alone.
/// </remarks>
public static class ReviewOrder
{
    public static IReadOnlyList<CellResult> CellsToReview(TableResult table, TableLayout? layout)
    {
        ArgumentNullException.ThrowIfNull(table);
        var flagged = table.Cells.Where(c => c.Status == Statuses.NeedsReview).ToList();
        if (flagged.Count == 0)
        {
            return [];
        }
        var unresolvedCount = UnresolvedIdentityCounts(table, layout);
        var position = layout is null
            ? table.Cells.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal)
            : layout.Cells.Select((c, i) => (c.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        return flagged
            .OrderByDescending(c => unresolvedCount.GetValueOrDefault(c.Id))
            .ThenBy(c => (c.Value is null ? 0 : 1) + c.Alternatives.Count)
            .ThenBy(c => position.GetValueOrDefault(c.Id, int.MaxValue))
            .ToList();
    }

    /// <summary>Identities that do not hold (and are not kept as printed) or hold a cell that needs review.</summary>
    public static IReadOnlyList<Identity> UnresolvedIdentities(TableResult table, TableLayout? layout)
    {
        if (layout is null)
        {
            return [];
        }
        var status = table.Cells.ToDictionary(c => c.Id, c => c.Status, StringComparer.Ordinal);
        var outcome = table.Identities.ToDictionary(i => i.Name, StringComparer.Ordinal);
        return layout.Identities.Where(identity =>
        {
            var result = outcome.GetValueOrDefault(identity.Name);
            var broken = result is not null && !result.Holds && result.KeptAsPrintedBy is null;
            return broken || identity.CellIds.Any(id => status.GetValueOrDefault(id) == Statuses.NeedsReview);
        }).ToList();
    }

    private static Dictionary<string, int> UnresolvedIdentityCounts(TableResult table, TableLayout? layout)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var identity in UnresolvedIdentities(table, layout))
        {
            foreach (var id in identity.CellIds.Distinct())
            {
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        }
        return counts;
    }
}
