using System.Buffers.Binary;
using System.IO.Compression;

namespace TableRecovery.Worker.Tests.Support;

/// <summary>Real PNG files, written here so each test gets distinct bytes without a tool.</summary>
public static class TestImages
{
    /// <summary>A grey-scale PNG with a ruled grid whose pattern depends on <paramref name="seed"/>.</summary>
    public static byte[] Png(int width = 120, int height = 80, int seed = 0)
    {
        var raw = new byte[(width + 1) * height];
        for (var y = 0; y < height; y++)
        {
            raw[y * (width + 1)] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                var line = x % 20 == 0 || y % 16 == 0 || (x + y + seed) % 97 == 0;
                raw[y * (width + 1) + 1 + x] = line ? (byte)0 : (byte)255;
            }
        }
        return Encode(width, height, raw);
    }

    /// <summary>A PNG whose header declares a huge image (a decompression bomb); the pixel data is cut short.</summary>
    public static byte[] PixelBomb(int width = 60_000, int height = 60_000)
    {
        var row = new byte[width + 1];
        return Encode(width, height, row, truncateRows: true);
    }

    /// <summary>The first half of a real PNG.</summary>
    public static byte[] Truncated(int seed = 0)
    {
        var png = Png(seed: seed);
        return png[..(png.Length / 2)];
    }

    private static byte[] Encode(int width, int height, byte[] raw, bool truncateRows = false)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // grey
        Chunk(output, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                zlib.Write(raw);
            }
            Chunk(output, "IDAT", compressed.ToArray());
        }
        if (!truncateRows) Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeAndData = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        output.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        output.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
