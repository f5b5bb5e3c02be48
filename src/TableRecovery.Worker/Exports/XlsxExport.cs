using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TableRecovery.Core.Layouts;
using TableRecovery.Core.Results;

namespace TableRecovery.Worker.Exports;

/// <summary>
/// An .xlsx workbook with one sheet per table, laid out like the official table: the section title, the column
/// headers with their merged groups, the row labels with their merged groups, then the numbers. Cells are tinted
/// by status (yellow needs review, blue corrected, green confirmed), so the workbook shows what a person checked.
/// </summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint StyleDefault = 0, StyleTitle = 1, StyleHeader = 2, StyleOk = 3, StyleReview = 4, StyleCorrected = 5, StyleConfirmed = 6;

    public static byte[] Write(IReadOnlyList<ExportedTable> tables, LayoutCatalog catalog)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles();
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            uint sheetId = 1;
            foreach (var table in tables)
            {
                var sheet = new SheetGrid();
                if (catalog.TryGet(table.Table.Layout, out var layout))
                {
                    Lay(sheet, table, layout);
                }
                else
                {
                    LayFlat(sheet, table);
                }
                var part = workbookPart.AddNewPart<WorksheetPart>();
                part.Worksheet = sheet.ToWorksheet();
                sheets.Append(new Sheet
                {
                    Id = workbookPart.GetIdOfPart(part), SheetId = sheetId,
                    Name = UniqueName(names, $"{sheetId} {table.Table.Layout}"),
                });
                sheetId++;
            }
            if (tables.Count == 0)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                var empty = new SheetGrid();
                empty.Set(1, 1, "No tables.", StyleDefault);
                part.Worksheet = empty.ToWorksheet();
                sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = 1, Name = "empty" });
            }
            workbookPart.Workbook.Save();
        }
        return buffer.ToArray();
    }

    private static void Lay(SheetGrid sheet, ExportedTable exported, TableLayout layout)
    {
        var table = exported.Table;
        var cells = table.Cells.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var labelColumns = Math.Max(1, layout.Rows.Max(r => Parts(r.Group, r.Label).Count));
        var headerRows = layout.Blocks.Max(b => b.Columns.Max(c => Parts(c.Group, c.Label).Count));
        var width = labelColumns + layout.Blocks.Max(b => b.Columns.Count);

        sheet.Set(1, 1, layout.Section, StyleTitle);
        sheet.Merge(1, 1, 1, width);
        sheet.Set(2, 1, $"{exported.Source} · {layout.Id} · {table.Status}", StyleDefault);
        sheet.Merge(2, 1, 2, width);
        var row = 3;
        foreach (var block in layout.Blocks)
        {
            // Header: the corner (block label, or the layout's row-header caption) and each column's group path.
            sheet.Set(row, 1, layout.IsBlockTable ? block.Label : layout.HeaderColumnLabel ?? "", StyleHeader);
            sheet.Merge(row, 1, row + headerRows - 1, labelColumns);
            for (var j = 0; j < block.Columns.Count; j++)
            {
                var parts = Parts(block.Columns[j].Group, block.Columns[j].Label);
                for (var level = 0; level < parts.Count; level++)
                {
                    sheet.Set(row + level, labelColumns + 1 + j, parts[level], StyleHeader);
                }
                // The column's own label reaches down to the last header row.
                if (parts.Count < headerRows) sheet.Merge(row + parts.Count - 1, labelColumns + 1 + j, row + headerRows - 1, labelColumns + 1 + j);
            }
            for (var level = 0; level < headerRows - 1; level++)
            {
                MergeRuns(block.Columns.Count, j => GroupAt(block.Columns[j].Group, level), j => Parts(block.Columns[j].Group, block.Columns[j].Label).Count - 1 > level,
                    (from, to) => sheet.Merge(row + level, labelColumns + 1 + from, row + level, labelColumns + 1 + to));
            }
            row += headerRows;

            var first = row;
            foreach (var layoutRow in block.Rows)
            {
                var parts = Parts(layoutRow.Group, layoutRow.Label);
                for (var level = 0; level < parts.Count; level++) sheet.Set(row, 1 + level, parts[level], StyleHeader);
                if (parts.Count < labelColumns) sheet.Merge(row, parts.Count, row, labelColumns);
                for (var j = 0; j < block.Columns.Count; j++)
                {
                    var id = $"{layoutRow.Key}/{block.Columns[j].Key}";
                    var cell = cells.GetValueOrDefault(id);
                    sheet.Set(row, labelColumns + 1 + j, cell?.Value, cell is null ? StyleReview : StyleFor(cell.Status));
                }
                row++;
            }
            for (var level = 0; level < labelColumns - 1; level++)
            {
                MergeRuns(block.Rows.Count, i => GroupAt(block.Rows[i].Group, level), i => Parts(block.Rows[i].Group, block.Rows[i].Label).Count - 1 > level,
                    (from, to) => sheet.Merge(first + from, 1 + level, first + to, 1 + level));
            }
        }
        sheet.Widths = Enumerable.Range(1, width).ToDictionary(c => c, c => c <= labelColumns ? 24.0 : 11.0);
    }

    /// <summary>A table of no known layout: cell ids and values in a list.</summary>
    private static void LayFlat(SheetGrid sheet, ExportedTable exported)
    {
        sheet.Set(1, 1, $"{exported.Source} · {exported.Table.Layout}", StyleTitle);
        var row = 2;
        foreach (var cell in exported.Table.Cells)
        {
            sheet.Set(row, 1, cell.Id, StyleHeader);
            sheet.Set(row, 2, cell.Value, StyleFor(cell.Status));
            row++;
        }
    }

    private static uint StyleFor(string status) => status switch
    {
        Statuses.NeedsReview => StyleReview,
        Statuses.Corrected => StyleCorrected,
        Statuses.Confirmed => StyleConfirmed,
        _ => StyleOk,
    };

    private static List<string> Parts(string? group, string label) =>
        [.. (group ?? "").Split(" / ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), label];

    private static string? GroupAt(string? group, int level)
    {
        var parts = (group ?? "").Split(" / ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // The whole path up to the level, so equal names under different parents do not merge.
        return level < parts.Length ? string.Join(" / ", parts.Take(level + 1)) : null;
    }

    /// <summary>Calls <paramref name="merge"/> for each run of two or more neighbours sharing a group at a level.</summary>
    private static void MergeRuns(int count, Func<int, string?> groupOf, Func<int, bool> hasLevel, Action<int, int> merge)
    {
        var start = 0;
        for (var i = 1; i <= count; i++)
        {
            if (i < count && hasLevel(i) && hasLevel(start) && groupOf(i) == groupOf(start)) continue;
            if (i - 1 > start && hasLevel(start)) merge(start, i - 1);
            start = i;
        }
    }

    private static string UniqueName(HashSet<string> taken, string wanted)
    {
        var clean = new string(wanted.Select(c => "[]:*?/\\".Contains(c) ? '_' : c).ToArray());
        clean = clean.Length > 31 ? clean[..31] : clean;
        var name = clean;
        for (var n = 2; !taken.Add(name); n++) name = $"{clean[..Math.Min(clean.Length, 27)]} ({n})";
        return name;
    }

    private static Stylesheet Styles()
    {
        static Fill Solid(string rgb) => new(new PatternFill(new ForegroundColor { Rgb = rgb }) { PatternType = PatternValues.Solid });
        static Border Thin() => new(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        static CellFormat Format(uint font, uint fill, uint border, bool wrap = false) => new(
            wrap ? new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Center, Horizontal = HorizontalAlignmentValues.Center } : new Alignment())
        { FontId = font, FillId = fill, BorderId = border, ApplyFill = fill > 0, ApplyBorder = border > 0, ApplyFont = font > 0, ApplyAlignment = wrap };
        return new Stylesheet(
            new Fonts(new Font(), new Font(new Bold())),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                Solid("FFFFF2A8"), Solid("FFD6E8FF"), Solid("FFD7F5DD"), Solid("FFF2F2F2")),
            new Borders(new Border(), Thin()),
            new CellFormats(
                Format(0, 0, 0),           // default
                Format(1, 0, 0),           // title
                Format(0, 5, 1, wrap: true), // header and row labels
                Format(0, 0, 1),           // ok
                Format(0, 2, 1),           // needs_review
                Format(0, 3, 1),           // corrected
                Format(0, 4, 1)));         // confirmed
    }

    /// <summary>Cells by row and column (1-based), merged ranges and column widths; written in order as OpenXML needs.</summary>
    private sealed class SheetGrid
    {
        private readonly SortedDictionary<int, SortedDictionary<int, (object? Value, uint Style)>> _rows = [];
        private readonly List<string> _merges = [];

        public Dictionary<int, double> Widths { get; set; } = [];

        public void Set(int row, int column, object? value, uint style)
        {
            if (!_rows.TryGetValue(row, out var cells)) _rows[row] = cells = [];
            cells[column] = (value, style);
        }

        public void Merge(int row1, int column1, int row2, int column2)
        {
            if (row1 == row2 && column1 == column2) return;
            // Every cell of a merged range gets the style, so borders show all around it.
            var style = _rows.GetValueOrDefault(row1)?.GetValueOrDefault(column1).Style ?? StyleDefault;
            for (var r = row1; r <= row2; r++)
            {
                for (var c = column1; c <= column2; c++)
                {
                    if (r != row1 || c != column1) Set(r, c, null, style);
                }
            }
            _merges.Add($"{Reference(row1, column1)}:{Reference(row2, column2)}");
        }

        public Worksheet ToWorksheet()
        {
            var worksheet = new Worksheet();
            if (Widths.Count > 0)
            {
                worksheet.Append(new Columns(Widths.OrderBy(w => w.Key).Select(w =>
                    new Column { Min = (uint)w.Key, Max = (uint)w.Key, Width = w.Value, CustomWidth = true })));
            }
            var data = new SheetData();
            foreach (var (r, cells) in _rows)
            {
                var row = new Row { RowIndex = (uint)r };
                foreach (var (c, (value, style)) in cells)
                {
                    var cell = new Cell { CellReference = Reference(r, c), StyleIndex = style };
                    switch (value)
                    {
                        case decimal number:
                            cell.DataType = CellValues.Number;
                            cell.CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture));
                            break;
                        case string text:
                            cell.DataType = CellValues.InlineString;
                            cell.InlineString = new InlineString(new Text(text));
                            break;
                    }
                    row.Append(cell);
                }
                data.Append(row);
            }
            worksheet.Append(data);
            if (_merges.Count > 0) worksheet.Append(new MergeCells(_merges.Select(m => new MergeCell { Reference = m })));
            return worksheet;
        }

        private static string Reference(int row, int column)
        {
            var letters = "";
            for (var c = column; c > 0; c = (c - 1) / 26) letters = (char)('A' + (c - 1) % 26) + letters;
            return letters + row.ToString(CultureInfo.InvariantCulture);
        }
    }
}
