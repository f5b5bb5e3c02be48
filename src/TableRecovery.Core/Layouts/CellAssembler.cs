using TableRecovery.Core.Grid;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Layouts;

/// <summary>A layout cell's place on the lattice: its row and the lattice columns under its column header.</summary>
/// <param name="RowOrder">The layout row's index, to tell stacked claims on one read cell apart.</param>
/// <param name="ColumnOrder">The layout column's index, to tell side-by-side claims apart.</param>
/// <param name="LayoutColumn">The layout column, named uniquely in the layout (a block's columns with their block's key).</param>
internal readonly record struct CellTarget(string CellId, int Row, int FirstColumn, int LastColumn, int RowOrder, int ColumnOrder, string LayoutColumn);

/// <summary>
/// Turns cell targets into read cells: the numeric cell at each place; where several layout cells land on one
/// read cell (a missed rule), that cell is split between them, or they are all left unresolved.
/// </summary>
internal static class CellAssembler
{
    /// <returns>
    /// The read cell of each layout cell, the layout cells left without one, and the lattice cells read as words where the
    /// layout puts a number (see <see cref="SnappedTable.WordsWhereNumbersGo"/>).
    /// </returns>
    public static (Dictionary<string, ReadCell?> Cells, List<string> Unresolved, List<LatticeCell> WordsWhereNumbersGo) Assemble(
        ReadGrid grid, TableLayout layout, IReadOnlyList<CellTarget> targets, List<string> notes)
    {
        var cells = layout.Cells.ToDictionary(c => c.Id, _ => (ReadCell?)null, StringComparer.Ordinal);
        var unresolved = new List<string>();
        var claims = new Dictionary<ReadCell, List<CellTarget>>(ReferenceEqualityComparer.Instance);
        var noNumber = new List<string>();
        var blanks = new Dictionary<ReadCell, ReadCell>(ReferenceEqualityComparer.Instance);
        var words = new List<LatticeCell>();
        var twoNumbers = new List<string>();
        // Two columns under one: in its other rows too, the one number there may be the neighbour's.
        var twoColumnsUnderOne = targets.Where(t => NumbersApartUnder(grid, t) > 1).Select(t => (t.LayoutColumn, t.FirstColumn, t.LastColumn)).ToHashSet();
        foreach (var target in targets)
        {
            if (twoColumnsUnderOne.Contains((target.LayoutColumn, target.FirstColumn, target.LastColumn)))
            {
                twoNumbers.Add(target.CellId);
                continue;
            }
            var cell = NumericCellAt(grid, target) ?? BlankCellAt(grid, target, blanks);
            if (cell is null)
            {
                noNumber.Add(target.CellId);
                for (var c = target.FirstColumn; c <= target.LastColumn; c++)
                {
                    if (grid.At(target.Row, c) is { IsNumeric: false, Cell.RowSpan: 1 } read && !words.Contains(read.Cell))
                    {
                        words.Add(read.Cell);
                    }
                }
                continue;
            }
            if (!claims.TryGetValue(cell, out var list))
            {
                claims[cell] = list = [];
            }
            list.Add(target);
        }
        if (twoNumbers.Count > 0)
        {
            unresolved.AddRange(twoNumbers);
            notes.Add($"lattice columns under one layout column hold numbers apart: none taken for its {twoNumbers.Count} cell(s): {Abbreviate(twoNumbers)}");
        }
        if (noNumber.Count > 0)
        {
            unresolved.AddRange(noNumber);
            notes.Add($"no numeric cell where {noNumber.Count} cell(s) should be: {Abbreviate(noNumber)}");
        }
        foreach (var (cell, list) in claims)
        {
            if (list.Count == 1)
            {
                cells[list[0].CellId] = cell;
                continue;
            }
            var stacked = list.Select(t => t.RowOrder).Distinct().Count() == list.Count && list.Select(t => t.ColumnOrder).Distinct().Count() == 1;
            var sideBySide = list.Select(t => t.ColumnOrder).Distinct().Count() == list.Count && list.Select(t => t.RowOrder).Distinct().Count() == 1;
            var ordered = stacked ? list.OrderBy(t => t.RowOrder).ToList() : list.OrderBy(t => t.ColumnOrder).ToList();
            var parts = stacked || sideBySide ? CellSplitter.Split(cell, list.Count, stacked) : null;
            var ids = string.Join(", ", ordered.Select(t => t.CellId));
            if (parts is null)
            {
                unresolved.AddRange(ordered.Select(t => t.CellId));
                notes.Add($"lattice cell {Position(cell)} text '{Flat(cell.Text)}' holds {list.Count} layout cells ({ids}) and does not split into {list.Count} numbers");
                continue;
            }
            for (var k = 0; k < ordered.Count; k++)
            {
                cells[ordered[k].CellId] = parts[k];
            }
            notes.Add($"lattice cell {Position(cell)} text '{Flat(cell.Text)}' split {(stacked ? "top to bottom" : "left to right")} over {ids} (a rule is missing)");
        }
        return (cells, unresolved, words);
    }

