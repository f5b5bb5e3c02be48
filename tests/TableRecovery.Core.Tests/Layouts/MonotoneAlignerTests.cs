using TableRecovery.Core.Layouts;

namespace TableRecovery.Core.Tests.Layouts;

public class MonotoneAlignerTests
{
    [Fact]
    public void Places_at_most_two_items_beyond_the_last_anchor_by_their_neighbours()
    {
        // Ten observed items, ten expected; only the first matched by its label. Beyond it nothing pins the far end:
        // one missed rule further down would shift everything placed there.
        List<AlignedPair> anchors = [new(0, 0, 1, 0.9, MatchBasis.Label)];

        var pairs = MonotoneAligner.FillGaps(anchors, 10, 10, (_, _) => true);

        Assert.Equal([0, 1, 2], pairs.Select(p => p.Expected));
        Assert.All(pairs.Skip(1), p => Assert.Equal(MatchBasis.Neighbours, p.Basis));
    }

    [Fact]
    public void Places_every_item_between_two_anchors_when_the_counts_agree()
    {
        List<AlignedPair> anchors = [new(0, 0, 1, 0.9, MatchBasis.Label), new(9, 9, 1, 0.9, MatchBasis.Label)];

        var pairs = MonotoneAligner.FillGaps(anchors, 10, 10, (_, _) => true);

        Assert.Equal(Enumerable.Range(0, 10), pairs.Select(p => p.Expected));
        Assert.All(pairs, p => Assert.Equal(p.Expected, p.Observed));
    }
}
