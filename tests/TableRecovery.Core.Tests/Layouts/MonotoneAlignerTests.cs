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
    public void Places_every_item_beyond_the_outer_anchors_where_the_ends_are_pinned_and_the_counts_agree()
    {
        // Seven data columns, the first three headers garbled: the labels' edge pins the first, so the three before the
        // first anchor are the layout's first three. Where one fewer or one more is left, nothing is placed past two.
        List<AlignedPair> anchors = [new(3, 3, 1, 0.9, MatchBasis.Label), new(6, 6, 1, 0.9, MatchBasis.Label)];

        var pinned = MonotoneAligner.FillGaps(anchors, 7, 7, (_, _) => true, endsPinned: true);
        var short1 = MonotoneAligner.FillGaps([new(2, 3, 1, 0.9, MatchBasis.Label), new(5, 6, 1, 0.9, MatchBasis.Label)], 6, 7, (_, _) => true,
            endsPinned: true);

        Assert.Equal(Enumerable.Range(0, 7), pinned.Select(p => p.Expected));
        Assert.All(pinned, p => Assert.Equal(p.Expected, p.Observed));
        Assert.Equal([1, 2, 3, 4, 5, 6], short1.Select(p => p.Expected));
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
