namespace TableRecovery.Core.Layouts;

/// <summary>How a layout row or column was placed on the lattice.</summary>
public enum MatchBasis
{
    /// <summary>Its label was read and matched.</summary>
    Label,
    /// <summary>Its label was unreadable or missing; it sits between (or next to) matched neighbours.</summary>
    Neighbours,
    /// <summary>No header text was usable; placed by position alone.</summary>
    Position,
}

/// <summary>One pairing of an observed item (lattice row/column) with one layout item, or two when a rule is missing.</summary>
internal readonly record struct AlignedPair(int Observed, int Expected, int ExpectedCount, double Similarity, MatchBasis Basis);

/// <summary>
/// Order-preserving alignment (Needleman–Wunsch with free gaps) of observed items to layout items. A match scores
/// its similarity minus a threshold, so only matches better than the threshold are taken; either side may be
/// skipped for free (extra lattice rows, rows not in the picture). An observed item may also stand for two
/// consecutive layout items (a rule the grid detector missed). Unmatched items between anchors are then placed
/// by their neighbours when the counts make that unambiguous.
/// </summary>
internal static class MonotoneAligner
{
    private const byte SkipObserved = 1, SkipExpected = 2, Match = 3, MatchTwo = 4;

    public static List<AlignedPair> Align(
        int observedCount,
        int expectedCount,
        Func<int, int, double> similarity,
        double threshold,
        Func<int, int, double>? similarityToPair = null)
    {
        var score = new double[observedCount + 1, expectedCount + 1];
        var move = new byte[observedCount + 1, expectedCount + 1];
        var sims = new double[observedCount, expectedCount];
        var pairSims = new double[observedCount, Math.Max(expectedCount - 1, 0)];
        for (var i = 0; i < observedCount; i++)
        {
            for (var j = 0; j < expectedCount; j++)
            {
                sims[i, j] = similarity(i, j);
                if (similarityToPair is not null && j + 1 < expectedCount)
                {
                    pairSims[i, j] = similarityToPair(i, j);
                }
            }
        }
        for (var i = 0; i <= observedCount; i++)
        {
            for (var j = 0; j <= expectedCount; j++)
            {
                if (i == 0 && j == 0)
                {
                    continue;
                }
                var best = double.NegativeInfinity;
                byte how = 0;
                if (i > 0 && score[i - 1, j] > best)
                {
                    best = score[i - 1, j];
                    how = SkipObserved;
                }
                if (j > 0 && score[i, j - 1] > best)
                {
                    best = score[i, j - 1];
                    how = SkipExpected;
                }
                if (i > 0 && j > 0 && sims[i - 1, j - 1] >= threshold)
                {
                    var s = score[i - 1, j - 1] + sims[i - 1, j - 1] - threshold + 1e-9;
                    if (s > best)
                    {
                        best = s;
                        how = Match;
                    }
                }
                if (similarityToPair is not null && i > 0 && j > 1 && pairSims[i - 1, j - 2] >= threshold)
                {
                    var s = score[i - 1, j - 2] + pairSims[i - 1, j - 2] - threshold;
                    if (s > best)
                    {
                        best = s;
                        how = MatchTwo;
                    }
                }
                score[i, j] = best;
                move[i, j] = how;
            }
        }
        var pairs = new List<AlignedPair>();
        int oi = observedCount, ej = expectedCount;
        while (oi > 0 || ej > 0)
        {
            switch (move[oi, ej])
            {
                case SkipObserved:
                    oi--;
                    break;
                case SkipExpected:
                    ej--;
                    break;
                case Match:
                    pairs.Add(new AlignedPair(oi - 1, ej - 1, 1, sims[oi - 1, ej - 1], MatchBasis.Label));
                    oi--;
                    ej--;
                    break;
                case MatchTwo:
                    pairs.Add(new AlignedPair(oi - 1, ej - 2, 2, pairSims[oi - 1, ej - 2], MatchBasis.Label));
                    oi--;
                    ej -= 2;
                    break;
                default:
                    throw new InvalidOperationException("Alignment traceback lost its way.");
            }
        }
        pairs.Reverse();
        return pairs;
    }

    /// <summary>
    /// Beyond the first or last anchor, at most this many items are placed by their neighbours: further out
    /// nothing pins the far end, and one missed or extra rule would shift every item placed there unseen.
    /// </summary>
    public const int MaxOutwardReach = 2;

