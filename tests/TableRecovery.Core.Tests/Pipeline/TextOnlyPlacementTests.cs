using TableRecovery.Core.Layouts;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Pipeline;
using TableRecovery.Core.Results;
using TableRecovery.Core.Tests.Layouts;
using TableRecovery.Core.Tests.Reconciliation;

namespace TableRecovery.Core.Tests.Pipeline;

/// <summary>Where the rows of a table found from its text alone are placed on labels read in part.</summary>
public sealed class TextOnlyPlacementTests
{
    private const string WrappedLabel = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请";

    /// <summary>
    /// A table whose rules were lost has its rows made from the page's lines of text. The first line of a label wrapped
    /// over three lines (bilevel corpus 0011, specks dropped) made a row of blanks that took the label's row, and the
    /// label's numbers went to the next row: every column's sum still held, and five wrong values passed as ok.
    /// </summary>
    [Fact]
    public void A_row_placed_on_part_of_its_label_in_a_table_read_from_its_text_goes_to_review()
    {
        var values = SyntheticTables.Consistent(LayoutCatalog.Default["requests-2021"], new Random(11));
        var table = SyntheticTable.Official("requests-2021", values: values).Label(WrappedLabel, "1.申请人无正当理由逾期不补");

        var fromText = Assemble(table.ToReadTable() with { FromText = true });
        var ruled = Assemble(table.ToReadTable());

        var unreviewed = fromText.Cells.Where(c => c.Id.StartsWith("other.no_correction/", StringComparison.Ordinal) && c.Status != Statuses.NeedsReview).ToList();
        Assert.True(unreviewed.Count == 0, $"placed on part of its label, not for review: {string.Join(", ", unreviewed.Select(c => $"{c.Id} {c.Value} ({c.Status})"))}");
        var others = fromText.Cells.Where(c => c.Id.StartsWith("other.other/", StringComparison.Ordinal)).Select(c => c.Status).Distinct().ToList();
        Assert.True(others is [Statuses.Ok], $"a row read whole: statuses [{string.Join(", ", others)}]");
        var ruledStatuses = ruled.Cells.Where(c => c.Id.StartsWith("other.no_correction/", StringComparison.Ordinal)).Select(c => c.Status).Distinct().ToList();
        Assert.True(ruledStatuses is [Statuses.Ok], $"in a ruled table the same row: statuses [{string.Join(", ", ruledStatuses)}]");
    }

    private static TableResult Assemble(ReadTable read) => new LayoutAssembler().Assemble([read]).Single();
}
