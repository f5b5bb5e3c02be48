using TableRecovery.Core.Results;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Documents;

/// <summary>Tables cut over two pictures of a report, joined: each cell is judged in the picture it was read in.</summary>
public sealed class CutTablePartsTests(RecovererFixture pipeline) : IClassFixture<RecovererFixture>
{
    /// <summary>
    /// `reports --count 24 --seed 9191`, report 0018: its requests table is cut over two pictures, the second without the
    /// header (and both with an extra blank column). The second part's columns are placed by position, and the joined
    /// table judged every cell's column by the matches of both parts: the first part's cells, whose columns it read by
    /// their headers, went to review too (65 of its 77). The first part's cells stand on their own columns now.
    /// </summary>
    [Fact]
    public void Cells_of_the_part_with_the_header_are_not_doubted_for_the_columns_of_the_part_without()
    {
        var truth = ReportTruth.Load(Path.Combine(Fixtures.CasesDirectory, "0018_docx-pictures_2019_seed9191.truth.json"));
        var document = pipeline.Recover(truth.Name, File.ReadAllBytes(truth.Path));
        var table = document.Tables.FirstOrDefault(t => t.Layout == "requests-2019");
        Assert.True(table is not null, $"requests-2019 not identified; found [{string.Join(", ", document.Tables.Select(t => t.Layout))}]");
        Assert.True(table.Parts is { Count: 2 }, $"not joined from two parts: [{string.Join(", ", table.Parts ?? [])}]");
        var first = table.Parts![0];
        var expected = truth.Tables.Single(t => t.Layout == "requests-2019");
        var silent = table.Cells.Where(c => c.Status != Statuses.NeedsReview && c.Value != expected.Cells[c.Id].Value)
            .Select(c => $"{c.Id} {c.Value} ({c.Status}, truth {expected.Cells[c.Id].Value})").ToList();
        Assert.True(silent.Count == 0, $"wrong values passed: {string.Join(", ", silent)}");
        var head = table.Cells.Where(c => c.Image == first).ToList();
        var doubted = head.Count(c => c.Status == Statuses.NeedsReview);
        // Measured: 9 of 77, each for its own readings or sums.
        Assert.True(head.Count > 0 && doubted * 4 <= head.Count, $"{doubted} of the {head.Count} cells of the part with the header go to review");
    }
}
