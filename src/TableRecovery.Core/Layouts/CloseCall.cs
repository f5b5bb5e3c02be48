using System.Globalization;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Layouts;

/// <summary>
/// Deciding between two layouts that explain a table about equally well (requests-2021 and requests-2019 share 22
/// of their rows): do they read it alike, and if not, what do the rows they read differently say.
/// </summary>
internal static class CloseCall
{
    /// <summary>
    /// The evidence for <paramref name="a"/> over <paramref name="b"/>, from what they do differently: on each
    /// lattice row they assign differently, how well a's layout row label matched minus how well b's did (a row
    /// placed by its neighbours — as many rows as the layout has between two matched ones — counts
    /// <see cref="HoleWeight"/>, a row placed by none nothing); and for each layout row a leaves out between the
    /// first and last rows it found — a printed row it claims the picture lacks — <see cref="HoleWeight"/> against
    /// it (and for b's, for it). Also says which rows those are.
    /// </summary>
    public static (double Evidence, string Rows) Evidence(SnappedTable a, SnappedTable b)
    {
        var inA = a.Rows.ToLookup(m => m.LatticeRow);
        var inB = b.Rows.ToLookup(m => m.LatticeRow);
        var evidence = 0.0;
        var rows = new List<string>();
        foreach (var row in DisputedRows(a, b))
        {
            var keysA = inA[row].Select(m => m.RowKey).ToList();
            var keysB = inB[row].Select(m => m.RowKey).ToList();
            var difference = LabelEvidence(inA[row]) - LabelEvidence(inB[row]);
            evidence += difference;
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"r{row} {(keysA.Count == 0 ? "-" : string.Join("+", keysA))} vs {(keysB.Count == 0 ? "-" : string.Join("+", keysB))} {difference:+0.00;-0.00}"));
        }
        var holesA = Holes(a);
        var holesB = Holes(b);
        if (holesA.Count + holesB.Count > 0)
        {
            evidence += HoleWeight * (holesB.Count - holesA.Count);
            rows.Add(string.Create(CultureInfo.InvariantCulture,
                $"rows left out {holesA.Count} vs {holesB.Count} {HoleWeight * (holesB.Count - holesA.Count):+0.00;-0.00}"));
        }
        return (evidence, rows.Count == 0 ? "none" : string.Join(", ", rows));

        static double LabelEvidence(IEnumerable<RowMatch> matches) =>
            matches.Select(m => m.Basis == MatchBasis.Label ? m.Similarity : HoleWeight).DefaultIfEmpty(0).Max();
    }

    /// <summary>
    /// What the row counts say, per row: a layout row left out between the first and last found counts this much
    /// against a layout, a row placed by its neighbours this much for it.
    /// </summary>
    public const double HoleWeight = 0.25;

    /// <summary>Lattice rows the two snaps give different layout rows (or a row in one and none in the other).</summary>
    private static List<int> DisputedRows(SnappedTable a, SnappedTable b)
    {
        var inA = a.Rows.ToLookup(m => m.LatticeRow);
        var inB = b.Rows.ToLookup(m => m.LatticeRow);
        return inA.Select(g => g.Key).Union(inB.Select(g => g.Key)).Order()
            .Where(row => !inA[row].Select(m => m.RowKey).SequenceEqual(inB[row].Select(m => m.RowKey), StringComparer.Ordinal))
            .ToList();
    }

    /// <summary>Layout rows not found although rows before and after them were.</summary>
    private static List<string> Holes(SnappedTable table)
    {
        var order = table.Layout.Rows.Select((r, i) => (r.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        var found = table.Rows.Select(m => order[m.RowKey]).ToHashSet();
        if (found.Count == 0)
        {
            return [];
        }
        return Enumerable.Range(found.Min(), found.Max() - found.Min() + 1).Where(i => !found.Contains(i)).Select(i => table.Layout.Rows[i].Key).ToList();
    }

    /// <summary>
    /// Two snaps read the table alike: they give every lattice row the same layout row, leave out the same rows
    /// between those they found, and put every number they find in the same cell ids — what one finds the other
    /// finds too, or lacks the id altogether (requests-2021 and requests-2019 on a table cut before the rows that
    /// differ).
    /// </summary>
    public static bool PlaceAlike(SnappedTable a, SnappedTable b)
    {
        if (DisputedRows(a, b).Count > 0 || !Holes(a).SequenceEqual(Holes(b), StringComparer.Ordinal))
        {
            return false;
        }
        foreach (var (id, cell) in a.CellsById)
        {
            var other = b.CellsById.TryGetValue(id, out var c) ? c : null;
            if (!SameCell(cell, other))
            {
                return false;
            }
        }
        return b.CellsById.All(p => p.Value is null || a.CellsById.ContainsKey(p.Key));

        // A cell split over two layout cells is a new read cell in each snap: compare place and text.
        static bool SameCell(ReadCell? x, ReadCell? y) =>
            ReferenceEquals(x, y) || (x is not null && y is not null && x.Cell == y.Cell && x.Text == y.Text);
    }
}
