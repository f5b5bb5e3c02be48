using TableRecovery.Core.Results;

namespace TableRecovery.Worker.Storage;

/// <summary>
/// The durable queue and result store shared by every worker process. The unit of work is a
/// <em>content</em>: the distinct bytes of an input, keyed by SHA-256, recovered at most once; a
/// <em>file</em> is one arrival of those bytes (a part of an HTTP batch or a file of the watched folder).
/// Implementations: SQLite (one machine) and PostgreSQL (any number of machines).
/// </summary>
public interface IRecoveryStore
{
    /// <summary>Applies the versioned migrations that are not applied yet; safe to call from several processes at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Creates a batch with its files, or returns the existing one when the client reuses a batch id.</summary>
    Task<BatchCreation> CreateBatchAsync(NewBatch batch, CancellationToken cancellationToken);

    Task<BatchStatus?> GetBatchAsync(string batchId, CancellationToken cancellationToken);

    Task<FileStatus?> GetFileAsync(string fileId, CancellationToken cancellationToken);

    /// <summary>The stored result of a file, with <c>source</c> set to that file's own name.</summary>
    Task<ResultDocument?> GetFileResultAsync(string fileId, CancellationToken cancellationToken);

    /// <summary>
    /// Registers a file this worker already holds (claimed from the watched folder) and tries to claim its
    /// content. Tells whether the caller must recover it, can reuse a finished result, or must wait for
    /// another worker that holds it.
    /// </summary>
    Task<LocalIngest> IngestLocalFileAsync(LocalFile file, Lease lease, CancellationToken cancellationToken);

    /// <summary>Claims the oldest queued content (or one whose lease expired); null when there is none.</summary>
    Task<ContentClaim?> ClaimNextAsync(Lease lease, CancellationToken cancellationToken);

    /// <summary>Extends the lease of a content this worker holds; false when the claim was lost.</summary>
    Task<bool> RenewLeaseAsync(string sha256, Lease lease, CancellationToken cancellationToken);

    /// <summary>Stores the result (document, tables, cells) and ends the claim; false when the claim was lost.</summary>
    Task<bool> CompleteAsync(string sha256, string workerId, ResultDocument document, CancellationToken cancellationToken);

    /// <summary>Gives a claimed content back to the queue (graceful shutdown).</summary>
    Task ReleaseAsync(string sha256, string workerId, CancellationToken cancellationToken);

    /// <summary>The content's state and, when finished, its result (as first recovered).</summary>
    Task<ContentState?> GetContentAsync(string sha256, CancellationToken cancellationToken);

    Task<QueueCounts> CountAsync(CancellationToken cancellationToken);
}

/// <summary>Who holds a claim and until when (both from the caller's <see cref="TimeProvider"/>).</summary>
public sealed record Lease(string WorkerId, DateTimeOffset Now, TimeSpan Duration)
{
    public DateTimeOffset Until => Now + Duration;
}

public sealed record NewBatchFile(string Name, string Sha256, byte[] Bytes);

public sealed record NewBatch(string ClientId, string? ClientBatchId, IReadOnlyList<NewBatchFile> Files, DateTimeOffset CreatedAt);

public sealed record BatchCreation(bool Created, BatchStatus Batch);

public sealed record BatchStatus(
    string Id, string ClientBatchId, DateTimeOffset CreatedAt, IReadOnlyList<FileStatus> Files)
{
    public int Total => Files.Count;
    public int Finished => Files.Count(f => f.State is ContentStates.Done or ContentStates.Failed);
    public bool Complete => Finished == Total;
}

public sealed record FileStatus(
    string Id, string? BatchId, string Name, string Sha256, string State, string? ErrorCode, int Tables, int CellsNeedingReview);

public sealed record LocalFile(string Name, string Sha256, byte[] Bytes);

public enum LocalIngestKind { ClaimedByCaller, AlreadyFinished, HeldByAnotherWorker }

public sealed record LocalIngest(LocalIngestKind Kind, ContentClaim? Claim, ResultDocument? Result);

/// <summary>A content this worker must recover now.</summary>
public sealed record ContentClaim(string Sha256, string Name, byte[] Bytes, int Attempts);

public sealed record ContentState(string Sha256, string State, string? ClaimedBy, DateTimeOffset? LeaseUntil, int Recoveries, ResultDocument? Result);

public sealed record QueueCounts(long Queued, long Processing, long Done, long Failed);

public static class ContentStates
{
    public const string Queued = "queued";
    public const string Processing = "processing";
    public const string Done = "done";
    public const string Failed = "failed";

    /// <summary>A document whose input could not be read at all (errors and no table) ends as failed.</summary>
    public static string Of(ResultDocument document) =>
        document.Tables.Count == 0 && document.Errors.Count > 0 ? Failed : Done;
}
