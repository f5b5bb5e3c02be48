using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Pipeline;

/// <summary>
/// Gives the tables of a picture the section headings printed before it in the document, where none was read above the
/// table in the picture itself. One heading per table when the counts agree (三 headings, then one picture of the three
/// stacked tables); otherwise the nearest heading goes to the first table.
/// </summary>
internal static class HeadingHints
{
    public static IEnumerable<ReadTable> Apply(IReadOnlyList<ReadTable> tables, IReadOnlyList<string> headings)
    {
        for (var i = 0; i < tables.Count; i++)
        {
            var table = tables[i];
            var hint = headings.Count == tables.Count ? headings[i] : i == 0 && headings.Count > 0 ? headings[^1] : null;
            yield return string.IsNullOrWhiteSpace(table.HeadingHint) && hint is not null ? table with { HeadingHint = hint } : table;
        }
    }
}
