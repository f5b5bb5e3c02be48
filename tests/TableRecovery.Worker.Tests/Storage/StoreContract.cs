using System.Collections.Concurrent;
using TableRecovery.Core.Results;
using TableRecovery.Worker.Storage;
using TableRecovery.Worker.Tests.Support;

namespace TableRecovery.Worker.Tests.Storage;

/// <summary>What every store must do, run against SQLite and PostgreSQL by the classes below.</summary>
public abstract class StoreContract : IDisposable
{
    protected readonly TempFolder Folder = new();
    protected readonly ManualClock Clock = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private static readonly TimeSpan LeaseTime = TimeSpan.FromSeconds(30);

    protected abstract Task<SqlRecoveryStore> CreateStoreAsync();

    public void Dispose() => Folder.Dispose();

    private Lease LeaseFor(string worker) => new(worker, Clock.GetUtcNow(), LeaseTime);

    private static NewBatchFile File(string name, int seed)
    {
        var bytes = TestImages.Png(seed: seed);
        return new NewBatchFile(name, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), bytes);
    }

    private static ResultDocument DocumentWithFlaggedCell(ContentClaim claim) => new()
    {
        Source = claim.Name,
        Sha256 = claim.Sha256,
        Tables =
        [
            new TableResult
            {
                Layout = "requests-2021", Image = claim.Name, Status = Statuses.NeedsReview, Rotation = 90, SkewDegrees = -1.4,
                Cells =
                [
                    new CellResult { Id = "a", Value = 3, Text = "3", Confidence = 0.98, Status = Statuses.Ok, Box = [412, 188, 61, 30] },
                    new CellResult { Id = "b", Value = 12.25m, Text = "12.25", Confidence = 0.4, Status = Statuses.NeedsReview,
                        Alternatives = [new AlternativeResult(17.25m, 0.3)] },
                ],
                Identities = [new IdentityResult { Name = "sum", Holds = false }],
            },
        ],
    };

    protected async Task ManyConcurrentClaimersGetEachContentExactlyOnce()
    {
        var store = await CreateStoreAsync();
        var files = Enumerable.Range(0, 40).Select(i => File($"f{i}.png", i)).ToList();
        await store.CreateBatchAsync(new NewBatch("scraper", "b1", files, Clock.GetUtcNow()), CancellationToken.None);

        var claimed = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            while (await store.ClaimNextAsync(LeaseFor($"w{w}"), CancellationToken.None) is { } claim) claimed.Add(claim.Sha256);
        })));

        Assert.Equal(40, claimed.Count);
        Assert.Equal(files.Select(f => f.Sha256).Order(), claimed.Order());
    }

    protected async Task ABatchPostedTwiceWithTheSameIdCreatesNothingNew()
    {
        var store = await CreateStoreAsync();
        var first = await store.CreateBatchAsync(new NewBatch("scraper", "same-id", [File("a.png", 1)], Clock.GetUtcNow()), CancellationToken.None);
        var second = await store.CreateBatchAsync(new NewBatch("scraper", "same-id", [File("b.png", 2), File("c.png", 3)], Clock.GetUtcNow()), CancellationToken.None);
        var otherClient = await store.CreateBatchAsync(new NewBatch("other", "same-id", [File("d.png", 4)], Clock.GetUtcNow()), CancellationToken.None);

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Batch.Id, second.Batch.Id);
        Assert.Equal(["a.png"], second.Batch.Files.Select(f => f.Name));
        Assert.True(otherClient.Created);
        Assert.Equal(2, (await store.CountAsync(CancellationToken.None)).Queued);
    }

    protected async Task TheSameBytesArrivingTwiceAreRecoveredOnceAndBothFilesGetTheResult()
    {
        var store = await CreateStoreAsync();
        var bytes = File("first.png", 7);
        var one = await store.CreateBatchAsync(new NewBatch("scraper", null, [bytes], Clock.GetUtcNow()), CancellationToken.None);
        var two = await store.CreateBatchAsync(new NewBatch("scraper", null, [bytes with { Name = "second.png" }], Clock.GetUtcNow()), CancellationToken.None);

        var claim = await store.ClaimNextAsync(LeaseFor("w"), CancellationToken.None);
        Assert.NotNull(claim);
        Assert.Null(await store.ClaimNextAsync(LeaseFor("w2"), CancellationToken.None));
        Assert.True(await store.CompleteAsync(claim.Sha256, "w", DocumentWithFlaggedCell(claim), CancellationToken.None));

        var firstResult = await store.GetFileResultAsync(one.Batch.Files[0].Id, CancellationToken.None);
        var secondResult = await store.GetFileResultAsync(two.Batch.Files[0].Id, CancellationToken.None);
        Assert.Equal("first.png", firstResult!.Source);
        Assert.Equal("second.png", secondResult!.Source);
        Assert.Equal(ResultJson.Serialize(firstResult with { Source = "" }), ResultJson.Serialize(secondResult with { Source = "" }));
        Assert.Equal(1, (await store.GetContentAsync(claim.Sha256, CancellationToken.None))!.Recoveries);

        // A folder file with the same bytes is answered from the store, not recovered again.
        var local = await store.IngestLocalFileAsync(new LocalFile("third.png", bytes.Sha256, bytes.Bytes), LeaseFor("w3"), CancellationToken.None);
        Assert.Equal(LocalIngestKind.AlreadyFinished, local.Kind);
        Assert.Equal(12.25m, local.Result!.Tables[0].Cells[1].Value);
    }

    protected async Task AClaimWhoseLeaseExpiredGoesBackToTheQueueAndTheOldHolderCannotComplete()
    {
        var store = await CreateStoreAsync();
        await store.CreateBatchAsync(new NewBatch("scraper", null, [File("a.png", 1)], Clock.GetUtcNow()), CancellationToken.None);
        var dead = await store.ClaimNextAsync(LeaseFor("dead"), CancellationToken.None);
        Assert.NotNull(dead);
        Assert.Null(await store.ClaimNextAsync(LeaseFor("alive"), CancellationToken.None));

        Clock.Advance(LeaseTime + TimeSpan.FromSeconds(1));
        var again = await store.ClaimNextAsync(LeaseFor("alive"), CancellationToken.None);

        Assert.Equal(dead.Sha256, again!.Sha256);
        Assert.Equal(2, again.Attempts);
        Assert.False(await store.CompleteAsync(dead.Sha256, "dead", DocumentWithFlaggedCell(dead), CancellationToken.None));
        Assert.True(await store.CompleteAsync(again.Sha256, "alive", DocumentWithFlaggedCell(again), CancellationToken.None));
    }

    protected async Task ARenewedLeaseKeepsTheClaim()
    {
        var store = await CreateStoreAsync();
        await store.CreateBatchAsync(new NewBatch("scraper", null, [File("a.png", 1)], Clock.GetUtcNow()), CancellationToken.None);
        var claim = await store.ClaimNextAsync(LeaseFor("w"), CancellationToken.None);
        Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.True(await store.RenewLeaseAsync(claim!.Sha256, LeaseFor("w"), CancellationToken.None));
        Clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Null(await store.ClaimNextAsync(LeaseFor("other"), CancellationToken.None));
    }

    protected async Task AReleasedClaimIsQueuedAgainWithoutCountingAnAttempt()
    {
        var store = await CreateStoreAsync();
        await store.CreateBatchAsync(new NewBatch("scraper", null, [File("a.png", 1)], Clock.GetUtcNow()), CancellationToken.None);
        var claim = await store.ClaimNextAsync(LeaseFor("w"), CancellationToken.None);
        await store.ReleaseAsync(claim!.Sha256, "w", CancellationToken.None);
        var again = await store.ClaimNextAsync(LeaseFor("w2"), CancellationToken.None);
        Assert.Equal(1, again!.Attempts);
    }

    protected async Task CompletedTablesFeedTheReviewQueue()
    {
        var store = await CreateStoreAsync();
        var batch = await store.CreateBatchAsync(new NewBatch("scraper", null, [File("a.png", 1)], Clock.GetUtcNow()), CancellationToken.None);
        var claim = await store.ClaimNextAsync(LeaseFor("w"), CancellationToken.None);
        await store.CompleteAsync(claim!.Sha256, "w", DocumentWithFlaggedCell(claim), CancellationToken.None);

        var status = (await store.GetBatchAsync(batch.Batch.Id, CancellationToken.None))!;
        Assert.True(status.Complete);
        Assert.Equal(1, status.Files[0].Tables);
        Assert.Equal(1, status.Files[0].CellsNeedingReview);

        var queue = await store.ListTablesNeedingReviewAsync(10, CancellationToken.None);
        var item = Assert.Single(queue);
        Assert.Equal(("a.png", "requests-2021", 1), (item.Source, item.Layout, item.CellsNeedingReview));

        var table = (await store.GetReviewTableAsync(item.TableId, CancellationToken.None))!;
        Assert.Equal([412, 188, 61, 30], table.Table.Cells.Single(c => c.Id == "a").Box);
        Assert.Equal(12.25m, table.Table.Cells.Single(c => c.Id == "b").Value);
        Assert.Equal((90, "a.png"), (table.Table.Rotation, table.Source));
    }

    protected async Task MigratingTwiceFromTwoStoresAtOnceAppliesEachMigrationOnce()
    {
        var store = await CreateStoreAsync();
        await Task.WhenAll(store.MigrateAsync(CancellationToken.None), store.MigrateAsync(CancellationToken.None));
        Assert.Equal(0, (await store.CountAsync(CancellationToken.None)).Queued);
    }
}

