using TableRecovery.Core.Results;

namespace TableRecovery.Worker.Storage;

/// <summary>
/// What the review page (issue 5) reads and writes: tables that hold cells needing review, a lease per table so
/// two reviewers never work on the same one, the table's current state, and decisions with their audit trail.
/// </summary>
public interface IReviewStore
{
    /// <summary>Tables with at least one <c>needs_review</c> cell, oldest first, with who holds each.</summary>
    Task<IReadOnlyList<ReviewTable>> ListTablesNeedingReviewAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Leases the next table for <paramref name="lease"/>'s reviewer: the one they already hold, else the oldest
    /// table needing review that nobody holds (or whose lease ended). Null when there is none.
    /// </summary>
    Task<ReviewLease?> AcquireNextTableAsync(Lease lease, CancellationToken cancellationToken);

    /// <summary>Leases one table; null when another reviewer holds it (or it does not exist).</summary>
    Task<ReviewLease?> AcquireTableAsync(long tableId, Lease lease, CancellationToken cancellationToken);

    /// <summary>Gives the table back; false when the reviewer did not hold it.</summary>
    Task<bool> ReleaseTableAsync(long tableId, string reviewer, CancellationToken cancellationToken);

    /// <summary>A stored table in its current reviewed state, with its source and lease; null when unknown.</summary>
    Task<ReviewedTable?> GetReviewTableAsync(long tableId, CancellationToken cancellationToken);

    /// <summary>The stored input bytes of a content (for crops); null when unknown.</summary>
    Task<byte[]?> GetContentBytesAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: checks the reviewer's lease, applies <paramref name="apply"/> (the decision and the
    /// re-solve) to the table's current state, stores the new state in the result document and the cell rows,
    /// writes the audit row and renews the lease.
    /// </summary>
    Task<ReviewSave> SaveDecisionAsync(ReviewDecision decision, Func<TableResult, TableResult> apply, CancellationToken cancellationToken);

    /// <summary>The audit trail of a table, oldest first.</summary>
    Task<IReadOnlyList<DecisionRecord>> ListDecisionsAsync(long tableId, CancellationToken cancellationToken);
}

public sealed record ReviewTable(
    long TableId, string Sha256, string Source, int TableIndex, string Layout, int CellsNeedingReview,
    string? LeasedBy = null, DateTimeOffset? LeaseUntil = null);

public sealed record ReviewLease(long TableId, string Reviewer, DateTimeOffset Until);

/// <summary>A table as it stands now, and what it came from.</summary>
public sealed record ReviewedTable(
    long TableId, string Sha256, string Source, string ContentName, int TableIndex, TableResult Table,
    string? LeasedBy, DateTimeOffset? LeaseUntil, long Version, string? BatchId);

/// <summary>What a reviewer decided, for the lease check and the audit row.</summary>
/// <param name="Kind">One of <see cref="DecisionKinds"/>.</param>
/// <param name="Subject">The cell id, or for <see cref="DecisionKinds.KeepAsPrinted"/> the identity name.</param>
public sealed record ReviewDecision(long TableId, Lease Lease, string Kind, string Subject);

public static class DecisionKinds
{
    public const string Typed = "typed";
    public const string Candidate = "candidate";
    public const string Accepted = "accepted";
    public const string Unreadable = "unreadable";
    public const string KeepAsPrinted = "keep_as_printed";
}

public enum ReviewSaveOutcome { Saved, NoSuchTable, NotLeased, Rejected }

public sealed record ReviewSave(ReviewSaveOutcome Outcome, TableResult? Table, string? Reason = null);

/// <summary>One audit row: a cell decision (old and new value and status) or an identity kept as printed.</summary>
public sealed record DecisionRecord(
    string Kind, string Subject, string Reviewer, DateTimeOffset DecidedAt,
    decimal? OldValue, decimal? NewValue, string? OldStatus, string? NewStatus);
