using System.Text;
using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Documents;

/// <summary>
/// Reads a table of a born-digital page from its text layer instead of OCR: the lattice comes from the page's drawn
/// rules (as for any picture), each word of the layer goes to the lattice cell it overlaps most, and the cell's text is
/// certain. The heading is the text layer's line above the table.
/// </summary>
public static class TextLayerTableReader
{
    /// <summary>
    /// True when the text layer holds numbers inside the table: then it, not OCR, is the table's text. A digit in a label
    /// (1.属于国家秘密) is no number: the rest of a requests table printing its zeros blank, cut to the next page, shows
    /// only such digits, and its blank cells are read from the picture, which tells a blank from a number the layer lacks.
    /// </summary>
    public static bool Covers(TextLayer layer, NormalizedImage image, DetectedTable table)
    {
        if (!layer.TrustedForTables)
        {
            return false;
        }
        var bounds = image.Transform.ToSource(table.Lattice.Bounds);
        return layer.WordsIn(bounds).Any(w => w.Text.Any(char.IsAsciiDigit) && TextTableBuilder.LooksNumeric(w.Text.Trim()));
    }

    public static ReadTable Read(NormalizedImage image, DetectedTable table, TextLayer layer, string imageName)
    {
        var lattice = table.Lattice;
        var boxes = lattice.Cells.ToDictionary(c => c, c => image.Transform.ToSource(c.Box));
        var bounds = image.Transform.ToSource(lattice.Bounds);
        var words = new Dictionary<LatticeCell, List<TextWord>>();
        foreach (var word in layer.WordsIn(bounds))
        {
            var best = lattice.Cells.MaxBy(c => word.Overlap(boxes[c]));
            if (best is not null && word.Overlap(boxes[best]) > 0)
            {
                (words.TryGetValue(best, out var list) ? list : words[best] = []).Add(word);
            }
        }
        var texts = words.ToDictionary(w => w.Key, w => Join(w.Value));
        var heading = table.HeadingBand is { } band ? Heading(layer, image.Transform.ToSource(band)) : null;
        return TextTableBuilder.Build(imageName, lattice, texts, c => boxes[c], heading,
            image.Transform.RotationDegrees, Math.Round(image.Transform.SkewDegrees, 2));
    }

    /// <summary>The words in the layer's reading order; a word below the previous one's middle begins a new line.</summary>
    private static string Join(List<TextWord> words) =>
        string.Join('\n', Lines(words).Select(line => string.Concat(line.Select(w => w.Text))));

    private static List<List<TextWord>> Lines(IEnumerable<TextWord> words)
    {
        var lines = new List<List<TextWord>>();
        foreach (var word in words)
        {
            var last = lines.Count > 0 ? lines[^1][^1] : null;
            if (last is null || Math.Abs((word.Y + word.Height / 2) - (last.Y + last.Height / 2)) > Math.Min(word.Height, last.Height) / 2)
            {
                lines.Add([]);
            }
            lines[^1].Add(word);
        }
        return lines;
    }

    /// <summary>The last line of the band above the table that reads as a section heading, else the band's last line.</summary>
    private static string? Heading(TextLayer layer, PixelRect band)
    {
        var lines = Lines(layer.WordsIn(band)).Select(line => string.Concat(line.Select(w => w.Text))).ToList();
        return lines.LastOrDefault(SectionHeadings.IsSectionHeading) ?? lines.LastOrDefault();
    }
}