public sealed class SqliteStoreTests : StoreContract
{
    protected override Task<SqlRecoveryStore> CreateStoreAsync() => Stores.SqliteAsync(Folder.Path, Clock);

    [Fact] public Task Many_concurrent_claimers_get_each_content_exactly_once() => ManyConcurrentClaimersGetEachContentExactlyOnce();
    [Fact] public Task A_batch_posted_twice_with_the_same_id_creates_nothing_new() => ABatchPostedTwiceWithTheSameIdCreatesNothingNew();
    [Fact] public Task The_same_bytes_arriving_twice_are_recovered_once_and_both_files_get_the_result() => TheSameBytesArrivingTwiceAreRecoveredOnceAndBothFilesGetTheResult();
    [Fact] public Task A_claim_whose_lease_expired_goes_back_to_the_queue_and_the_old_holder_cannot_complete() => AClaimWhoseLeaseExpiredGoesBackToTheQueueAndTheOldHolderCannotComplete();
    [Fact] public Task A_renewed_lease_keeps_the_claim() => ARenewedLeaseKeepsTheClaim();
    [Fact] public Task A_released_claim_is_queued_again_without_counting_an_attempt() => AReleasedClaimIsQueuedAgainWithoutCountingAnAttempt();
    [Fact] public Task Completed_tables_feed_the_review_queue() => CompletedTablesFeedTheReviewQueue();
    [Fact] public Task Migrating_twice_at_once_applies_each_migration_once() => MigratingTwiceFromTwoStoresAtOnceAppliesEachMigrationOnce();
}