    /// <summary>
    /// How many number cells, each printed with something, lie wholly under the target's columns in its row: two are two
    /// lattice columns under one layout column with a number each. That is no spurious rule through one column's numbers
    /// (a number lies on one side of it, a blank on the other, or across it in one cell) but two columns whose header rule
    /// was lost (法律服务机构 joined to 其他 in one header, read 一其他): whichever number were taken, it could be the
    /// neighbour's, and the identities cannot tell when the neighbour is left free.
    /// </summary>
    private static int NumbersApartUnder(ReadGrid grid, CellTarget target)
    {
        if (target.FirstColumn == target.LastColumn) return 0;
        var seen = new HashSet<ReadCell>(ReferenceEqualityComparer.Instance);
        for (var c = target.FirstColumn; c <= target.LastColumn; c++)
        {
            if (grid.At(target.Row, c) is { IsNumeric: true } cell && cell.Cell.Column >= target.FirstColumn && cell.Cell.LastColumn <= target.LastColumn
                && cell.Cell.RowSpan == 1 && !string.IsNullOrWhiteSpace(cell.Text))
            {
                seen.Add(cell);
            }
        }
        return seen.Count;
    }

    private static ReadCell? NumericCellAt(ReadGrid grid, CellTarget target)
    {
        ReadCell? best = null;
        var bestOverlap = 0;
        for (var c = target.FirstColumn; c <= target.LastColumn; c++)
        {
            var cell = grid.At(target.Row, c);
            if (cell is null || !cell.IsNumeric || ReferenceEquals(cell, best))
            {
                continue;
            }
            var overlap = Math.Min(cell.Cell.LastColumn, target.LastColumn) - Math.Max(cell.Cell.Column, target.FirstColumn) + 1;
            var better = best is null || overlap > bestOverlap
                || (overlap == bestOverlap && string.IsNullOrWhiteSpace(best.Text) && !string.IsNullOrWhiteSpace(cell.Text));
            if (better)
            {
                best = cell;
                bestOverlap = overlap;
            }
        }
        return best;
    }

    /// <summary>
    /// A blank cell inside the target that the reader did not take for a number (a row of zeros all printed
    /// blank gives the number vote nothing to count): as a number cell it holds the printed blank. One spanning
    /// the next column or row too (the rule between two blanks lost) is claimed by both, and splits into two blanks.
    /// </summary>
    private static ReadCell? BlankCellAt(ReadGrid grid, CellTarget target, Dictionary<ReadCell, ReadCell> blanks)
    {
        for (var c = target.FirstColumn; c <= target.LastColumn; c++)
        {
            if (grid.At(target.Row, c) is { ShowsNothing: true } cell)
            {
                // One number cell per blank cell, so that two targets on it are seen to share it.
                return blanks.TryGetValue(cell, out var number) ? number : blanks[cell] = cell with { IsNumeric = true };
            }
        }
        return null;
    }

    internal static string Position(ReadCell cell) => $"r{cell.Cell.Row}c{cell.Cell.Column}";

    internal static string Flat(string? text) => (text ?? string.Empty).Replace("\n", "⏎", StringComparison.Ordinal);

    internal static string Abbreviate(IReadOnlyList<string> items, int max = 8) =>
        items.Count <= max ? string.Join(", ", items) : string.Join(", ", items.Take(max)) + $", … ({items.Count - max} more)";
}
