using TableRecovery.Core.Layouts;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Pipeline;
using TableRecovery.Core.Results;
using TableRecovery.Core.Tests.Layouts;
using TableRecovery.Core.Tests.Reconciliation;

namespace TableRecovery.Core.Tests.Pipeline;

/// <summary>What a bilevel scan's cut may have taken from a number that can be negative.</summary>
public sealed class BilevelSignTests
{
    /// <summary>
    /// A bilevel scan can cut a thin minus away whole (`generate --count 40 --seed 4903 --bilevel mixed`, 0026: a -15 of
    /// 本年增/减 is 15 in the scan itself), and no identity checks an active table's cells: read 15 surely both ways, it
    /// passed as ok. A positive number where the layout allows a negative one is held for review on such a page.
    /// </summary>
    [Fact]
    public void A_positive_number_that_may_be_negative_is_held_for_review_on_a_bilevel_scan()
    {
        var layout = LayoutCatalog.Default["active-2019"];
        var table = SyntheticTable.Official("active-2019", values: SyntheticTables.Consistent(layout, new Random(1)));
        var signed = layout.Cells.Where(c => c.Kind == CellValueKind.SignedInteger).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

        var read = ReadSurely(table.ToReadTable());
        var bilevel = Assemble(read with { FromBilevelScan = true }).Cells.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var gray = Assemble(read).Cells.ToDictionary(c => c.Id, StringComparer.Ordinal);

        var positive = signed.Where(id => gray[id].Value > 0).ToList();
        var passed = positive.Where(id => bilevel[id] is not { Status: Statuses.NeedsReview, Held: Holds.SignMayBeCut }).ToList();
        var changed = gray.Keys.Where(id => !positive.Contains(id) && bilevel[id].Status != gray[id].Status).ToList();
        Assert.True(positive.Count > 0 && positive.All(id => gray[id].Status == Statuses.Ok) && passed.Count == 0 && changed.Count == 0,
            $"{positive.Count} positive signed cells, gray statuses {string.Join(" ", positive.Select(id => gray[id].Status + ":" + gray[id].Held))}; not held on a bilevel one: "
            + $"[{string.Join(", ", passed.Select(id => $"{id} {bilevel[id].Value} ({bilevel[id].Status})"))}]; other cells changed: [{string.Join(", ", changed)}]");
    }

    /// <summary>Every number read alike by the cell and the strip, as 15 was (0.97 and 0.96): what an active table's cell needs to pass.</summary>
    private static ReadTable ReadSurely(ReadTable read) => read with
    {
        Cells = [.. read.Cells.Select(c => c.IsNumeric && c.Readings is [{ Text.Length: > 0 } only]
            ? c with { Readings = [new Reading(only.Text, 0.97, ReadingMethod.Cell), new Reading(only.Text, 0.96, ReadingMethod.Strip)] }
            : c)],
    };

    private static TableResult Assemble(ReadTable read) => new LayoutAssembler().Assemble([read]).Single();
}
