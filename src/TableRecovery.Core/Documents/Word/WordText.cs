using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace TableRecovery.Core.Documents.Word;

/// <summary>The visible text of a paragraph: runs' text, tabs and breaks as spaces; deleted revisions left out.</summary>
internal static class WordText
{
    public static string Of(Paragraph paragraph)
    {
        var sb = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t when !t.Ancestors<DeletedRun>().Any():
                    sb.Append(t.Text);
                    break;
                case TabChar or Break or CarriageReturn:
                    sb.Append(' ');
                    break;
            }
        }
        return sb.ToString().Trim();
    }

    public static bool IsInside<T>(OpenXmlElement element) where T : OpenXmlElement => element.Ancestors<T>().Any();
}
