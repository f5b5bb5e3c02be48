using Microsoft.Data.Sqlite;
using Npgsql;
using Polly;
using Polly.Retry;
using TableRecovery.Core.Results;

namespace TableRecovery.Worker.Storage;

/// <summary>
/// Retries the store's transient faults — SQLite busy or locked, a lost or refused PostgreSQL connection —
/// with exponential backoff and jitter; after the last try the fault reaches the caller, which fails or
/// releases that one item, never the host.
/// </summary>
public sealed class ResilientRecoveryStore(SqlRecoveryStore inner, ResiliencePipeline pipeline) : IRecoveryStore, IReviewStore, IDisposable
{
    public void Dispose() => (inner as IDisposable)?.Dispose();

    public static ResiliencePipeline CreatePipeline(TimeProvider time, int maxRetryAttempts = 6) =>
        new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                MaxRetryAttempts = maxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(100),
                MaxDelay = TimeSpan.FromSeconds(5),
            })
            .Build();

    public static bool IsTransient(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: 5 or 6 } => true, // SQLITE_BUSY, SQLITE_LOCKED
        NpgsqlException { IsTransient: true } => true,
        TimeoutException => true,
        _ => false,
    };

    private ValueTask<T> Run<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(async ct => await action(ct), cancellationToken);

    private ValueTask Run(Func<CancellationToken, Task> action, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(async ct => await action(ct), cancellationToken);

    public async Task MigrateAsync(CancellationToken cancellationToken) => await Run(inner.MigrateAsync, cancellationToken);

    public async Task<BatchCreation> CreateBatchAsync(NewBatch batch, CancellationToken cancellationToken) =>
        await Run(ct => inner.CreateBatchAsync(batch, ct), cancellationToken);

    public async Task<BatchStatus?> GetBatchAsync(string batchId, CancellationToken cancellationToken) =>
        await Run(ct => inner.GetBatchAsync(batchId, ct), cancellationToken);

    public async Task<FileStatus?> GetFileAsync(string fileId, CancellationToken cancellationToken) =>
        await Run(ct => inner.GetFileAsync(fileId, ct), cancellationToken);

    public async Task<ResultDocument?> GetFileResultAsync(string fileId, CancellationToken cancellationToken) =>
        await Run(ct => inner.GetFileResultAsync(fileId, ct), cancellationToken);

    public async Task<LocalIngest> IngestLocalFileAsync(LocalFile file, Lease lease, CancellationToken cancellationToken) =>
        await Run(ct => inner.IngestLocalFileAsync(file, lease, ct), cancellationToken);

    public async Task<ContentClaim?> ClaimNextAsync(Lease lease, CancellationToken cancellationToken) =>
        await Run(ct => inner.ClaimNextAsync(lease, ct), cancellationToken);

    public async Task<bool> RenewLeaseAsync(string sha256, Lease lease, CancellationToken cancellationToken) =>
        await Run(ct => inner.RenewLeaseAsync(sha256, lease, ct), cancellationToken);

    public async Task<bool> CompleteAsync(string sha256, string workerId, ResultDocument document, CancellationToken cancellationToken) =>
        await Run(ct => inner.CompleteAsync(sha256, workerId, document, ct), cancellationToken);

    public async Task ReleaseAsync(string sha256, string workerId, CancellationToken cancellationToken) =>
        await Run(ct => inner.ReleaseAsync(sha256, workerId, ct), cancellationToken);

    public async Task<ContentState?> GetContentAsync(string sha256, CancellationToken cancellationToken) =>
        await Run(ct => inner.GetContentAsync(sha256, ct), cancellationToken);

    public async Task<QueueCounts> CountAsync(CancellationToken cancellationToken) => await Run(inner.CountAsync, cancellationToken);

    public async Task<IReadOnlyList<ReviewTable>> ListTablesNeedingReviewAsync(int limit, CancellationToken cancellationToken) =>
        await Run(ct => inner.ListTablesNeedingReviewAsync(limit, ct), cancellationToken);

    public async Task<ReviewLease?> AcquireNextTableAsync(Lease lease, CancellationToken cancellationToken) =>
        await Run(ct => inner.AcquireNextTableAsync(lease, ct), cancellationToken);

    public async Task<ReviewLease?> AcquireTableAsync(long tableId, Lease lease, CancellationToken cancellationToken) =>
        await Run(ct => inner.AcquireTableAsync(tableId, lease, ct), cancellationToken);

    public async Task<bool> ReleaseTableAsync(long tableId, string reviewer, CancellationToken cancellationToken) =>
        await Run(ct => inner.ReleaseTableAsync(tableId, reviewer, ct), cancellationToken);

    public async Task<ReviewedTable?> GetReviewTableAsync(long tableId, CancellationToken cancellationToken) =>
        await Run(ct => inner.GetReviewTableAsync(tableId, ct), cancellationToken);

    public async Task<byte[]?> GetContentBytesAsync(string sha256, CancellationToken cancellationToken) =>
        await Run(ct => inner.GetContentBytesAsync(sha256, ct), cancellationToken);

    // apply is pure, so running the whole transaction again after a transient fault is safe.
    public async Task<ReviewSave> SaveDecisionAsync(ReviewDecision decision, Func<TableResult, TableResult> apply, CancellationToken cancellationToken) =>
        await Run(ct => inner.SaveDecisionAsync(decision, apply, ct), cancellationToken);

    public async Task<IReadOnlyList<DecisionRecord>> ListDecisionsAsync(long tableId, CancellationToken cancellationToken) =>
        await Run(ct => inner.ListDecisionsAsync(tableId, ct), cancellationToken);
}
