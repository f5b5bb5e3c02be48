using TableRecovery.Core.Layouts;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Results;
using TableRecovery.Core.Review;
using TableRecovery.Core.Tests.Reconciliation;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Review;

public sealed class TableReviewTests(RecovererFixture pipeline) : IClassFixture<RecovererFixture>
{
    private static readonly DateTimeOffset At = new(2025, 5, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TableReview Review = TableReview.Default;

    /// <summary>
    /// appeals, sum[review]: total = upheld + corrected + other + pending. upheld reads 3 or 8, total 13 or 18: both
    /// (3, 13) and (8, 18) are consistent, so neither can be told apart by the identity alone.
    /// </summary>
    private static TableResult TwoWayAmbiguousAppeals()
    {
        var layout = LayoutCatalog.Default["appeals"];
        var readings = layout.Cells.ToDictionary(c => c.Id, c => ReviewTables.Sure("0"));
        readings["count/review.upheld"] = [new("3", 0.55, ReadingMethod.Cell), new("8", 0.45, ReadingMethod.Choice)];
        readings["count/review.total"] = [new("13", 0.55, ReadingMethod.Cell), new("18", 0.45, ReadingMethod.Choice)];
        readings["count/review.other"] = ReviewTables.Sure("10");
        return ReviewTables.FromReadings("appeals", readings);
    }

    [Fact]
    public void Two_cells_that_only_agree_with_each_other_both_need_review()
    {
        var table = TwoWayAmbiguousAppeals();
        Assert.Equal(Statuses.NeedsReview, table.Cells.Single(c => c.Id == "count/review.upheld").Status);
        Assert.Equal(Statuses.NeedsReview, table.Cells.Single(c => c.Id == "count/review.total").Status);
    }

    [Fact]
    public void Confirming_one_cell_lets_the_identity_correct_the_other_after_a_re_solve()
    {
        var table = Review.Apply(TwoWayAmbiguousAppeals(), new ConfirmValue("count/review.upheld", 8, "alice", At));

        var upheld = table.Cells.Single(c => c.Id == "count/review.upheld");
        var total = table.Cells.Single(c => c.Id == "count/review.total");
        Assert.Equal((8m, Statuses.Confirmed, "alice", At), (upheld.Value, upheld.Status, upheld.ConfirmedBy, upheld.ConfirmedAt));
        Assert.True(total is { Value: 18m, Status: Statuses.Corrected or Statuses.Ok },
            $"total should be re-solved to 18 (corrected or ok), is {total.Value} ({total.Status}, confidence {total.Confidence})");
        Assert.True(table.Identities.Single(i => i.Name == "sum[review]").Holds);
    }

    [Fact]
    public void Without_re_solving_a_confirmation_changes_only_its_own_cell()
    {
        var table = Review.Apply(TwoWayAmbiguousAppeals(), new ConfirmValue("count/review.upheld", 8, "alice", At), resolve: false);

        var total = table.Cells.Single(c => c.Id == "count/review.total");
        Assert.Equal((13m, Statuses.NeedsReview), (total.Value, total.Status));
        var identity = table.Identities.Single(i => i.Name == "sum[review]");
        Assert.False(identity.Holds, $"18 + 0 + 10 + 0 vs 13 must not hold; sums {identity.LhsSum} / {identity.RhsSum}");
    }

    [Fact]
    public void A_confirmed_value_that_breaks_an_identity_shows_it_broken_and_keeping_it_as_printed_settles_it()
    {
        var table = TwoWayAmbiguousAppeals();
        table = Review.Apply(table, new ConfirmValue("count/review.upheld", 3, "alice", At));
        table = Review.Apply(table, new ConfirmValue("count/review.total", 18, "alice", At));

        var broken = table.Identities.Single(i => i.Name == "sum[review]");
        Assert.False(broken.Holds);
        Assert.Equal((18m, 13m), (broken.LhsSum, broken.RhsSum));

        table = Review.Apply(table, new KeepAsPrinted("sum[review]", "bob", At));
        var kept = table.Identities.Single(i => i.Name == "sum[review]");
        Assert.Equal(("bob", true, false), (kept.KeptAsPrintedBy, kept.PublishedInconsistent, kept.Holds));
        var flagged = table.Cells.Where(c => c.Status == Statuses.NeedsReview).Select(c => c.Id).ToList();
        Assert.True(flagged.Count == 0, $"after keeping the identity as printed nothing should need review; still: {string.Join(", ", flagged)}");
        Assert.Equal(Statuses.Ok, table.Status);
    }

    [Fact]
    public void An_unreadable_cell_is_confirmed_empty_and_the_identities_suggest_its_value()
    {
        var table = Review.Apply(TwoWayAmbiguousAppeals(), new ConfirmValue("count/review.total", 18, "alice", At));
        table = Review.Apply(table, new MarkUnreadable("count/review.upheld", "alice", At));

        var upheld = table.Cells.Single(c => c.Id == "count/review.upheld");
        Assert.Equal((null, Statuses.Confirmed, true), (upheld.Value, upheld.Status, upheld.Unreadable));
        Assert.Equal(8m, Assert.Single(upheld.Alternatives).Value);
        Assert.Throws<ArgumentException>(() => Review.Apply(table, new ConfirmValue("no/such", 1, "alice", At)));
    }

    [Fact]
    public void Cells_held_for_where_they_were_placed_stay_for_review_after_a_decision_elsewhere()
    {
        // A bilevel requests table whose labels lost their strokes, identified by its shape alone: every cell read right and
        // held for review, since nothing read placed the numbers. Re-solved after one confirmation, the solver, which sees
        // only readings and sums, made the other 160 `ok`.
        var source = Fixtures.Case("0021_requests-2019_mild_bilevel_labels_lost");
        var table = Assert.Single(pipeline.Recover(source.Name, source.Bytes).Tables);
        Assert.True(table.Cells.All(c => c.Status == Statuses.NeedsReview && c.Held == Holds.IdentifiedByShape),
            $"recovered: {string.Join(", ", table.Cells.GroupBy(c => (c.Status, c.Held)).Select(g => $"{g.Count()} {g.Key.Status} held {g.Key.Held ?? "no"}"))}");
        var first = table.Cells[0];

        var after = Review.Apply(table, new ConfirmValue(first.Id, first.Value!.Value, "alice", At));

        var passed = after.Cells.Where(c => c.Id != first.Id && c.Status != Statuses.NeedsReview).Select(c => $"{c.Id} {c.Status}").ToList();
        Assert.True(passed.Count == 0, $"{passed.Count} of {after.Cells.Count - 1} held cells passed after the re-solve: {string.Join(", ", passed.Take(6))}");
    }

    [Fact]
    public void Re_solving_a_recovered_table_without_decisions_gives_back_the_same_table()
    {
        var image = Fixtures.CorpusWhere(c => c.Name.StartsWith("0006_", StringComparison.Ordinal));
        var document = pipeline.Recover(image.Name, image.Bytes);
        var table = Assert.Single(document.Tables);

        var again = Review.Resolve(table);

        Assert.Equal(ResultJson.Serialize(document), ResultJson.Serialize(document with { Tables = [again] }));
    }
}

public sealed class ReviewOrderTests
{
    [Fact]
    public void The_cell_in_the_most_unresolved_identities_comes_first_then_the_one_with_fewest_candidates()
    {
        // requests-2021 with three doubtful cells in different places: each flagged cell must come no earlier than
        // every cell that sits in more unresolved identities.
        var layout = LayoutCatalog.Default["requests-2021"];
        var rng = new Random(3);
        var truth = SyntheticTables.Consistent(layout, rng);
        var readings = layout.Cells.ToDictionary(c => c.Id, c => ReviewTables.Sure(truth[c.Id].ToString(System.Globalization.CultureInfo.InvariantCulture)));
        readings["new/total"] = [new(truth["new/total"] + "1", 0.5, ReadingMethod.Cell)];
        readings["new/commercial"] = [new("91", 0.5, ReadingMethod.Cell), new("97", 0.3, ReadingMethod.Choice), new("94", 0.2, ReadingMethod.Choice)];
        readings["disclosed/natural_person"] = [new(truth["disclosed/natural_person"] + "", 0.5, ReadingMethod.Cell)];
        var table = ReviewTables.FromReadings("requests-2021", readings);

        var order = ReviewOrder.CellsToReview(table, layout).Select(c => c.Id).ToList();
        var counts = ReviewOrder.UnresolvedIdentities(table, layout);
        int In(string id) => counts.Count(i => i.CellIds.Contains(id));

        Assert.True(order.Count >= 2, $"expected flagged cells, got [{string.Join(", ", order)}]");
        for (var i = 1; i < order.Count; i++)
        {
            Assert.True(In(order[i - 1]) >= In(order[i]),
                $"{order[i - 1]} ({In(order[i - 1])} unresolved identities) is ranked before {order[i]} ({In(order[i])})");
        }
    }
}

public sealed class OracleReviewTests
{
    [Fact]
    public void Re_solving_after_each_answer_finishes_every_table_with_no_more_actions_than_answering_every_flag()
    {
        var catalog = LayoutCatalog.Default;
        int on = 0, off = 0, flaggedTables = 0;
        for (var seed = 0; seed < 12; seed++)
        {
            var layout = catalog[seed % 2 == 0 ? "requests-2021" : "appeals"];
            var rng = new Random(seed);
            var truth = SyntheticTables.Consistent(layout, rng);
            var (readings, _) = SyntheticTables.ReadTable(layout, truth, rng, 0.08);
            var table = ReviewTables.FromReadings(layout.Id, readings);
            if (table.Status == Statuses.Ok) continue;
            flaggedTables++;

            var withResolve = OracleReviewer.Work(TableReview.Default, catalog, table, id => truth[id], new HashSet<string>(), resolve: true);
            var without = OracleReviewer.Work(TableReview.Default, catalog, table, id => truth[id], new HashSet<string>(), resolve: false);

            Assert.True(withResolve.Finished && without.Finished, $"seed {seed}: review did not finish ({withResolve}, {without})");
            Assert.True(withResolve.Actions <= without.Actions, $"seed {seed}: {withResolve.Actions} actions with re-solving, {without.Actions} without");
            on += withResolve.Actions;
            off += without.Actions;
        }
        Assert.True(flaggedTables > 0, "no synthetic table needed review; the test proves nothing");
        Assert.True(on <= off, $"{on} actions with re-solving vs {off} without");
    }
}
