using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using TableRecovery.Corpus.Grids;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;
using V = DocumentFormat.OpenXml.Vml;

namespace TableRecovery.Corpus.Reports;

/// <summary>
/// Writes a report as .docx the way the real ones are made: title, body paragraphs, section headings, and each table as an
/// embedded picture (DrawingML, or legacy VML) or as a Word table with merged cells. Returns the picture part names, so
/// the truth can say where each table is. The ZIP is rewritten with fixed timestamps, so a seed gives the same bytes.
/// </summary>
public sealed partial class DocxWriter
{
    private const long EmuPerPixel = 9525;
    private const long MaxWidthEmu = 6 * 914400L;

    private readonly MemoryStream _stream = new();
    private readonly WordprocessingDocument _document;
    private readonly Body _body;
    private uint _pictures;

    public DocxWriter()
    {
        _document = WordprocessingDocument.Create(_stream, WordprocessingDocumentType.Document);
        var main = _document.AddMainDocumentPart();
        main.Document = new Document(_body = new Body());
    }

    public void Title(string text) => _body.Append(Para(text, bold: true, center: true, halfPoints: 36));

    public void Heading(string text) => _body.Append(Para(text, bold: true, center: false, halfPoints: 28));

    public void Text(string text) => _body.Append(Para(text, bold: false, center: false, halfPoints: 24));

    /// <summary>Adds a picture in its own paragraph; returns its part name (word/media/…).</summary>
    public string Picture(byte[] bytes, bool jpeg, int widthPx, int heightPx, bool vml)
    {
        var main = _document.MainDocumentPart!;
        var part = main.AddImagePart(jpeg ? ImagePartType.Jpeg : ImagePartType.Png);
        using (var data = new MemoryStream(bytes))
        {
            part.FeedData(data);
        }
        var id = main.GetIdOfPart(part);
        _pictures++;
        var cx = Math.Min(MaxWidthEmu, widthPx * EmuPerPixel);
        var cy = (long)(heightPx * EmuPerPixel * ((double)cx / (widthPx * EmuPerPixel)));
        OpenXmlElement picture = vml ? Vml(id, cx, cy) : Inline(id, cx, cy, _pictures);
        _body.Append(new Paragraph(new Run(picture)));
        return part.Uri.OriginalString.TrimStart('/');
    }

    /// <summary>Adds a drawn table as a Word table: one w:gridCol per lattice column, gridSpan across, vMerge down.</summary>
    public void Table(GridTable grid)
    {
        var border = () => new BorderType[]
        {
            new TopBorder(), new BottomBorder(), new LeftBorder(), new RightBorder(), new InsideHorizontalBorder(), new InsideVerticalBorder(),
        };
        var borders = new TableBorders();
        foreach (var b in border())
        {
            b.Val = BorderValues.Single;
            b.Size = 4;
            borders.Append(b);
        }
        var table = new Table(new TableProperties(borders, new TableWidth { Type = TableWidthUnitValues.Auto }),
            new TableGrid(Enumerable.Range(0, grid.Columns).Select(_ => new GridColumn { Width = "900" })));
        for (var r = 0; r < grid.Rows; r++)
        {
            var row = new TableRow();
            for (var c = 0; c < grid.Columns; c++)
            {
                var cell = grid.Cells.FirstOrDefault(x => r >= x.Row && r < x.Row + x.RowSpan && c >= x.Column && c < x.Column + x.ColumnSpan);
                if (cell is null || cell.Column != c)
                {
                    continue; // inside a gridSpan, or a hole
                }
                var properties = new TableCellProperties();
                if (cell.ColumnSpan > 1)
                {
                    properties.Append(new GridSpan { Val = cell.ColumnSpan });
                }
                if (cell.RowSpan > 1)
                {
                    properties.Append(cell.Row == r ? new VerticalMerge { Val = MergedCellValues.Restart } : new VerticalMerge());
                }
                var texts = cell.Row == r ? cell.Text.Split('\n') : [""];
                var tc = new TableCell(properties);
                foreach (var t in texts)
                {
                    tc.Append(Para(t, bold: cell.Role is CellRole.Title or CellRole.BlockHeader, center: cell.Role != CellRole.Label, halfPoints: 21));
                }
                row.Append(tc);
            }
            table.Append(row);
        }
        _body.Append(table);
        _body.Append(new Paragraph());
    }

    /// <summary>
    /// Closes the package and returns its bytes, reproducibly: every ZIP entry dated 2024-01-01, and the SDK's random
    /// relationship ids (R + 16 hex digits) renamed rId1, rId2, … in order of appearance.
    /// </summary>
    public byte[] ToBytes()
    {
        _document.Dispose();
        _stream.Position = 0;
        using var source = new ZipArchive(_stream, ZipArchiveMode.Read);
        var entries = source.Entries.Select(e =>
        {
            using var from = e.Open();
            using var buffer = new MemoryStream();
            from.CopyTo(buffer);
            return (e.FullName, Bytes: buffer.ToArray());
        }).ToList();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string Rename(string xml) => RelationshipId().Replace(xml, m =>
            ids.TryGetValue(m.Value, out var id) ? id : ids[m.Value] = $"rId{ids.Count + 1}");
        using var output = new MemoryStream();
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries.OrderBy(e => e.FullName.EndsWith(".rels", StringComparison.Ordinal) ? 0 : 1))
            {
                var copy = target.CreateEntry(name, CompressionLevel.Optimal);
                copy.LastWriteTime = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var to = copy.Open();
                var xml = name.EndsWith(".xml", StringComparison.Ordinal) || name.EndsWith(".rels", StringComparison.Ordinal);
                to.Write(xml ? System.Text.Encoding.UTF8.GetBytes(Rename(System.Text.Encoding.UTF8.GetString(bytes))) : bytes);
            }
        }
        return output.ToArray();
    }

    [System.Text.RegularExpressions.GeneratedRegex("R[0-9a-f]{16}")]
    private static partial System.Text.RegularExpressions.Regex RelationshipId();

    private static Paragraph Para(string text, bool bold, bool center, int halfPoints)
    {
        var runProperties = new RunProperties(new RunFonts { EastAsia = "SimSun" }, new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        if (bold)
        {
            runProperties.Append(new Bold());
        }
        var paragraph = new Paragraph();
        if (center)
        {
            paragraph.Append(new ParagraphProperties(new Justification { Val = JustificationValues.Center }));
        }
        paragraph.Append(new Run(runProperties, new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
        return paragraph;
    }

    private static Drawing Inline(string relationshipId, long cx, long cy, uint id) =>
        new(new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0L, TopEdge = 0L, RightEdge = 0L, BottomEdge = 0L },
            new DW.DocProperties { Id = id, Name = $"Picture {id}" },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = $"table{id}" }, new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U,
        });

    private static Picture Vml(string relationshipId, long cx, long cy) =>
        new(new V.Shape(new V.ImageData { RelationshipId = relationshipId, Title = "" })
        {
            Id = $"_x0000_i{relationshipId}",
            Type = "#_x0000_t75",
            Style = FormattableString.Invariant($"width:{cx / 12700.0:0.#}pt;height:{cy / 12700.0:0.#}pt"),
        });
}
