namespace TableRecovery.Worker.Storage;

/// <summary>
/// What the review page (issue 5) reads and writes: tables that hold cells needing review, their cells,
/// and reviewer decisions with their audit trail.
/// </summary>
public interface IReviewStore
{
    /// <summary>Tables with at least one <c>needs_review</c> cell, oldest first.</summary>
    Task<IReadOnlyList<ReviewTable>> ListTablesNeedingReviewAsync(int limit, CancellationToken cancellationToken);

    /// <summary>A stored table with every cell, or null.</summary>
    Task<StoredTable?> GetTableAsync(long tableId, CancellationToken cancellationToken);

    /// <summary>Records a decision (audit row) and sets the cell's value and status in one transaction.</summary>
    Task<bool> RecordDecisionAsync(CellDecision decision, CancellationToken cancellationToken);
}

public sealed record ReviewTable(long TableId, string Sha256, string Source, int TableIndex, string Layout, int CellsNeedingReview);

public sealed record StoredTable(
    long TableId, string Sha256, int TableIndex, string Layout, string Image, string Status, IReadOnlyList<StoredCell> Cells);

public sealed record StoredCell(
    string CellId, decimal? Value, string? Text, double Confidence, string Status, IReadOnlyList<int>? Box,
    string AlternativesJson, string? ConfirmedBy, DateTimeOffset? ConfirmedAt);

public sealed record CellDecision(long TableId, string CellId, decimal? NewValue, string NewStatus, string Reviewer, DateTimeOffset DecidedAt);
