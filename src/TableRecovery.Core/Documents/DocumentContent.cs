using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Documents;

/// <summary>
/// One thing of a document that may hold a table, in document order: a picture to decode and read, or a table
/// already present as text. <see cref="Headings"/> are the section headings printed since the previous part
/// (二、主动公开… / 三、收到和处理… / 四、…), the strongest hint of which layout its tables are.
/// </summary>
public abstract record DocumentPart(string Name, IReadOnlyList<string> Headings);

/// <summary>
/// A picture: an embedded image, a page of a multi-page scan, a rendered PDF page. <see cref="Text"/> is the page's
/// text layer (born-digital PDFs), in the picture's own pixels; tables it covers are read from it, not by OCR.
/// </summary>
public sealed record PicturePart(string Name, ReadOnlyMemory<byte> Bytes, IReadOnlyList<string> Headings, TextLayer? Text = null)
    : DocumentPart(Name, Headings);

/// <summary>A table present as text (a Word table): already read, with certain readings; no OCR.</summary>
public sealed record TablePart(string Name, ReadTable Table, IReadOnlyList<string> Headings) : DocumentPart(Name, Headings);

/// <summary>The report's title, as printed ("威海市文登区司法局2022年政府信息公开工作年度报告"), split into agency and year.</summary>
public sealed record ReportTitle(string Agency, int Year, string Title);

/// <summary>
/// What a document holds, in order, and its title when one was found. <see cref="Problems"/> are parts that could not
/// be used (a picture in a format that cannot be decoded): reported, but the rest of the document is still read.
/// </summary>
public sealed record DocumentContent(IReadOnlyList<DocumentPart> Parts, ReportTitle? Title, IReadOnlyList<PartProblem> Problems)
{
    /// <summary>An input that is itself one picture (or a multi-page TIFF): one part, named as the file.</summary>
    public static DocumentContent SinglePicture(string name, ReadOnlyMemory<byte> bytes) => new([new PicturePart(name, bytes, [])], null, []);
}

/// <summary>A part of a document that was skipped, with an output-contract error code and a reason a person can act on.</summary>
public sealed record PartProblem(string Code, string Message);

/// <summary>A document that cannot be read at all; <see cref="Code"/> is an output-contract error code.</summary>
public sealed class DocumentReadException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;
}
