using System.Globalization;
using Microsoft.Extensions.Options;
using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Layouts;
using TableRecovery.Core.Results;
using TableRecovery.Core.Review;
using TableRecovery.Worker.Hosting;
using TableRecovery.Worker.Storage;

namespace TableRecovery.Worker.Review;

/// <summary>A reviewer's request about one cell: what they chose and, for a typed or picked value, the value.</summary>
public sealed record CellDecisionRequest(string Cell, string Kind, decimal? Value);

public enum ReviewOutcome { Done, NotFound, NotLeased, Invalid }

public sealed record ReviewResult<T>(ReviewOutcome Outcome, T? Value, string? Reason = null)
{
    public static ReviewResult<T> Ok(T value) => new(ReviewOutcome.Done, value);
}

/// <summary>
/// The review use cases over the store and Core: leasing tables, the table view, decisions with re-solving, crops.
/// Every decision goes through <see cref="IReviewStore.SaveDecisionAsync"/>, which checks the lease and writes the audit row.
/// </summary>
public sealed class ReviewService(IReviewStore store, TimeProvider time, IOptionsMonitor<ReviewOptions> options, IOptions<EngineOptions> engine)
{
    private readonly LayoutCatalog _catalog = LayoutCatalog.Default;
    private readonly TableReview _review = TableReview.Default;
    private readonly SourceCrops _crops = new(engine.Value.MaxPixels);

    private Lease LeaseFor(string reviewer) => new(reviewer, time.GetUtcNow(), options.CurrentValue.LeaseDuration);

    public Task<ReviewLease?> NextAsync(string reviewer, CancellationToken cancellationToken) =>
        store.AcquireNextTableAsync(LeaseFor(reviewer), cancellationToken);

    public Task<ReviewLease?> TakeAsync(long tableId, string reviewer, CancellationToken cancellationToken) =>
        store.AcquireTableAsync(tableId, LeaseFor(reviewer), cancellationToken);

    public Task<bool> ReleaseAsync(long tableId, string reviewer, CancellationToken cancellationToken) =>
        store.ReleaseTableAsync(tableId, reviewer, cancellationToken);

    public async Task<TableView?> ViewAsync(long tableId, CancellationToken cancellationToken) =>
        await store.GetReviewTableAsync(tableId, cancellationToken) is { } stored ? TableView.From(stored, _catalog) : null;

    public async Task<ReviewResult<TableView>> DecideCellAsync(long tableId, string reviewer, CellDecisionRequest request, CancellationToken cancellationToken)
    {
        var stored = await store.GetReviewTableAsync(tableId, cancellationToken);
        if (stored is null) return new(ReviewOutcome.NotFound, null, $"There is no table {tableId}.");
        var cell = stored.Table.Cells.FirstOrDefault(c => c.Id == request.Cell);
        if (cell is null) return new(ReviewOutcome.Invalid, null, $"Table {tableId} has no cell '{request.Cell}'.");

        var lease = LeaseFor(reviewer);
        ReviewAction action;
        switch (request.Kind)
        {
            case DecisionKinds.Unreadable:
                action = new MarkUnreadable(cell.Id, reviewer, lease.Now);
                break;
            case DecisionKinds.Accepted when cell.Value is { } shown:
                action = new ConfirmValue(cell.Id, shown, reviewer, lease.Now);
                break;
            case DecisionKinds.Accepted:
                return new(ReviewOutcome.Invalid, null, $"Cell '{cell.Id}' shows no value to accept; type one or mark it unreadable.");
            case DecisionKinds.Typed or DecisionKinds.Candidate when request.Value is not { } value:
                return new(ReviewOutcome.Invalid, null, "A typed or picked decision needs a value.");
            case DecisionKinds.Candidate when !CellView.From(cell, []).Candidates.Any(c => c.Value == request.Value):
                return new(ReviewOutcome.Invalid, null, $"{request.Value} is not a candidate of cell '{cell.Id}'.");
            case DecisionKinds.Typed or DecisionKinds.Candidate:
                if (InvalidFor(stored.Table.Layout, cell.Id, request.Value!.Value) is { } problem) return new(ReviewOutcome.Invalid, null, problem);
                action = new ConfirmValue(cell.Id, request.Value.Value, reviewer, lease.Now);
                break;
            default:
                return new(ReviewOutcome.Invalid, null, $"Unknown decision '{request.Kind}': use typed, candidate, accepted or unreadable.");
        }
        return await SaveAsync(tableId, new ReviewDecision(tableId, lease, request.Kind, cell.Id), action, cancellationToken);
    }

