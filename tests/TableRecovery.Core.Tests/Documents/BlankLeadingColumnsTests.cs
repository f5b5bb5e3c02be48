using TableRecovery.Core.Results;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Documents;

/// <summary>Appeals tables printing the zeros of their first columns blank, left of every number.</summary>
public sealed class BlankLeadingColumnsTests(RecovererFixture pipeline) : IClassFixture<RecovererFixture>
{
    /// <summary>
    /// A born-digital PDF's table read from its text layer: `reports --count 24 --seed 2727`, report 0022, its page 4
    /// alone. The table's first ten columns (行政复议 and 未经复议直接起诉) print only blanks: left of every number, they had no
    /// number to be voted number columns by, and a blank of the text layer outside the voted cells carried no reading, so
    /// the layout found no cell there: ten cells without a value, in review.
    /// </summary>
    [Fact]
    public void Blank_columns_left_of_every_number_are_read_as_printed_zeros_from_a_text_layer() =>
        AssertAppealsReadAsPrinted("0022_pdf-digital_2021_seed2727_page4");

    /// <summary>
    /// A scanned PDF (`reports --count 24 --seed 3333`, report 0021, its page 3 alone): 行政复议's first three columns print
    /// blanks. With no row labels, the data area began at the first number, so those columns were not looked for: three
    /// cells without a value, in review.
    /// </summary>
    [Fact]
    public void Blank_columns_left_of_every_number_are_read_as_printed_zeros_from_a_scan()
    {
        AssertAppealsReadAsPrinted("0021_pdf-scanned_2021_seed3333_page3", except: ["count/litigation_direct.other", "count/litigation_direct.pending"]);
    }

    /// <param name="except">Cells that may go to review for another reason (a rule lost between them: one cell holds both).</param>
    private void AssertAppealsReadAsPrinted(string name, string[]? except = null)
    {
        var truth = ReportTruth.Load(Path.Combine(Fixtures.CasesDirectory, name + ".truth.json"));
        var document = pipeline.Recover(truth.Name, File.ReadAllBytes(truth.Path));
        var expected = truth.Tables.Single(t => t.Layout == "appeals");
        var table = document.Tables.SingleOrDefault(t => t.Layout == "appeals");
        Assert.True(table is not null, $"appeals not identified; found [{string.Join(", ", document.Tables.Select(t => t.Layout))}]");
        bool Excused(string id) => except?.Contains(id) == true;
        // An excused cell may go to review, but not pass wrong.
        var wrong = table.Cells.Where(c => c.Status == Statuses.NeedsReview ? !Excused(c.Id) : c.Value != expected.Cells[c.Id].Value)
            .Select(c => $"{c.Id} {c.Value?.ToString() ?? "none"} ({c.Status}, truth {expected.Cells[c.Id].Value})").ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {table.Cells.Count} cells not settled as printed: {string.Join(", ", wrong)}");
    }
}
