using TableRecovery.Core.Layouts;

namespace TableRecovery.Corpus.Truth;

/// <summary>
/// The values of one table as printed, in layout cell order, and the identities the printed values break
/// (empty for a consistent table).
/// </summary>
public sealed record TableValues(TableLayout Layout, IReadOnlyDictionary<string, decimal> Values, IReadOnlyList<string> BrokenIdentities)
{
    public decimal this[string cellId] => Values[cellId];
}

/// <summary>Evaluates the layout identities (sum(lhs) == sum(rhs)) over a set of values.</summary>
public static class IdentityChecker
{
    public static IReadOnlyList<string> Broken(TableLayout layout, IReadOnlyDictionary<string, decimal> values) =>
        layout.Identities
            .Where(i => i.Lhs.Sum(id => values[id]) != i.Rhs.Sum(id => values[id]))
            .Select(i => i.Name)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
