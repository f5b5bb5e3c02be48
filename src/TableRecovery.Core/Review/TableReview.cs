using TableRecovery.Core.Layouts;
using TableRecovery.Core.Reconciliation;
using TableRecovery.Core.Results;

namespace TableRecovery.Core.Review;

/// <summary>
/// Applies reviewer decisions to a result table and solves it again. Pure: a table and a decision in, the
/// next table out; the decisions so far live in the table itself (confirmed cells, identities kept as printed),
/// so a stored document is all it needs.
/// </summary>
/// <remarks>
/// Re-solving runs <see cref="TableReconciler.Resolve"/> over the cells' own readings with the confirmed values
/// fixed and the kept identities dropped as constraints: a cell the identities now pin among its readings
/// becomes <c>corrected</c> (or <c>ok</c>), a value no reading shows stays <c>needs_review</c> (the solver never
/// vouches for an inferred number), and an identity the confirmed values break shows as broken.
/// </remarks>
public sealed class TableReview(LayoutCatalog catalog, TableReconciler reconciler)
{
    public static TableReview Default { get; } = new(LayoutCatalog.Default, TableReconciler.Default);

    /// <summary>Records <paramref name="action"/> in the table, then re-solves it (or, with <paramref name="resolve"/> false, only re-adds the sums).</summary>
    public TableResult Apply(TableResult table, ReviewAction action, bool resolve = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(action);
        var decided = action switch
        {
            ConfirmValue c => WithCell(table, c.CellId, cell => cell with
            {
                Value = c.Value, Status = Statuses.Confirmed, Confidence = 1, Unreadable = false,
                ConfirmedBy = c.Reviewer, ConfirmedAt = c.At, Alternatives = [], Held = null,
            }),
            MarkUnreadable u => WithCell(table, u.CellId, cell => cell with
            {
                Value = null, Status = Statuses.Confirmed, Confidence = 0, Unreadable = true,
                ConfirmedBy = u.Reviewer, ConfirmedAt = u.At, Held = null,
            }),
            KeepAsPrinted k => WithIdentity(table, k.IdentityName, identity => identity with
            {
                KeptAsPrintedBy = k.Reviewer, KeptAsPrintedAt = k.At,
            }),
            _ => throw new ArgumentException($"Unknown review action {action.GetType().Name}.", nameof(action)),
        };
        return resolve ? Resolve(decided) : Recount(decided);
    }

    /// <summary>Solves the table again from its readings and the decisions it carries.</summary>
    public TableResult Resolve(TableResult table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!catalog.TryGet(table.Layout, out var layout))
        {
            return Recount(table);
        }
        var byId = table.Cells.ToDictionary(c => c.Id, StringComparer.Ordinal);
        // An unreadable cell takes part with no readings: the identities may pin it, but it no longer pins them.
        var input = ReconciliationInput.FromLayout(layout, id =>
            byId.TryGetValue(id, out var cell) ? cell.Unreadable ? [] : ReadingResults.ToReadings(cell) : null);
        var confirmed = table.Cells
            .Where(c => c.Status == Statuses.Confirmed && !c.Unreadable && c.Value is not null && layout.HasCell(c.Id))
            .ToDictionary(c => c.Id, c => c.Value!.Value, StringComparer.Ordinal);
        var kept = table.Identities.Where(i => i.KeptAsPrintedBy is not null).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var solved = reconciler.Resolve(input, new ReviewDecisions(confirmed, kept));

