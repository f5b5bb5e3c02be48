using TableRecovery.Core.Documents.Pdf;
using TableRecovery.Core.Documents.Word;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Results;

namespace TableRecovery.Core.Documents;

/// <summary>
/// The first stage: an input file into its pictures and text tables, in document order. Recognizes the kind by the
/// bytes (extensions lie): PDF, .docx (a ZIP with a Word main part), or a picture, which is its own single part.
/// </summary>
public sealed class DocumentReader(DocxReader docx, PdfReader pdf)
{
    public DocumentContent Read(string name, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var span = bytes.Span;
        // Readers accept a PDF header anywhere in the first 1024 bytes (some writers put junk before it).
        if (!IsImage(span) && span[..Math.Min(span.Length, 1024)].IndexOf("%PDF-"u8) >= 0)
        {
            return pdf.Read(bytes, cancellationToken);
        }
        if (span.StartsWith("PK\x03\x04"u8))
        {
            return docx.Read(bytes);
        }
        if (span.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            // An OLE compound file: either a legacy .doc, or a .docx encrypted by Office (which wraps it in one).
            throw IsOfficeEncrypted(span)
                ? new DocumentReadException(ErrorCodes.EncryptedDocument, "The Word document is protected with a password; it cannot be read. Send it without a password.")
                : new DocumentReadException(ErrorCodes.UnsupportedFormat, "The file is a legacy Word .doc (or another Office binary file), which cannot be read. Save it as .docx or PDF.");
        }
        if (span.IsEmpty || IsImage(span))
        {
            return DocumentContent.SinglePicture(name, bytes);
        }
        var extension = Path.GetExtension(name).ToLowerInvariant();
        var claimed = extension switch
        {
            ".pdf" => "a PDF (no %PDF- header)",
            ".docx" => "a .docx (not a ZIP archive)",
            _ => null,
        };
        throw new DocumentReadException(ErrorCodes.UnsupportedFormat, claimed is null
            ? "The file is neither a picture (PNG, JPEG, TIFF, BMP, WebP, GIF) nor a report document (.docx, PDF); its first bytes match none of them."
            : $"The file is named {extension} but is not {claimed}; its first bytes match no supported format.");
    }

    private static bool IsImage(ReadOnlySpan<byte> span) => ImageSignature.Detect(span) != ImageFormat.Unknown;

    /// <summary>Office puts an encrypted package into a compound file with an "EncryptionInfo" stream (names are UTF-16).</summary>
    private static bool IsOfficeEncrypted(ReadOnlySpan<byte> span) =>
        span.IndexOf("E\0n\0c\0r\0y\0p\0t\0i\0o\0n\0I\0n\0f\0o\0"u8) >= 0;
}
