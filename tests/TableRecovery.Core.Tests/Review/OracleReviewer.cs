using TableRecovery.Core.Layouts;
using TableRecovery.Core.Results;
using TableRecovery.Core.Review;

namespace TableRecovery.Core.Tests.Review;

/// <summary>How one simulated review of a table went.</summary>
/// <param name="CellActions">Cells the reviewer decided (one key press each: accept, pick, type or unreadable).</param>
/// <param name="IdentityActions">Identities the reviewer kept as printed.</param>
/// <param name="WrongLeft">Cells whose final value differs from the truth (silent errors the review let through).</param>
/// <param name="Finished">No cell needs review any more.</param>
public sealed record ReviewRun(int CellActions, int IdentityActions, int WrongLeft, bool Finished)
{
    public int Actions => CellActions + IdentityActions;
}

/// <summary>
/// A reviewer who knows the truth and works a table in <see cref="ReviewOrder"/>: first keeps as printed every
/// broken identity the printed table really breaks, then answers the first cell of the order, again and again.
/// Shared by the review-actions benchmark and the tests (bench links this file).
/// </summary>
public static class OracleReviewer
{
    public static ReviewRun Work(
        TableReview review, LayoutCatalog catalog, TableResult table, Func<string, decimal?> truth,
        IReadOnlySet<string> printedInconsistent, bool resolve)
    {
        catalog.TryGet(table.Layout, out var layout);
        var at = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        int cellActions = 0, identityActions = 0;
        // Every action settles a cell or an identity for good, so this bound is never reached by a working review.
        var limit = table.Cells.Count + table.Identities.Count + 1;
        for (var step = 0; step < limit; step++)
        {
            var misprint = table.Identities.FirstOrDefault(i =>
                !i.Holds && i.KeptAsPrintedBy is null && printedInconsistent.Contains(i.Name));
            if (misprint is not null)
            {
                table = review.Apply(table, new KeepAsPrinted(misprint.Name, "oracle", at), resolve);
                identityActions++;
                continue;
            }
            var next = ReviewOrder.CellsToReview(table, layout).FirstOrDefault();
            if (next is null)
            {
                break;
            }
            ReviewAction action = truth(next.Id) is { } value
                ? new ConfirmValue(next.Id, value, "oracle", at)
                : new MarkUnreadable(next.Id, "oracle", at);
            table = review.Apply(table, action, resolve);
            cellActions++;
        }
        var wrong = table.Cells.Count(c => c.Value != truth(c.Id));
        return new ReviewRun(cellActions, identityActions, wrong, table.Cells.All(c => c.Status != Statuses.NeedsReview));
    }
}
