using TableRecovery.Core.Layouts;
using TableRecovery.Core.Results;
using TableRecovery.Core.Review;
using TableRecovery.Worker.Storage;

namespace TableRecovery.Worker.Review;

/// <summary>What the review page shows of a table: its layout's labels, every cell, the identities and the order of work.</summary>
public sealed record TableView(
    long TableId, string Source, string? BatchId, string Layout, string? Section, string Status, int Rotation,
    string? LeasedBy, DateTimeOffset? LeaseUntil, int CellsNeedingReview,
    IReadOnlyList<BlockView> Blocks, IReadOnlyList<CellView> Cells, IReadOnlyList<IdentityView> Identities,
    IReadOnlyList<string> ReviewOrder, IReadOnlyList<string> Notes)
{
    /// <summary>Letters that pick a candidate on the page; digits are for typing a value.</summary>
    public const string CandidateKeys = "abcdefgh";

    public static TableView From(ReviewedTable stored, LayoutCatalog catalog)
    {
        var table = stored.Table;
        catalog.TryGet(table.Layout, out var layout);
        var identitiesOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var identity in layout?.Identities ?? [])
        {
            foreach (var id in identity.CellIds.Distinct())
            {
                (identitiesOf.TryGetValue(id, out var list) ? list : identitiesOf[id] = []).Add(identity.Name);
            }
        }
        var unresolved = Core.Review.ReviewOrder.UnresolvedIdentities(table, layout).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var outcomes = table.Identities.ToDictionary(i => i.Name, StringComparer.Ordinal);
        return new TableView(
            stored.TableId, stored.Source, stored.BatchId, table.Layout, layout?.Section, table.Status, table.Rotation,
            stored.LeasedBy, stored.LeaseUntil, table.Cells.Count(c => c.Status == Statuses.NeedsReview),
            layout?.Blocks.Select(BlockView.From).ToList() ?? [],
            table.Cells.Select(c => CellView.From(c, identitiesOf.GetValueOrDefault(c.Id) ?? [])).ToList(),
            (layout?.Identities ?? []).Select(i => IdentityView.From(i, outcomes.GetValueOrDefault(i.Name), unresolved.Contains(i.Name))).ToList(),
            Core.Review.ReviewOrder.CellsToReview(table, layout).Select(c => c.Id).ToList(),
            table.Notes ?? []);
    }
}

public sealed record BlockView(string Key, string Label, IReadOnlyList<LabelView> Rows, IReadOnlyList<LabelView> Columns)
{
    public static BlockView From(LayoutBlock block) => new(
        block.Key, block.Label,
        block.Rows.Select(r => new LabelView(r.Key, r.Label, r.Group)).ToList(),
        block.Columns.Select(c => new LabelView(c.Key, c.Label, c.Group)).ToList());
}

public sealed record LabelView(string Key, string Label, string? Group);

public sealed record CandidateView(string Key, decimal Value, double Confidence);

/// <param name="Held">Why the recovery held the cell for review beyond its readings (<see cref="Holds"/>), shown beside its status.</param>
public sealed record CellView(
    string Id, decimal? Value, string? Text, string Status, double Confidence, bool HasBox, bool Unreadable,
    string? ConfirmedBy, DateTimeOffset? ConfirmedAt, IReadOnlyList<CandidateView> Candidates, IReadOnlyList<string> Identities,
    string? Held = null)
{
    /// <summary>The shown value first, then the alternatives, each once, keyed a, b, c … on the page.</summary>
    public static CellView From(CellResult cell, IReadOnlyList<string> identities)
    {
        var values = new List<(decimal Value, double Confidence)>();
        if (cell.Value is { } shown && !cell.Unreadable) values.Add((shown, cell.Confidence));
        foreach (var a in cell.Alternatives)
        {
            if (a.Value is { } v && values.All(x => x.Value != v)) values.Add((v, a.Confidence));
        }
        var candidates = values.Take(TableView.CandidateKeys.Length)
            .Select((x, i) => new CandidateView(TableView.CandidateKeys[i].ToString(), x.Value, x.Confidence)).ToList();
        return new CellView(cell.Id, cell.Value, cell.Text, cell.Status, cell.Confidence, cell.Box is not null, cell.Unreadable,
            cell.ConfirmedBy, cell.ConfirmedAt, candidates, identities, cell.Held);
    }
}

public sealed record IdentityView(
    string Name, string Text, bool Holds, decimal? LhsSum, decimal? RhsSum, bool PublishedInconsistent,
    string? KeptAsPrintedBy, DateTimeOffset? KeptAsPrintedAt, bool Unresolved, IReadOnlyList<string> Lhs, IReadOnlyList<string> Rhs)
{
    public static IdentityView From(Identity identity, IdentityResult? outcome, bool unresolved) => new(
        identity.Name, identity.Text, outcome?.Holds ?? false, outcome?.LhsSum, outcome?.RhsSum, outcome?.PublishedInconsistent ?? false,
        outcome?.KeptAsPrintedBy, outcome?.KeptAsPrintedAt, unresolved, identity.Lhs, identity.Rhs);
}