    /// <summary>
    /// Places unmatched items by their matched neighbours: between two anchors when as many usable observed
    /// items as layout items are left; before the first / after the last anchor, from the anchored side outwards,
    /// as far as both sides last, up to <see cref="MaxOutwardReach"/> items (all of them where the ends are pinned and as
    /// many are left as places). <paramref name="compatible"/> says whether observed i may stand for layout j
    /// (e.g. a thin or empty row may not).
    /// </summary>
    /// <param name="oneItem">Whether observed i and the next, i + 1, are one item split in two (a column split by a rule in its
    /// header only, its numbers merged over both): between two anchors, such a pair fills one layout item.</param>
    /// <param name="endsPinned">The first and last usable observed items are the layout's first and last (the data columns
    /// from the labels' edge to the last with a header or a number): beyond the outer anchors, as many usable items as places
    /// are all placed. Not rows: a table cut over two pages ends anywhere, and rows filled to the end would hide the rows
    /// that tell one format from the other.</param>
    public static List<AlignedPair> FillGaps(List<AlignedPair> anchors, int observedCount, int expectedCount, Func<int, int, bool> compatible,
        Func<int, bool>? oneItem = null, bool endsPinned = false)
    {
        var result = new List<AlignedPair>(anchors);
        var prevObserved = -1;
        var prevExpected = -1;
        for (var k = 0; k <= anchors.Count; k++)
        {
            var nextObserved = k < anchors.Count ? anchors[k].Observed : observedCount;
            var nextExpected = k < anchors.Count ? anchors[k].Expected : expectedCount;
            var observed = Enumerable.Range(prevObserved + 1, Math.Max(0, nextObserved - prevObserved - 1)).ToList();
            var expected = Enumerable.Range(prevExpected + 1, Math.Max(0, nextExpected - prevExpected - 1)).ToList();
            var leading = k == 0;
            var trailing = k == anchors.Count;
            if (observed.Count > 0 && expected.Count > 0 && !(leading && trailing))
            {
                var usable = observed.Where(i => expected.Any(j => compatible(i, j))).ToList();
                if (!leading && !trailing && usable.Count > expected.Count && oneItem is not null)
                {
                    usable = usable.Where((i, n) => n == 0 || !(usable[n - 1] == i - 1 && oneItem(i - 1))).ToList();
                }
                // Between two anchors, or out to a pinned end (which pins as an anchor would), as many usable items as places
                // are those places: a missed or extra rule would leave one too few or too many.
                var pinnedBothSides = !leading && !trailing || endsPinned;
                if (pinnedBothSides && usable.Count == expected.Count && usable.Zip(expected).All(p => compatible(p.First, p.Second)))
                {
                    result.AddRange(usable.Zip(expected).Select(p => new AlignedPair(p.First, p.Second, 1, 0, MatchBasis.Neighbours)));
                }
                else if (!leading && !trailing || usable.Count > expected.Count)
                {
                    // counts that disagree between anchors, or more candidates than places beyond one: nothing says which belong
                }
                else if (trailing)
                {
                    foreach (var (i, j) in usable.Zip(expected).TakeWhile(p => compatible(p.First, p.Second)).Take(MaxOutwardReach))
                    {
                        result.Add(new AlignedPair(i, j, 1, 0, MatchBasis.Neighbours));
                    }
                }
                else
                {
                    usable.Reverse();
                    expected.Reverse();
                    foreach (var (i, j) in usable.Zip(expected).TakeWhile(p => compatible(p.First, p.Second)).Take(MaxOutwardReach))
                    {
                        result.Add(new AlignedPair(i, j, 1, 0, MatchBasis.Neighbours));
                    }
                }
            }
            if (k < anchors.Count)
            {
                prevObserved = anchors[k].Observed;
                prevExpected = anchors[k].Expected + anchors[k].ExpectedCount - 1;
            }
        }
        result.Sort((a, b) => a.Expected.CompareTo(b.Expected));
        return result;
    }

    /// <summary>
    /// Items placed by position (a table with exactly the layout's rows), each vouched for by what was read where its
    /// similarity to the item at its place reaches <paramref name="threshold"/>; the rest stay placed by position.
    /// </summary>
    public static List<AlignedPair> ConfirmedInPlace(IEnumerable<AlignedPair> byPosition, Func<int, int, double> similarity, double threshold) =>
        byPosition.Select(p => similarity(p.Observed, p.Expected) is var own && own >= threshold
            ? new AlignedPair(p.Observed, p.Expected, 1, own, MatchBasis.Label)
            : p).ToList();

    /// <summary>
    /// Exactly as many observed items as expected ones: each at its place, in order, unless one reads clearly as another
    /// item (similarity at least <paramref name="clear"/>, and by <paramref name="margin"/> over its own). Those at their
    /// place with similarity at least <paramref name="threshold"/> are confirmed by label; a garbled one stays in place
    /// between its neighbours. Null when an item contradicts the order or nothing read matches at all.
    /// </summary>
    public static List<AlignedPair>? InPlace(IReadOnlyList<int> observed, int expectedCount, Func<int, int, double> similarity,
        double threshold, double clear, double margin)
    {
        if (observed.Count != expectedCount)
        {
            return null;
        }
        var own = observed.Select((i, k) => similarity(i, k)).ToList();
        if (OneReadsAsAnother(observed, expectedCount, similarity, own, clear, margin))
        {
            return null;
        }
        if (own.All(s => s < threshold))
        {
            return null;
        }
        return observed.Select((i, k) => own[k] >= threshold
            ? new AlignedPair(i, k, 1, own[k], MatchBasis.Label)
            : new AlignedPair(i, k, 1, 0, MatchBasis.Neighbours)).ToList();
    }

    /// <summary>
    /// With each observed item at the expected place of the same index, one reads clearly as another expected item: at
    /// least <paramref name="clear"/>, and by <paramref name="margin"/> over its own place.
    /// </summary>
    public static bool OneReadsAsAnother(IReadOnlyList<int> observed, int expectedCount, Func<int, int, double> similarity, double clear, double margin) =>
        OneReadsAsAnother(observed, expectedCount, similarity, [.. observed.Select((i, k) => similarity(i, k))], clear, margin);

    private static bool OneReadsAsAnother(IReadOnlyList<int> observed, int expectedCount, Func<int, int, double> similarity, List<double> own,
        double clear, double margin)
    {
        for (var k = 0; k < observed.Count; k++)
        {
            for (var other = 0; other < expectedCount; other++)
            {
                var s = similarity(observed[k], other);
                if (other != k && s >= clear && s - own[k] > margin)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Both alignments put every observed item on the same layout item, one to one.</summary>
    public static bool SamePlaces(IReadOnlyList<AlignedPair> pairs, IReadOnlyList<AlignedPair> other) =>
        pairs.Count == other.Count && pairs.Zip(other).All(x =>
            x.First.Observed == x.Second.Observed && x.First.Expected == x.Second.Expected && x.First.ExpectedCount == 1);
}
