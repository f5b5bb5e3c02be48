using TableRecovery.Core.Results;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Documents;

/// <summary>A generated report (`reports --count 30 --seed 2`, report 0019) whose requests table, a Word table, prints every number blank.</summary>
public sealed class BlankWordTableTests(RecovererFixture pipeline) : IClassFixture<RecovererFixture>
{
    /// <summary>
    /// An agency that received no requests printed its 三 table with every cell blank. Holding no number, the Word table was
    /// taken for a layout or contact table and dropped: the report came out with two tables of three. Its labels are the
    /// layout's own, so it is read; its blanks are printed zeros.
    /// </summary>
    [Fact]
    public void A_word_table_printing_every_number_blank_is_recovered_as_zeros()
    {
        var truth = ReportTruth.Load(Path.Combine(Fixtures.CasesDirectory, "0019_docx-tables_2019_blank.truth.json"));
        var document = pipeline.Recover(truth.Name, File.ReadAllBytes(truth.Path));
        Assert.True(document.Tables.Count == truth.Tables.Count,
            $"{document.Tables.Count} tables of {truth.Tables.Count}: [{string.Join(", ", document.Tables.Select(t => t.Layout))}]");
        var expected = truth.Tables.Single(t => t.Layout == "requests-2019");
        var table = document.Tables.Single(t => t.Layout == expected.Layout);
        Assert.True(expected.Cells.Values.All(c => c.Value == 0), "the fixture's requests table is expected to print every number blank");
        var wrong = table.Cells.Where(c => c.Value != expected.Cells[c.Id].Value || c.Status == Statuses.NeedsReview)
            .Select(c => $"{c.Id} {c.Value?.ToString() ?? "none"} ({c.Status})").ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {table.Cells.Count} cells not a settled 0: {string.Join(", ", wrong.Take(10))}");
    }
}
