using System.Collections.Concurrent;
using TableRecovery.Core.Results;
using TableRecovery.Core.Review;
using TableRecovery.Worker.Storage;
using TableRecovery.Worker.Tests.Support;

namespace TableRecovery.Worker.Tests.Review;

/// <summary>The review side of the store, run against SQLite and PostgreSQL by the classes below, on a real recovered table.</summary>
public abstract class ReviewStoreContract : IDisposable
{
    protected readonly TempFolder Folder = new();
    protected readonly ManualClock Clock = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(15);
    private const string FlaggedCell = "count/review.upheld";

    protected abstract Task<SqlRecoveryStore> CreateStoreAsync();

    public void Dispose() => Folder.Dispose();

    private Lease LeaseFor(string reviewer) => new(reviewer, Clock.GetUtcNow(), LeaseTime);

    /// <summary>Stores <paramref name="count"/> recovered copies of the fixture (distinct bytes, same document) as one batch.</summary>
    private async Task<(SqlRecoveryStore Store, BatchStatus Batch)> StoreWithTablesAsync(int count)
    {
        var store = await CreateStoreAsync();
        var files = Enumerable.Range(0, count).Select(i =>
        {
            var bytes = ReviewFixtures.ImageBytes.Concat(new byte[i]).ToArray(); // trailing bytes: another content, same picture
            return new NewBatchFile($"scan-{i}.jpg", ReviewFixtures.Sha256(bytes), bytes);
        }).ToList();
        var batch = await store.CreateBatchAsync(new NewBatch("scraper", null, files, Clock.GetUtcNow()), CancellationToken.None);
        while (await store.ClaimNextAsync(new Lease("worker", Clock.GetUtcNow(), LeaseTime), CancellationToken.None) is { } claim)
        {
            Assert.True(await store.CompleteAsync(claim.Sha256, "worker",
                ReviewFixtures.Document(claim.Name) with { Sha256 = claim.Sha256 }, CancellationToken.None));
        }
        return (store, (await store.GetBatchAsync(batch.Batch.Id, CancellationToken.None))!);
    }

    protected async Task TwoReviewersNeverGetTheSameTableAtOnce()
    {
        var (store, _) = await StoreWithTablesAsync(3);
        var leases = new ConcurrentBag<ReviewLease>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(r => Task.Run(async () =>
        {
            if (await store.AcquireNextTableAsync(LeaseFor($"reviewer-{r}"), CancellationToken.None) is { } lease) leases.Add(lease);
        })));

