using TableRecovery.Core.Results;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Documents;

/// <summary>
/// The committed generated reports (tests/fixtures/reports) through the real pipeline: .docx with pictures, with Word
/// tables and with a table cut over two pictures; a scanned and a born-digital PDF; a multi-page TIFF.
/// </summary>
public sealed class ReportRecoveryTests(ReportsFixture reports) : IClassFixture<ReportsFixture>
{
    [Fact]
    public void Every_table_of_every_report_is_identified_and_named_by_the_picture_it_came_from()
    {
        var problems = new List<string>();
        foreach (var (truth, document, _) in reports.Reports)
        {
            var found = document.Tables.Select(t => $"{t.Layout}@{t.Image}").ToList();
            var expected = truth.Tables.Select(t => $"{t.Layout}@{t.Picture}").ToList();
            if (!found.SequenceEqual(expected))
            {
                problems.Add($"{truth.Name}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", found)}]; errors [{string.Join(", ", document.Errors.Select(e => e.Code))}]");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void No_cell_marked_ok_or_corrected_is_wrong_in_any_report()
    {
        var silent = new List<string>();
        foreach (var (truth, document, _) in reports.Reports)
        {
            foreach (var (table, expected) in Matched(truth, document))
            {
                silent.AddRange(table.Cells.Where(c => c.Status is Statuses.Ok or Statuses.Corrected && c.Value != expected.Cells[c.Id].Value)
                    .Select(c => $"{truth.Name} {table.Layout} {c.Id}: {c.Status} {c.Value}, printed {expected.Cells[c.Id].Value}"));
            }
        }
        Assert.True(silent.Count == 0, $"{silent.Count} silent errors:\n{string.Join("\n", silent)}");
    }

    [Theory]
    [InlineData("docx-tables")]
    [InlineData("pdf-digital")]
    public void Tables_present_as_text_are_recovered_exactly_with_certain_confidence(string form)
    {
        var (truth, document) = reports.Form(form);
        foreach (var (table, expected) in Matched(truth, document))
        {
            var wrong = table.Cells.Where(c => c.Value != expected.Cells[c.Id].Value).Select(c => $"{c.Id}: {c.Value} vs {expected.Cells[c.Id].Value}").ToList();
            Assert.True(wrong.Count == 0, $"{truth.Name} {table.Layout}: {wrong.Count}/{table.Cells.Count} wrong: {string.Join("; ", wrong.Take(8))}");
            var uncertain = table.Cells.Where(c => c.Confidence < 0.999).Select(c => $"{c.Id} {c.Confidence}").ToList();
            Assert.True(uncertain.Count == 0, $"{truth.Name} {table.Layout}: read from text yet uncertain: {string.Join("; ", uncertain.Take(8))}");
        }
    }

    [Fact]
    public void A_word_table_that_prints_an_inconsistency_reports_it_as_published_and_keeps_the_printed_values()
    {
        var (truth, document) = reports.Form("docx-tables");
        var (table, expected) = Matched(truth, document).Single(m => m.Truth.PublishedInconsistent.Count > 0);
        var reported = table.Identities.Where(i => i.PublishedInconsistent).Select(i => i.Name).Order(StringComparer.Ordinal).ToList();
        Assert.True(reported.SequenceEqual(expected.PublishedInconsistent.Order(StringComparer.Ordinal)),
            $"published_inconsistent: expected [{string.Join(", ", expected.PublishedInconsistent)}], got [{string.Join(", ", reported)}]");
        Assert.All(table.Identities.Where(i => i.PublishedInconsistent), i => Assert.False(i.Holds, $"{i.Name} holds: {i.LhsSum} = {i.RhsSum}"));
        Assert.Equal(Statuses.NeedsReview, table.Status);
        Assert.All(table.Cells, c => Assert.Null(c.Box));
    }

    [Theory]
    [InlineData("docx-cut")]
    [InlineData("pdf-scanned")]
    [InlineData("pdf-digital")]
    public void A_table_cut_over_two_pictures_is_joined_into_one_table_with_each_cell_from_its_own_picture(string form)
    {
        var (truth, document) = reports.Form(form);
        var expected = truth.Tables.Single(t => t.Pictures.Count > 1);
        var table = Assert.Single(document.Tables, t => t.Layout == expected.Layout);
        Assert.True(table.Parts is not null && table.Parts.SequenceEqual(expected.Pictures),
            $"parts: expected [{string.Join(", ", expected.Pictures)}], got [{string.Join(", ", table.Parts ?? [])}]");
        Assert.True(table.MissingRows is null, $"rows still missing after the join: {string.Join(", ", table.MissingRows ?? [])}");
        var misplaced = table.Cells.Where(c => c.Image != expected.Cells[c.Id].Picture).Select(c => $"{c.Id}: {c.Image} vs {expected.Cells[c.Id].Picture}").ToList();
        Assert.True(misplaced.Count == 0, $"{misplaced.Count} cells name the wrong picture: {string.Join("; ", misplaced.Take(8))}");
        var identities = reports.Form(form).Document.Tables.Single(t => t.Layout == expected.Layout).Identities;
        Assert.Equal(Core.Layouts.LayoutCatalog.Default[expected.Layout].Identities.Count, identities.Count);
    }

    [Theory]
    [InlineData("docx-pictures")]
    [InlineData("docx-tables")]
    [InlineData("docx-cut")]
    [InlineData("pdf-digital")]
    public void The_agency_and_year_are_read_from_the_report_title(string form)
    {
        var (truth, document) = reports.Form(form);
        Assert.True(document.Report is not null, $"{truth.Name}: no report title found");
        Assert.Equal((truth.Agency, truth.Year), (document.Report.Agency, document.Report.Year));
    }

    [Fact]
    public void A_multipage_tiff_gives_each_page_as_a_picture_and_every_report_is_one_document_without_errors()
    {
        var (truth, document) = reports.Form("tiff-pages");
        Assert.Equal(["page-1", "page-2", "page-3"], document.Tables.Select(t => t.Image));
        var failed = reports.Reports.Where(r => r.Document.Errors.Count > 0).Select(r => $"{r.Truth.Name}: {string.Join(", ", r.Document.Errors.Select(e => e.Code))}").ToList();
        Assert.True(failed.Count == 0, string.Join("\n", failed));
        Assert.Equal(truth.Name, document.Source);
    }

    private static IEnumerable<(TableResult Table, ReportTruthTable Truth)> Matched(ReportTruth truth, ResultDocument document) =>
        truth.Tables.Select(t => (document.Tables.FirstOrDefault(r => r.Layout == t.Layout), t))
            .Where(m => m.Item1 is not null).Select(m => (m.Item1!, m.t));
}
