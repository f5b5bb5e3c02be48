using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace TableRecovery.Worker.Exports;

/// <summary>One row per cell: source, table (index in its file), layout, cell id, value, status. UTF-8 with a BOM so spreadsheet programs read the Chinese names.</summary>
public static class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static byte[] Write(IEnumerable<ExportedTable> tables)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n", InjectionOptions = InjectionOptions.Escape }))
        {
            foreach (var header in new[] { "source", "table", "layout", "cell_id", "value", "status" }) csv.WriteField(header);
            csv.NextRecord();
            foreach (var t in tables)
            {
                foreach (var cell in t.Table.Cells)
                {
                    csv.WriteField(t.Source);
                    csv.WriteField(t.TableIndex);
                    csv.WriteField(t.Table.Layout);
                    csv.WriteField(cell.Id);
                    csv.WriteField(cell.Value?.ToString(CultureInfo.InvariantCulture) ?? "");
                    csv.WriteField(cell.Status);
                    csv.NextRecord();
                }
            }
        }
        return buffer.ToArray();
    }
}
