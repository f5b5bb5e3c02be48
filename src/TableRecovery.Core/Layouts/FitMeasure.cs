namespace TableRecovery.Core.Layouts;

/// <summary>A snapped table with how well its layout explains the read table, before the heading is weighed in.</summary>
/// <param name="ExactShape">The table has exactly the layout's rows and columns (body rows and data columns; for a
/// block layout, its block headers, header rows and number rows where the layout has them).</param>
/// <param name="PlacedByShape">Nothing read places the numbers on the layout, but the table has its exact shape, and the
/// snapped table places them by position.</param>
internal sealed record LayoutFit(SnappedTable Table, double Structure, string Explanation, bool ExactShape = false, bool PlacedByShape = false);

/// <summary>
/// How well an alignment explains both sides: precision = matched similarity per usable observed item
/// (every lattice row should be a layout row), recall = matched similarity per layout item within the span
/// from the first to the last one found (a table cut off at either end is not penalized; a hole is).
/// An item placed by its neighbours counts half.
/// </summary>
internal static class FitMeasure
{
    public const double NeighbourCredit = 0.5;

    public static (double F, double Precision, double Recall) Of(IReadOnlyList<AlignedPair> pairs, int usableObserved, int expectedSpan)
    {
        if (pairs.Count == 0 || usableObserved == 0 || expectedSpan == 0)
        {
            return (0, 0, 0);
        }
        double observed = 0, expected = 0;
        foreach (var p in pairs)
        {
            var w = p.Basis == MatchBasis.Label ? p.Similarity : NeighbourCredit;
            observed += w;
            expected += w * p.ExpectedCount;
        }
        var precision = Math.Min(1, observed / usableObserved);
        var recall = Math.Min(1, expected / expectedSpan);
        var f = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return (f, precision, recall);
    }

    public static int Span(IReadOnlyList<AlignedPair> pairs) =>
        pairs.Count == 0 ? 0 : pairs.Max(p => p.Expected + p.ExpectedCount - 1) - pairs.Min(p => p.Expected) + 1;
}
