using System.Globalization;
using System.Xml;

namespace TableRecovery.Core.Documents.Pdf;

/// <summary>A word of a PDF page's text layer, in points from the page's top-left corner.</summary>
public sealed record PdfWord(string Text, double XMin, double YMin, double XMax, double YMax);

/// <summary>One page of <c>pdftotext -bbox-layout</c>: its size in points, its words and its lines, in reading order.</summary>
public sealed record PdfTextPage(double Width, double Height, IReadOnlyList<PdfWord> Words, IReadOnlyList<string> Lines);

/// <summary>Parses the XHTML that <c>pdftotext -bbox-layout</c> writes.</summary>
public static class BboxLayout
{
    public static IReadOnlyList<PdfTextPage> Parse(string xhtml)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreWhitespace = true };
        using var reader = XmlReader.Create(new StringReader(xhtml), settings);
        var pages = new List<PdfTextPage>();
        double width = 0, height = 0;
        List<PdfWord>? words = null;
        List<string>? lines = null;
        List<string>? line = null;
        var advanced = false;
        while (advanced || reader.Read())
        {
            advanced = false;
            if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "page":
                        width = Number(reader, "width");
                        height = Number(reader, "height");
                        words = [];
                        lines = [];
                        if (reader.IsEmptyElement)
                        {
                            pages.Add(new PdfTextPage(width, height, words, lines));
                        }
                        break;
                    case "line":
                        line = [];
                        break;
                    case "word":
                        var box = (Number(reader, "xMin"), Number(reader, "yMin"), Number(reader, "xMax"), Number(reader, "yMax"));
                        var text = reader.ReadElementContentAsString().Trim();
                        advanced = true; // the reader already stands on the next node
                        if (text.Length > 0 && words is not null)
                        {
                            words.Add(new PdfWord(text, box.Item1, box.Item2, box.Item3, box.Item4));
                            line?.Add(text);
                        }
                        break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement)
            {
                switch (reader.LocalName)
                {
                    case "line" when line is not null && lines is not null:
                        lines.Add(string.Join(' ', line));
                        line = null;
                        break;
                    case "page" when words is not null && lines is not null:
                        pages.Add(new PdfTextPage(width, height, words, lines));
                        words = null;
                        lines = null;
                        break;
                }
            }
        }
        return pages;
    }

    private static double Number(XmlReader reader, string attribute) =>
        double.TryParse(reader.GetAttribute(attribute), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0;
}
