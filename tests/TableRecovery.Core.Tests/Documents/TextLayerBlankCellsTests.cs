using TableRecovery.Core.Results;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Documents;

/// <summary>
/// A born-digital PDF's table read from its text layer, printing zeros blank: `reports --count 24 --seed 2727`, report 0022,
/// its page 4 alone (the appeals table).
/// </summary>
public sealed class TextLayerBlankCellsTests(RecovererFixture pipeline) : IClassFixture<RecovererFixture>
{
    /// <summary>
    /// The table's first ten columns (行政复议 and 未经复议直接起诉) print only blanks: left of every number, they had no
    /// number to be voted number columns by, and a blank of the text layer outside the voted cells carried no reading, so
    /// the layout found no cell there: ten cells without a value, in review.
    /// </summary>
    [Fact]
    public void Blank_columns_left_of_every_number_are_read_as_printed_zeros()
    {
        var truth = ReportTruth.Load(Path.Combine(Fixtures.CasesDirectory, "0022_pdf-digital_2021_seed2727_page4.truth.json"));
        var document = pipeline.Recover(truth.Name, File.ReadAllBytes(truth.Path));
        var expected = truth.Tables.Single(t => t.Layout == "appeals");
        var table = document.Tables.SingleOrDefault(t => t.Layout == "appeals");
        Assert.True(table is not null, $"appeals not identified; found [{string.Join(", ", document.Tables.Select(t => t.Layout))}]");
        var wrong = table.Cells.Where(c => c.Value != expected.Cells[c.Id].Value || c.Status == Statuses.NeedsReview)
            .Select(c => $"{c.Id} {c.Value?.ToString() ?? "none"} ({c.Status}, truth {expected.Cells[c.Id].Value})").ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {table.Cells.Count} cells not settled as printed: {string.Join(", ", wrong)}");
    }
}