public sealed class PostgresStoreTests : StoreContract
{
    protected override Task<SqlRecoveryStore> CreateStoreAsync() => Stores.PostgresAsync(Clock);

    [Fact] public Task Many_concurrent_claimers_get_each_content_exactly_once() => ManyConcurrentClaimersGetEachContentExactlyOnce();
    [Fact] public Task A_batch_posted_twice_with_the_same_id_creates_nothing_new() => ABatchPostedTwiceWithTheSameIdCreatesNothingNew();
    [Fact] public Task The_same_bytes_arriving_twice_are_recovered_once_and_both_files_get_the_result() => TheSameBytesArrivingTwiceAreRecoveredOnceAndBothFilesGetTheResult();
    [Fact] public Task A_claim_whose_lease_expired_goes_back_to_the_queue_and_the_old_holder_cannot_complete() => AClaimWhoseLeaseExpiredGoesBackToTheQueueAndTheOldHolderCannotComplete();
    [Fact] public Task A_renewed_lease_keeps_the_claim() => ARenewedLeaseKeepsTheClaim();
    [Fact] public Task A_released_claim_is_queued_again_without_counting_an_attempt() => AReleasedClaimIsQueuedAgainWithoutCountingAnAttempt();
    [Fact] public Task Completed_tables_feed_the_review_queue() => CompletedTablesFeedTheReviewQueue();
    [Fact] public Task Migrating_twice_at_once_applies_each_migration_once() => MigratingTwiceFromTwoStoresAtOnceAppliesEachMigrationOnce();
}