    public async Task<ReviewResult<TableView>> KeepAsPrintedAsync(long tableId, string reviewer, string identity, CancellationToken cancellationToken)
    {
        var lease = LeaseFor(reviewer);
        return await SaveAsync(tableId, new ReviewDecision(tableId, lease, DecisionKinds.KeepAsPrinted, identity),
            new KeepAsPrinted(identity, reviewer, lease.Now), cancellationToken);
    }

    private async Task<ReviewResult<TableView>> SaveAsync(long tableId, ReviewDecision decision, ReviewAction action, CancellationToken cancellationToken)
    {
        var saved = await store.SaveDecisionAsync(decision, table => _review.Apply(table, action), cancellationToken);
        return saved.Outcome switch
        {
            ReviewSaveOutcome.Saved => ReviewResult<TableView>.Ok((await ViewAsync(tableId, cancellationToken))!),
            ReviewSaveOutcome.NoSuchTable => new(ReviewOutcome.NotFound, null, $"There is no table {tableId}."),
            ReviewSaveOutcome.NotLeased => new(ReviewOutcome.NotLeased, null, saved.Reason),
            _ => new(ReviewOutcome.Invalid, null, saved.Reason),
        };
    }

    /// <summary>A value the cell's column cannot hold (a fraction in a count, a negative count, too many decimals).</summary>
    private string? InvalidFor(string layoutId, string cellId, decimal value)
    {
        if (!_catalog.TryGet(layoutId, out var layout) || !layout.HasCell(cellId)) return null;
        var column = layout.Cell(cellId).Column;
        var text = value.ToString(CultureInfo.InvariantCulture);
        return column.Kind switch
        {
            CellValueKind.NonNegativeInteger when value < 0 || value != decimal.Truncate(value) =>
                $"'{column.Label}' counts things: {text} is not a whole number of 0 or more.",
            CellValueKind.SignedInteger when value != decimal.Truncate(value) => $"'{column.Label}' holds whole numbers, not {text}.",
            CellValueKind.Decimal when decimal.Round(value, column.DecimalPlaces ?? 4) != value =>
                $"'{column.Label}' has at most {column.DecimalPlaces ?? 4} decimals; {text} has more.",
            _ => null,
        };
    }

    /// <summary>The cell's picture, or the table around it with the cell framed; null when the table or the cell's box is unknown.</summary>
    public async Task<byte[]?> CropAsync(long tableId, string cellId, bool context, CancellationToken cancellationToken)
    {
        var stored = await store.GetReviewTableAsync(tableId, cancellationToken);
        var cell = stored?.Table.Cells.FirstOrDefault(c => c.Id == cellId);
        if (stored is null || cell?.Box is not [var x, var y, var w, var h]) return null;
        var bytes = await store.GetContentBytesAsync(stored.Sha256, cancellationToken);
        if (bytes is null) return null;
        var box = new PixelRect(x, y, w, h);
        try
        {
            return context
                ? _crops.ContextPng(stored.ContentName, bytes, stored.Table.Image, box,
                    stored.Table.Cells.Where(c => c.Box is { Count: 4 }).Select(c => new PixelRect(c.Box![0], c.Box[1], c.Box[2], c.Box[3])).ToList(),
                    stored.Table.Rotation)
                : _crops.CellPng(stored.ContentName, bytes, stored.Table.Image, box, stored.Table.Rotation);
        }
        catch (ImageDecodeException)
        {
            // A document's embedded picture is not stored on its own: no crop, the page says so.
            return null;
        }
    }
}