        Assert.Equal(3, leases.Count);
        Assert.Equal(3, leases.Select(l => l.TableId).Distinct().Count());
        Assert.Equal(3, leases.Select(l => l.Reviewer).Distinct().Count());
        var queue = await store.ListTablesNeedingReviewAsync(10, CancellationToken.None);
        Assert.All(queue, t => Assert.Equal(leases.Single(l => l.TableId == t.TableId).Reviewer, t.LeasedBy));
    }

    protected async Task AReviewerGetsBackTheirTableAndAnExpiredLeaseGoesToTheNext()
    {
        var (store, _) = await StoreWithTablesAsync(1);
        var alice = await store.AcquireNextTableAsync(LeaseFor("alice"), CancellationToken.None);
        Assert.NotNull(alice);
        Assert.Equal(alice.TableId, (await store.AcquireNextTableAsync(LeaseFor("alice"), CancellationToken.None))?.TableId);
        Assert.Null(await store.AcquireNextTableAsync(LeaseFor("bob"), CancellationToken.None));
        Assert.Null(await store.AcquireTableAsync(alice.TableId, LeaseFor("bob"), CancellationToken.None));

        Clock.Advance(LeaseTime + TimeSpan.FromSeconds(1));
        var bob = await store.AcquireNextTableAsync(LeaseFor("bob"), CancellationToken.None);

        Assert.Equal(alice.TableId, bob?.TableId);
        Assert.False(await store.ReleaseTableAsync(alice.TableId, "alice", CancellationToken.None));
        Assert.True(await store.ReleaseTableAsync(alice.TableId, "bob", CancellationToken.None));
        Assert.NotNull(await store.AcquireTableAsync(alice.TableId, LeaseFor("alice"), CancellationToken.None));
    }

    protected async Task ADecisionNeedsTheLeaseIsAuditedAndTheResultDocumentShowsWhoConfirmedWhen()
    {
        var (store, batch) = await StoreWithTablesAsync(1);
        var table = (await store.ListTablesNeedingReviewAsync(10, CancellationToken.None)).Single();
        var before = (await store.GetReviewTableAsync(table.TableId, CancellationToken.None))!;
        var flaggedBefore = before.Table.Cells.Count(c => c.Status == Statuses.NeedsReview);
        var decidedAt = Clock.GetUtcNow();
        TableResult Confirm(TableResult t) => TableReview.Default.Apply(t, new ConfirmValue(FlaggedCell, 0, "alice", decidedAt));

        var refused = await store.SaveDecisionAsync(new ReviewDecision(table.TableId, LeaseFor("alice"), DecisionKinds.Accepted, FlaggedCell), Confirm, CancellationToken.None);
        Assert.Equal(ReviewSaveOutcome.NotLeased, refused.Outcome);

        await store.AcquireTableAsync(table.TableId, LeaseFor("alice"), CancellationToken.None);
        Assert.Equal(ReviewSaveOutcome.NotLeased, (await store.SaveDecisionAsync(
            new ReviewDecision(table.TableId, LeaseFor("bob"), DecisionKinds.Accepted, FlaggedCell), Confirm, CancellationToken.None)).Outcome);
        var saved = await store.SaveDecisionAsync(new ReviewDecision(table.TableId, LeaseFor("alice"), DecisionKinds.Accepted, FlaggedCell), Confirm, CancellationToken.None);
        Assert.Equal(ReviewSaveOutcome.Saved, saved.Outcome);

        var audit = Assert.Single(await store.ListDecisionsAsync(table.TableId, CancellationToken.None));
        Assert.Equal((DecisionKinds.Accepted, FlaggedCell, "alice", decidedAt, 0m, 0m, Statuses.NeedsReview, Statuses.Confirmed),
            (audit.Kind, audit.Subject, audit.Reviewer, audit.DecidedAt, audit.OldValue, audit.NewValue, audit.OldStatus, audit.NewStatus));

        var document = (await store.GetFileResultAsync(batch.Files[0].Id, CancellationToken.None))!;
        var cell = document.Tables[0].Cells.Single(c => c.Id == FlaggedCell);
        Assert.Equal((Statuses.Confirmed, "alice", decidedAt), (cell.Status, cell.ConfirmedBy, cell.ConfirmedAt));
        var flaggedAfter = document.Tables[0].Cells.Count(c => c.Status == Statuses.NeedsReview);
        Assert.True(flaggedAfter < flaggedBefore, $"{flaggedBefore} flagged before, {flaggedAfter} after");
        var status = (await store.GetBatchAsync(batch.Id, CancellationToken.None))!.Files[0];
        Assert.Equal(flaggedAfter, status.CellsNeedingReview);
    }

    protected async Task KeepingAnIdentityAsPrintedIsAuditedAndRejectedNamesChangeNothing()
    {
        var (store, _) = await StoreWithTablesAsync(1);
        var table = (await store.ListTablesNeedingReviewAsync(10, CancellationToken.None)).Single();
        await store.AcquireTableAsync(table.TableId, LeaseFor("bob"), CancellationToken.None);
        var at = Clock.GetUtcNow();

        var bad = await store.SaveDecisionAsync(new ReviewDecision(table.TableId, LeaseFor("bob"), DecisionKinds.KeepAsPrinted, "no-such"),
            t => TableReview.Default.Apply(t, new KeepAsPrinted("no-such", "bob", at)), CancellationToken.None);
        Assert.Equal(ReviewSaveOutcome.Rejected, bad.Outcome);

        var saved = await store.SaveDecisionAsync(new ReviewDecision(table.TableId, LeaseFor("bob"), DecisionKinds.KeepAsPrinted, "sum[litigation_direct]"),
            t => TableReview.Default.Apply(t, new KeepAsPrinted("sum[litigation_direct]", "bob", at)), CancellationToken.None);
        Assert.Equal(ReviewSaveOutcome.Saved, saved.Outcome);
        Assert.Equal("bob", saved.Table!.Identities.Single(i => i.Name == "sum[litigation_direct]").KeptAsPrintedBy);
        var audit = Assert.Single(await store.ListDecisionsAsync(table.TableId, CancellationToken.None));
        Assert.Equal((DecisionKinds.KeepAsPrinted, "sum[litigation_direct]", "bob"), (audit.Kind, audit.Subject, audit.Reviewer));
    }
}

public sealed class SqliteReviewStoreTests : ReviewStoreContract
{
    protected override Task<SqlRecoveryStore> CreateStoreAsync() => Stores.SqliteAsync(Folder.Path, Clock);

    [Fact] public Task Two_reviewers_never_get_the_same_table_at_once() => TwoReviewersNeverGetTheSameTableAtOnce();
    [Fact] public Task A_reviewer_gets_back_their_table_and_an_expired_lease_goes_to_the_next() => AReviewerGetsBackTheirTableAndAnExpiredLeaseGoesToTheNext();
    [Fact] public Task A_decision_needs_the_lease_is_audited_and_the_result_document_shows_who_confirmed_when() => ADecisionNeedsTheLeaseIsAuditedAndTheResultDocumentShowsWhoConfirmedWhen();
    [Fact] public Task Keeping_an_identity_as_printed_is_audited_and_rejected_names_change_nothing() => KeepingAnIdentityAsPrintedIsAuditedAndRejectedNamesChangeNothing();
}

public sealed class PostgresReviewStoreTests : ReviewStoreContract
{
    protected override Task<SqlRecoveryStore> CreateStoreAsync() => Stores.PostgresAsync(Clock);

    [Fact] public Task Two_reviewers_never_get_the_same_table_at_once() => TwoReviewersNeverGetTheSameTableAtOnce();
    [Fact] public Task A_reviewer_gets_back_their_table_and_an_expired_lease_goes_to_the_next() => AReviewerGetsBackTheirTableAndAnExpiredLeaseGoesToTheNext();
    [Fact] public Task A_decision_needs_the_lease_is_audited_and_the_result_document_shows_who_confirmed_when() => ADecisionNeedsTheLeaseIsAuditedAndTheResultDocumentShowsWhoConfirmedWhen();
    [Fact] public Task Keeping_an_identity_as_printed_is_audited_and_rejected_names_change_nothing() => KeepingAnIdentityAsPrintedIsAuditedAndRejectedNamesChangeNothing();
}
