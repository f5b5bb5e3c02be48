using System.Buffers.Binary;
using TableRecovery.Core.Interop;
using TableRecovery.Core.Results;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Pipeline;

public sealed class BadInputTests(RecovererFixture pipeline) : IClassFixture<RecovererFixture>
{
    [Fact]
    public void A_zero_byte_file_gets_the_empty_file_error()
    {
        var doc = pipeline.Recover("empty.png", []);
        AssertSingleError(doc, ErrorCodes.EmptyFile);
    }

    [Fact]
    public void A_text_file_named_png_gets_the_unsupported_format_error()
    {
        var doc = pipeline.Recover("notes.png", "这不是图片 — just text\n"u8.ToArray());
        AssertSingleError(doc, ErrorCodes.UnsupportedFormat);
    }

    [Fact]
    public void A_truncated_png_gets_the_corrupt_image_error()
    {
        var png = File.ReadAllBytes(Fixtures.Corpus().First(c => c.ImagePath.EndsWith(".png", StringComparison.Ordinal)).ImagePath);
        var doc = pipeline.Recover("cut.png", png[..(png.Length / 2)]);
        AssertSingleError(doc, ErrorCodes.CorruptImage);
    }

    [Fact]
    public void A_truncated_jpeg_gets_the_corrupt_image_error()
    {
        var jpeg = File.ReadAllBytes(Fixtures.Corpus().First(c => c.ImagePath.EndsWith(".jpg", StringComparison.Ordinal)).ImagePath);
        var doc = pipeline.Recover("cut.jpg", jpeg[..(jpeg.Length * 2 / 3)]);
        AssertSingleError(doc, ErrorCodes.CorruptImage);
    }

    [Fact]
    public void A_header_claiming_60000_by_60000_pixels_is_refused_before_decoding()
    {
        var doc = pipeline.Recover("bomb.png", PngHeaderOnly(60000, 60000));
        AssertSingleError(doc, ErrorCodes.ImageTooLarge);
        Assert.Contains("60000x60000", doc.Errors[0].Message);
    }

    [Fact]
    public void A_picture_without_a_table_gets_the_no_table_found_error()
    {
        var white = new byte[900 * 600];
        white.AsSpan().Fill(255);
        // A few dark blobs (text-like), but no ruling lines.
        for (var y = 100; y < 130; y++) for (var x = 100; x < 400; x += 40) for (var k = 0; k < 18; k++) white[y * 900 + x + k] = 0;
        using var pix = Leptonica.FromGray(white, 900, 600);
        var doc = pipeline.Recover("blank.png", Leptonica.pixWriteMem(pix, Leptonica.IFF_PNG));
        AssertSingleError(doc, ErrorCodes.NoTableFound);
    }

    [Fact]
    public void Every_bad_input_still_reports_the_sha256_of_its_bytes()
    {
        var bytes = "x"u8.ToArray();
        var doc = pipeline.Recover("x.bmp", bytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), doc.Sha256);
        Assert.Equal("x.bmp", doc.Source);
    }

    private static void AssertSingleError(ResultDocument doc, string code)
    {
        Assert.True(doc.Errors.Count == 1 && doc.Errors[0].Code == code,
            $"Expected one error '{code}', got [{string.Join(", ", doc.Errors.Select(e => $"{e.Code}: {e.Message}"))}]");
        Assert.Empty(doc.Tables);
        Assert.False(string.IsNullOrWhiteSpace(doc.Errors[0].Message));
    }

    /// <summary>A PNG signature and a valid IHDR chunk claiming the given size, and nothing else.</summary>
    private static byte[] PngHeaderOnly(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 0; // gray
        using var ms = new MemoryStream();
        ms.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(ms, "IHDR", ihdr);
        WriteChunk(ms, "IDAT", new byte[64]);
        WriteChunk(ms, "IEND", []);
        return ms.ToArray();
    }

    private static void WriteChunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        Span<byte> c = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(c, Crc32([.. typeBytes, .. data]));
        s.Write(c);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