        var cells = solved.Cells.Select(s =>
        {
            var before = byId.GetValueOrDefault(s.Id);
            if (before is { Status: Statuses.Confirmed })
            {
                // What the solver makes of an unreadable cell is only a suggestion beside the empty value.
                return before.Unreadable && s.Value is { } suggestion
                    ? before with { Alternatives = [new AlternativeResult(suggestion, Math.Round(s.Confidence, 4))] }
                    : before;
            }
            // A cell that is not in the picture (a table cut over two pictures) cannot be vouched for, nor one the recovery
            // held for what its readings cannot tell (where it was placed, a minus a bilevel cut may have taken).
            var absent = before is null || (before.Box is null && before.Readings is null);
            var held = before?.Held;
            return new CellResult
            {
                Id = s.Id,
                Value = s.Value,
                Text = s.Text ?? before?.Text,
                Confidence = Math.Round(s.Confidence, 4),
                Status = absent || held is not null ? Statuses.NeedsReview : s.Status,
                Held = held,
                Box = before?.Box,
                Alternatives = s.Alternatives.Select(a => new AlternativeResult(a.Value, Math.Round(a.Confidence, 4))).ToList(),
                Readings = before?.Readings,
            };
        }).ToList();
        var keptBy = table.Identities.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var identities = solved.Identities.Select(o =>
        {
            var before = keptBy.GetValueOrDefault(o.Name);
            return new IdentityResult
            {
                Name = o.Name,
                Holds = o.Holds,
                PublishedInconsistent = o.PublishedInconsistent,
                LhsSum = o.LhsSum,
                RhsSum = o.RhsSum,
                KeptAsPrintedBy = before?.KeptAsPrintedBy,
                KeptAsPrintedAt = before?.KeptAsPrintedAt,
            };
        }).ToList();
        return WithStatus(table with { Cells = cells, Identities = identities });
    }

    /// <summary>Identity sums and the table status on the current values, with no solving.</summary>
    public TableResult Recount(TableResult table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!catalog.TryGet(table.Layout, out var layout))
        {
            return WithStatus(table);
        }
        var values = table.Cells.ToDictionary(c => c.Id, c => c.Value, StringComparer.Ordinal);
        decimal? Sum(IEnumerable<string> ids)
        {
            decimal sum = 0;
            foreach (var id in ids)
            {
                if (values.GetValueOrDefault(id) is not decimal v) return null;
                sum += v;
            }
            return sum;
        }
        var before = table.Identities.ToDictionary(i => i.Name, StringComparer.Ordinal);
        var identities = layout.Identities.Select(identity =>
        {
            var (lhs, rhs) = (Sum(identity.Lhs), Sum(identity.Rhs));
            var old = before.GetValueOrDefault(identity.Name);
            var holds = lhs is not null && lhs == rhs;
            return new IdentityResult
            {
                Name = identity.Name,
                Holds = holds,
                PublishedInconsistent = !holds && (old?.KeptAsPrintedBy is not null || (old?.PublishedInconsistent ?? false)),
                LhsSum = lhs,
                RhsSum = rhs,
                KeptAsPrintedBy = old?.KeptAsPrintedBy,
                KeptAsPrintedAt = old?.KeptAsPrintedAt,
            };
        }).ToList();
        return WithStatus(table with { Identities = identities });
    }

    private static TableResult WithStatus(TableResult table) => table with
    {
        Status = table.Cells.All(c => c.Status is Statuses.Ok or Statuses.Corrected or Statuses.Confirmed) ? Statuses.Ok : Statuses.NeedsReview,
    };

    private static TableResult WithCell(TableResult table, string cellId, Func<CellResult, CellResult> change)
    {
        if (!table.Cells.Any(c => c.Id == cellId))
        {
            throw new ArgumentException($"Table {table.Layout} has no cell '{cellId}'.", nameof(cellId));
        }
        return table with { Cells = table.Cells.Select(c => c.Id == cellId ? change(c) : c).ToList() };
    }

    private static TableResult WithIdentity(TableResult table, string name, Func<IdentityResult, IdentityResult> change)
    {
        if (!table.Identities.Any(i => i.Name == name))
        {
            throw new ArgumentException($"Table {table.Layout} has no identity '{name}'.", nameof(name));
        }
        return table with { Identities = table.Identities.Select(i => i.Name == name ? change(i) : i).ToList() };
    }
}
