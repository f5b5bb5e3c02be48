using TableRecovery.Core.Grid;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Layouts;

/// <summary>
/// Splits a read cell that holds the numbers of several layout cells (the grid detector missed a rule between
/// them) into one read cell per part: its text and every reading that splits into the same number of tokens,
/// and its box cut in equal parts. Vertical splits prefer line breaks; otherwise any whitespace separates. Side by
/// side, the parts the reader read column by column (<see cref="ReadCell.ColumnParts"/>) come first.
/// </summary>
internal static class CellSplitter
{
    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r', '\u3000'];

    public static IReadOnlyList<ReadCell>? Split(ReadCell cell, int parts, bool stacked)
    {
        if (parts <= 1)
        {
            return [cell];
        }
        // Each column's part read on its own keeps a part printed blank or as a dash in its place.
        var columns = !stacked && cell.ColumnParts is { } read && read.Count == parts ? read : null;
        var texts = Tokens(cell.Text, parts, stacked);
        if (texts is null && columns is null)
        {
            return null;
        }
        // The whole cell's readings add to the parts only where their tokens are the parts: as many, and none blank.
        var readings = columns is null || columns.All(c => c.Text.Length > 0)
            ? cell.Readings
                .Select(r => (Reading: r, Parts: Tokens(r.Text, parts, stacked)))
                .Where(x => x.Parts is not null && (columns is null || x.Parts.All(p => p.Length > 0)))
                .ToList()
            : [];
        var result = new List<ReadCell>(parts);
        for (var p = 0; p < parts; p++)
        {
            var part = p;
            var partReadings = readings.Select(x => x.Reading with { Text = x.Parts![part] }).ToList();
            if (columns is not null)
            {
                result.Add(columns[p] with { Readings = TableReader.Distinct(columns[p].Readings.Concat(partReadings)) });
                continue;
            }
            result.Add(cell with
            {
                Text = texts![p],
                Readings = partReadings,
                Cell = cell.Cell with { Box = Cut(cell.Cell.Box, p, parts, stacked) },
                SourceBox = Cut(cell.SourceBox, p, parts, stacked),
            });
        }
        return result;
    }

    /// <summary>The text's parts, as many as asked (a blank text is that many blanks); null when it does not split so.</summary>
    public static string[]? Tokens(string text, int parts, bool stacked)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Enumerable.Repeat(string.Empty, parts).ToArray();
        }
        if (stacked)
        {
            // An empty line is a number printed blank, when the lines are as many as the parts.
            var lines = text.Split('\n', StringSplitOptions.TrimEntries);
            if (lines.Length == parts)
            {
                return lines;
            }
            lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (lines.Length == parts)
            {
                return lines;
            }
        }
        var tokens = text.Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);
        return tokens.Length == parts ? tokens : null;
    }

    private static PixelRect Cut(PixelRect box, int part, int parts, bool stacked)
    {
        if (stacked)
        {
            int top = box.Y + box.Height * part / parts, bottom = box.Y + box.Height * (part + 1) / parts;
            return new PixelRect(box.X, top, box.Width, bottom - top);
        }
        int left = box.X + box.Width * part / parts, right = box.X + box.Width * (part + 1) / parts;
        return new PixelRect(left, box.Y, right - left, box.Height);
    }
}
