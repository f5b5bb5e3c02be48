using System.Diagnostics;
using TableRecovery.Core.Results;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Documents;

/// <summary>Malformed reports each get a clear error code, never an exception; the recoverer keeps working after them.</summary>
public sealed class BadDocumentTests(RecovererFixture pipeline) : IClassFixture<RecovererFixture>
{
    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(Fixtures.ReportsDirectory, name));

    [Fact]
    public void A_truncated_docx_is_a_corrupt_document()
    {
        var docx = Fixture("0000_docx-pictures_2021.docx");
        AssertError(ErrorCodes.CorruptDocument, "cut.docx", docx[..(docx.Length / 2)]);
    }

    [Fact]
    public void An_encrypted_pdf_is_an_encrypted_document()
    {
        var folder = Directory.CreateTempSubdirectory("bad-pdf-");
        try
        {
            var plain = Path.Combine(folder.FullName, "plain.pdf");
            var locked = Path.Combine(folder.FullName, "locked.pdf");
            File.WriteAllBytes(plain, Fixture("0004_pdf-digital_2019.pdf"));
            // qpdf (Debian package, installed by scripts/setup.sh) encrypts with a user password.
            using (var qpdf = Process.Start("qpdf", ["--encrypt", "secret-user", "secret-owner", "256", "--", plain, locked])!)
            {
                qpdf.WaitForExit();
                Assert.True(qpdf.ExitCode == 0, $"qpdf exited {qpdf.ExitCode}");
            }
            AssertError(ErrorCodes.EncryptedDocument, "locked.pdf", File.ReadAllBytes(locked));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_text_file_named_pdf_is_an_unsupported_format_that_says_so()
    {
        var error = AssertError(ErrorCodes.UnsupportedFormat, "report.pdf", "这不是PDF，只是一段文字。\n"u8.ToArray());
        Assert.Contains(".pdf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_cut_short_is_a_corrupt_document_or_whatever_its_pages_still_hold()
    {
        var pdf = Fixture("0003_pdf-scanned_2021.pdf");
        var document = pipeline.Recover("short.pdf", pdf[..(pdf.Length / 3)]);
        Assert.True(document.Errors.Count > 0 || document.Tables.Count > 0, "a cut PDF gave neither tables nor an error");
        Assert.All(document.Errors, e => Assert.Contains(e.Code, new[] { ErrorCodes.CorruptDocument, ErrorCodes.NoTableFound, ErrorCodes.CorruptImage }));
    }

    [Fact]
    public void A_zip_that_is_no_word_document_and_a_legacy_doc_are_unsupported_formats()
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("notes.txt").Open());
            writer.Write("not a report");
        }
        AssertError(ErrorCodes.UnsupportedFormat, "archive.docx", buffer.ToArray());
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];
        AssertError(ErrorCodes.UnsupportedFormat, "old.doc", ole);
    }

    [Fact]
    public void After_bad_documents_a_good_report_is_still_recovered()
    {
        pipeline.Recover("cut.docx", Fixture("0000_docx-pictures_2021.docx")[..1000]);
        var document = pipeline.Recover("tables.docx", Fixture("0001_docx-tables_2021.docx"));
        Assert.Equal(3, document.Tables.Count);
    }

    private ResultError AssertError(string code, string name, byte[] bytes)
    {
        var document = pipeline.Recover(name, bytes);
        Assert.Empty(document.Tables);
        var error = Assert.Single(document.Errors);
        Assert.True(error.Code == code, $"{name}: expected {code}, got {error.Code}: {error.Message}");
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }
}
