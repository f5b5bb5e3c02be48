namespace TableRecovery.Core.Layouts;

/// <summary>
/// One table of the output: a single snapped part, or the parts of a table cut over several pictures or pages, joined.
/// <see cref="Table"/> is null when the (single) part matches no layout.
/// </summary>
public sealed record JoinedTable(IReadOnlyList<SnapResult> Parts, SnappedTable? Table)
{
    public bool IsJoined => Parts.Count > 1;
}

/// <summary>
/// Puts tables cut over pages or pictures back together: when a part ends before its layout's last row and the next part
/// of the document continues it — the same layout, rows after the ones already seen — the two become one table, each cell
/// read where it was printed. The next part has no header (it was on the previous page), so its rows alone may fit a
/// sibling layout nearly as well (requests-2021 and -2019 share most rows): it is then snapped as the open table's layout,
/// if that fits it almost as well. Pure: snapped values in, joined values out.
/// </summary>
public sealed class CutTableJoiner(LayoutSnapper snapper)
{
    /// <summary>How much worse the open table's layout may fit a continuation than the layout it was identified as.</summary>
    public const double ContinuationMargin = 0.1;

    public IReadOnlyList<JoinedTable> Join(IReadOnlyList<SnapResult> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var joined = new List<JoinedTable>();
        // The table a part may continue: the last one a layout fits, with nothing after it but scraps.
        var open = -1;
        foreach (var part in parts)
        {
            if (open >= 0 && joined[open] is { Parts: [var single], Table: not null } && BestPair(single, part) is var (head, tail))
            {
                joined[open] = new JoinedTable([head, tail], Merge(head.Table!, tail.Table!, 1));
                continue;
            }
            if (open >= 0 && joined[open] is { Parts.Count: > 1, Table: { } table } && EndsEarly(table)
                && Continuation(table, joined[open].Parts[^1], part) is { } next)
            {
                joined[open] = new JoinedTable([.. joined[open].Parts, next], Merge(table, next.Table!, joined[open].Parts.Count));
                continue;
            }
            joined.Add(new JoinedTable([part], part.Table));
            if (part.Table is not null) open = joined.Count - 1;
            else if (!IsScrap(part)) open = -1;
        }
        return joined;
    }

    /// <summary>
    /// A part no layout fits, of a row or two: a scrap of rules a scan broke off a table (a light table on a grainy page
    /// came out as its head, three scraps of one or two cells from the rows where its rules were lost, and its tail, f50a
    /// 0020). It stays in the output as found, and the table before it may still be continued past it.
    /// </summary>
    private static bool IsScrap(SnapResult part) => part.Table is null && part.Source.Lattice.RowCount <= ScrapRows;

    private const int ScrapRows = 2;

    /// <summary>
    /// The first two parts of a cut table, snapped as the layout that fits both best. The head alone may not tell sibling
    /// layouts apart (the rows where requests-2021 and -2019 differ are often on the next page), so every layout that fits
    /// the head nearly as well as its own is tried for the pair; the head's own layout wins ties.
    /// </summary>
    private (SnapResult Head, SnapResult Tail)? BestPair(SnapResult head, SnapResult part)
    {
        var own = head.Table!;
        var tried = head.Candidates.Where(c => c.LayoutId != own.Layout.Id && c.Score >= own.Score - ContinuationMargin)
            .Select(c => c.LayoutId).Prepend(own.Layout.Id);
        (SnapResult Head, SnapResult Tail, double Score)? best = null;
        foreach (var id in tried)
        {
            if (!snapper.Catalog.TryGet(id, out var layout))
            {
                continue;
            }
            var h = id == own.Layout.Id ? head : snapper.SnapAs(head.Source, layout);
            if (h.Table is not { } table || !EndsEarly(table) || Continuation(table, h, part) is not { } tail)
            {
                continue;
            }
            var score = table.Score + tail.Table!.Score;
            if (best is null || score > best.Value.Score + 1e-9)
            {
                best = (h, tail, score);
            }
        }
        return best is { } b ? (b.Head, b.Tail) : null;
    }

    /// <summary>The part snapped as the open table's layout, when it continues it; otherwise null.</summary>
    /// <param name="before">The open table's last part: a part on as many lattice columns has its columns where it does.</param>
    private SnapResult? Continuation(SnappedTable open, SnapResult before, SnapResult part)
    {
        var candidate = part;
        if (part.Table?.Layout.Id != open.Layout.Id)
        {
            var bestScore = part.Table?.Score ?? 0;
            var columnsBefore = before.Table is { } previous && before.Source.Lattice.ColumnCount == part.Source.Lattice.ColumnCount ? previous.Columns : null;
            candidate = snapper.SnapAs(part.Source, open.Layout, columnsBefore);
            if (candidate.Table is null || candidate.Table.Score < bestScore - ContinuationMargin)
            {
                return null;
            }
        }
        var table = candidate.Table!;
        if (table.Rows.Count == 0)
        {
            return null;
        }
        var first = table.Rows.Min(r => RowIndex(table.Layout, r.RowKey));
        return first > 0 && first > LastRow(open) ? candidate : null;
    }

    private static bool EndsEarly(SnappedTable table) => table.Rows.Count > 0 && LastRow(table) < table.Layout.Rows.Count - 1;

    private static int LastRow(SnappedTable table) => table.Rows.Max(r => RowIndex(table.Layout, r.RowKey));

    private static int RowIndex(TableLayout layout, string rowKey)
    {
        for (var i = 0; i < layout.Rows.Count; i++)
        {
            if (layout.Rows[i].Key == rowKey)
            {
                return i;
            }
        }
        return -1;
    }

    private static SnappedTable Merge(SnappedTable head, SnappedTable tail, int headParts)
    {
        var cells = head.CellsById.ToDictionary(c => c.Key, c => c.Value ?? tail.CellsById.GetValueOrDefault(c.Key), StringComparer.Ordinal);
        var rows = head.Rows.Concat(tail.Rows).ToList();
        var found = rows.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
        var missingRows = head.Layout.Rows.Where(r => !found.Contains(r.Key)).Select(r => r.Key).ToList();
        var missingColumns = head.MissingColumnKeys.Intersect(tail.MissingColumnKeys, StringComparer.Ordinal).ToList();
        var unresolved = head.UnresolvedCellIds.Concat(tail.UnresolvedCellIds).Where(id => cells.GetValueOrDefault(id) is null)
            .Distinct(StringComparer.Ordinal).ToList();
        var notes = head.Notes.Append($"joined with part #{headParts + 1}, which continues it from row {tail.Rows[0].RowKey}")
            .Concat(tail.Notes.Select(n => $"part #{headParts + 1}: {n}")).ToList();
        // A part told by its shape alone vouches for none of its cells, joined or not.
        return new SnappedTable(head.Layout, Math.Min(head.Score, tail.Score), cells, missingRows, missingColumns, unresolved,
            rows, head.Columns.Concat(tail.Columns).ToList(), notes)
        {
            IdentifiedByShape = head.IdentifiedByShape || tail.IdentifiedByShape,
            // The part without a header shares the columns of the part with one: placed by count, as firmly.
            ColumnsAtTheirPlace = head.ColumnsAtTheirPlace && (tail.ColumnsAtTheirPlace || tail.HeaderlessWithTheLayoutsColumns),
        };
    }
}
