using TableRecovery.Core.Results;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Documents;

/// <summary>
/// Tables cut over two pictures of a report, joined: each cell is judged in the picture it was read in. `reports --count 24
/// --seed 9191`, report 0018: its requests table is cut over two pictures, the second without the header, both with an
/// extra blank column, so neither part has exactly the layout's columns.
/// </summary>
public sealed class CutTablePartsTests(RecovererFixture pipeline) : IClassFixture<RecovererFixture>
{
    /// <summary>
    /// The second part's columns are placed by position, and the joined table judged every cell's column by the matches of
    /// both parts: the first part's cells, whose columns it read by their headers, went to review too (65 of its 77).
    /// </summary>
    [Fact]
    public void Cells_of_the_part_with_the_header_are_not_doubted_for_the_columns_of_the_part_without()
    {
        var (cells, _) = RecoverParts();
        AssertMostSettled(cells, "the part with the header", measured: "9 of 77, each for its own readings or sums");
    }

    /// <summary>
    /// The part without the header has the same lattice columns as the part with it, each edge at the same share of the
    /// table's width: a column it places by position is the column the first part read there by its header. Placed by
    /// position alone, 78 of its 84 cells went to review.
    /// </summary>
    [Fact]
    public void Cells_of_the_part_without_the_header_take_the_columns_the_part_with_it_read_at_the_same_place()
    {
        var (_, cells) = RecoverParts();
        AssertMostSettled(cells, "the part without the header", measured: "17 of 84");
    }

    /// <summary>
    /// `reports --count 24 --seed 2727`, report 0016, a born-digital PDF whose requests table prints its zeros blank and
    /// is cut after two rows: the rest, on the next page, shows no number at all. Its text layer held only the digits of
    /// labels (1.属于国家秘密), which passed for the table's numbers, so its cells were taken as words; and with no column
    /// holding a header or a number, no column counted: the part matched no layout (0.08), and 161 cells had no value.
    /// </summary>
    [Fact]
    public void The_rest_of_a_table_printing_its_zeros_blank_on_the_next_page_is_joined_and_read_as_zeros()
    {
        var truth = ReportTruth.Load(Path.Combine(Fixtures.CasesDirectory, "0016_pdf-digital_2021_seed2727.truth.json"));
        var document = pipeline.Recover(truth.Name, File.ReadAllBytes(truth.Path));
        Assert.True(document.Tables.All(t => t.Layout != "unidentified"),
            $"a part left unidentified: [{string.Join(", ", document.Tables.Select(t => $"{t.Layout} {string.Join('+', t.Parts ?? [])}"))}]");
        var table = document.Tables.Single(t => t.Layout == "requests-2021");
        Assert.True(table.Parts is { Count: 2 }, $"not joined from two parts: [{string.Join(", ", table.Parts ?? [])}]");
        var expected = truth.Tables.Single(t => t.Layout == "requests-2021");
        var wrong = table.Cells.Where(c => c.Value != expected.Cells[c.Id].Value)
            .Select(c => $"{c.Id} {c.Value?.ToString() ?? "none"} ({c.Status}, truth {expected.Cells[c.Id].Value})").ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {table.Cells.Count} cells not read as printed: {string.Join(", ", wrong.Take(8))}");
    }

    private (List<CellResult> Head, List<CellResult> Tail) RecoverParts()
    {
        var truth = ReportTruth.Load(Path.Combine(Fixtures.CasesDirectory, "0018_docx-pictures_2019_seed9191.truth.json"));
        var document = pipeline.Recover(truth.Name, File.ReadAllBytes(truth.Path));
        var table = document.Tables.FirstOrDefault(t => t.Layout == "requests-2019");
        Assert.True(table is not null, $"requests-2019 not identified; found [{string.Join(", ", document.Tables.Select(t => t.Layout))}]");
        Assert.True(table.Parts is { Count: 2 }, $"not joined from two parts: [{string.Join(", ", table.Parts ?? [])}]");
        var expected = truth.Tables.Single(t => t.Layout == "requests-2019");
        var silent = table.Cells.Where(c => c.Status != Statuses.NeedsReview && c.Value != expected.Cells[c.Id].Value)
            .Select(c => $"{c.Id} {c.Value} ({c.Status}, truth {expected.Cells[c.Id].Value})").ToList();
        Assert.True(silent.Count == 0, $"wrong values passed: {string.Join(", ", silent)}");
        var parts = table.Parts!;
        return ([.. table.Cells.Where(c => c.Image == parts[0])], [.. table.Cells.Where(c => c.Image == parts[1])]);
    }

    private static void AssertMostSettled(List<CellResult> cells, string part, string measured)
    {
        var doubted = cells.Count(c => c.Status == Statuses.NeedsReview);
        Assert.True(cells.Count > 0 && doubted * 4 <= cells.Count, $"{doubted} of the {cells.Count} cells of {part} go to review (measured: {measured})");
    }
}
