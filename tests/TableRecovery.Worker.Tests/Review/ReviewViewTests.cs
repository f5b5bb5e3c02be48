using TableRecovery.Core.Results;
using TableRecovery.Core.Review;
using TableRecovery.Worker.Review;

namespace TableRecovery.Worker.Tests.Review;

public sealed class ReviewViewTests
{
    /// <summary>
    /// A cell read 15 at 0.97 both ways is flagged on a bilevel page (the cut may have taken its minus): the page says why,
    /// or the reviewer sees a sure reading flagged for nothing. Once confirmed, the reason is past.
    /// </summary>
    [Fact]
    public void The_page_shows_why_a_surely_read_cell_is_held_until_it_is_confirmed()
    {
        var held = new CellResult
        {
            Id = "art20_6.enforcement/change", Value = 15, Text = "15", Confidence = 0.99, Status = Statuses.NeedsReview,
            Held = Holds.SignMayBeCut, Box = [10, 10, 40, 20],
        };

        var shown = CellView.From(held, []);
        var table = new TableResult { Layout = "active-2019", Image = "scan.png", Status = Statuses.NeedsReview, Cells = [held], Identities = [] };
        var decided = TableReview.Default.Apply(table, new ConfirmValue(held.Id, -15, "alice", DateTimeOffset.UnixEpoch));
        var confirmed = CellView.From(decided.Cells.Single(c => c.Id == held.Id), []);

        Assert.True((shown.Held, confirmed.Held) == (Holds.SignMayBeCut, null), $"held shown as {shown.Held ?? "nothing"}, once confirmed {confirmed.Held ?? "nothing"}");
    }
}
