using System.IO.Compression;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using TableRecovery.Core.Results;
using A = DocumentFormat.OpenXml.Drawing;
using V = DocumentFormat.OpenXml.Vml;

namespace TableRecovery.Core.Documents.Word;

/// <summary>
/// Reads a .docx in body order: each embedded picture (DrawingML blips and VML image data) with the section headings
/// printed before it, each Word table that holds numbers as an already-read table, and the title lines.
/// </summary>
public sealed class DocxReader(long maxUnpackedBytes)
{
    private const string MainDocumentContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

    public DocumentContent Read(ReadOnlyMemory<byte> bytes)
    {
        CheckPackage(bytes);
        try
        {
            using var stream = new MemoryStream(bytes.ToArray(), writable: false);
            using var document = WordprocessingDocument.Open(stream, false);
            var main = document.MainDocumentPart ?? throw new DocumentReadException(ErrorCodes.CorruptDocument,
                "The .docx has no main document part (word/document.xml).");
            var body = main.Document?.Body ?? throw new DocumentReadException(ErrorCodes.CorruptDocument, "The .docx main document has no body.");
            var walk = new Walk(main);
            walk.Visit(body);
            return new DocumentContent(walk.Parts, ReportTitleParser.Find(walk.Lines), walk.Problems);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException or IOException or InvalidOperationException)
        {
            throw new DocumentReadException(ErrorCodes.CorruptDocument, $"The .docx cannot be read: it is damaged or truncated ({e.Message}).", e);
        }
    }

    /// <summary>
    /// Checks the ZIP before the Open XML SDK sees it: a truncated archive, a ZIP that is no Word document, or one
    /// that unpacks to more than the budget (a ZIP bomb) each get their own clear error.
    /// </summary>
    private void CheckPackage(ReadOnlyMemory<byte> bytes)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(bytes.ToArray(), writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new DocumentReadException(ErrorCodes.CorruptDocument,
                $"The file is a ZIP archive (as a .docx is) but cannot be opened: it is damaged or truncated ({e.Message}).", e);
        }
        using (zip)
        {
            var unpacked = zip.Entries.Sum(e => e.Length);
            if (unpacked > maxUnpackedBytes)
            {
                throw new DocumentReadException(ErrorCodes.DocumentTooLarge,
                    $"The archive unpacks to {unpacked:N0} bytes, over the limit of {maxUnpackedBytes:N0}; it was not read.");
            }
            var types = zip.GetEntry("[Content_Types].xml");
            string manifest;
            try
            {
                using var reader = new StreamReader(types?.Open() ?? Stream.Null);
                manifest = reader.ReadToEnd();
            }
            catch (InvalidDataException e)
            {
                throw new DocumentReadException(ErrorCodes.CorruptDocument, $"The .docx is damaged: {e.Message}", e);
            }
            if (!manifest.Contains(MainDocumentContentType, StringComparison.Ordinal))
            {
                throw new DocumentReadException(ErrorCodes.UnsupportedFormat,
                    "The file is a ZIP archive but not a Word .docx document (it has no Word main document part). Send the report as .docx, PDF or images.");
            }
        }
    }

    /// <summary>One pass over the body in document order.</summary>
    private sealed class Walk(MainDocumentPart main)
    {
        private readonly List<string> _pendingHeadings = [];
        private int _tables;

        public List<DocumentPart> Parts { get; } = [];
        public List<string> Lines { get; } = [];
        public List<PartProblem> Problems { get; } = [];

        public void Visit(OpenXmlElement element)
        {
            foreach (var child in element.ChildElements)
            {
                switch (child)
                {
                    case Paragraph p:
                        VisitParagraph(p);
                        break;
                    case Table t:
                        VisitTable(t);
                        break;
                    case AlternateContentFallback:
                        break; // the same content again, for older readers
                    default:
                        Visit(child);
                        break;
                }
            }
        }

        private void VisitParagraph(Paragraph paragraph)
        {
            var text = WordText.Of(paragraph);
            if (text.Length > 0)
            {
                Lines.Add(text);
                if (SectionHeadings.IsSectionHeading(text))
                {
                    _pendingHeadings.Add(text);
                }
            }
            foreach (var element in paragraph.Descendants())
            {
                if (WordText.IsInside<AlternateContentFallback>(element))
                {
                    continue;
                }
                var id = element switch
                {
                    A.Blip blip => blip.Embed?.Value,
                    V.ImageData data => data.RelationshipId?.Value,
                    _ => null,
                };
                if (id is not null)
                {
                    AddPicture(id);
                }
            }
        }

        private void VisitTable(Table table)
        {
            _tables++;
            var name = $"table-{_tables}";
            var read = WordTableReader.Read(table, name, _pendingHeadings.LastOrDefault());
            if (read is null)
            {
                Visit(table); // a layout or contact table: its paragraphs and pictures count as body
                return;
            }
            Parts.Add(new TablePart(name, read, TakeHeadings()));
        }

        private void AddPicture(string relationshipId)
        {
            OpenXmlPart part;
            try
            {
                part = main.GetPartById(relationshipId);
            }
            catch (ArgumentOutOfRangeException)
            {
                Problems.Add(new PartProblem(ErrorCodes.CorruptDocument, $"A picture refers to a missing part ({relationshipId}); it was skipped."));
                return;
            }
            var name = part.Uri.OriginalString.TrimStart('/');
            using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Parts.Add(new PicturePart(name, copy.ToArray(), TakeHeadings()));
        }

        private List<string> TakeHeadings()
        {
            var headings = _pendingHeadings.ToList();
            _pendingHeadings.Clear();
            return headings;
        }
    }
}
