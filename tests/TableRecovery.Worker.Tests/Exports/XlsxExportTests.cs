using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TableRecovery.Core.Layouts;
using TableRecovery.Core.Results;
using TableRecovery.Worker.Exports;

namespace TableRecovery.Worker.Tests.Exports;

public sealed class XlsxExportTests
{
    private static (Worksheet Sheet, Dictionary<string, string> Texts, List<string> Merges) Export(string layoutId)
    {
        var layout = LayoutCatalog.Default[layoutId];
        var table = new TableResult
        {
            Layout = layoutId, Image = "x.png", Status = Statuses.NeedsReview, Identities = [],
            Cells = layout.Cells.Select((c, i) => new CellResult { Id = c.Id, Value = i, Status = i == 0 ? Statuses.NeedsReview : Statuses.Ok }).ToList(),
        };
        var bytes = XlsxExport.Write([new ExportedTable("x.png", 0, table)], LayoutCatalog.Default);
        var workbook = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var texts = sheet.Descendants<Cell>().Where(c => c.InlineString is not null)
            .ToDictionary(c => c.CellReference!.Value!, c => c.InlineString!.InnerText);
        return (sheet, texts, sheet.Descendants<MergeCell>().Select(m => m.Reference!.Value!).ToList());
    }

    [Fact]
    public void A_requests_table_has_its_column_group_merged_over_its_five_columns_and_its_row_groups_merged_down()
    {
        var (sheet, texts, merges) = Export("requests-2021");

        // Three label columns (group, sub-group, row label), then 自然人, the five 法人或其他组织 columns and 总计.
        var group = texts.Single(t => t.Value == "法人或其他组织").Key;
        Assert.Contains(merges, m => m.StartsWith(group + ":", StringComparison.Ordinal) && m.EndsWith(RowOf(group), StringComparison.Ordinal));
        var merged = merges.Single(m => m.StartsWith(group + ":", StringComparison.Ordinal));
        Assert.True(ColumnSpan(merged) == 5, $"法人或其他组织 should span its 5 columns, spans {merged}");

        var outcome = texts.First(t => t.Value == "三、本年度办理结果").Key;
        var down = merges.Single(m => m.StartsWith(outcome + ":", StringComparison.Ordinal));
        Assert.True(RowSpan(down) >= 10, $"三、本年度办理结果 should be merged down over its outcome rows, is {down}");

        var numbers = sheet.Descendants<Cell>().Count(c => c.DataType?.Value == CellValues.Number);
        Assert.Equal(LayoutCatalog.Default["requests-2021"].Cells.Count, numbers);
    }

    [Fact]
    public void An_active_table_gets_a_header_row_per_block()
    {
        var (_, texts, _) = Export("active-2021");
        foreach (var block in LayoutCatalog.Default["active-2021"].Blocks)
        {
            Assert.Contains(block.Label, texts.Values);
        }
    }

    private static string RowOf(string reference) => new(reference.SkipWhile(char.IsLetter).ToArray());

    private static int Column(string reference) => reference.TakeWhile(char.IsLetter).Aggregate(0, (n, c) => n * 26 + (c - 'A' + 1));

    private static int ColumnSpan(string range) => Column(range.Split(':')[1]) - Column(range.Split(':')[0]) + 1;

    private static int RowSpan(string range) => int.Parse(RowOf(range.Split(':')[1])) - int.Parse(RowOf(range.Split(':')[0])) + 1;
}
