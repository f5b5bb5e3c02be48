using System.Globalization;
using System.Text;

namespace TableRecovery.Corpus.Reports;

/// <summary>
/// Writes a PDF of scanned pages, as a scanner does: one JPEG per page (embedded as is, DCTDecode), drawn over the whole
/// page, no text layer. Written by hand (a dozen objects) so the bytes depend on the pages alone.
/// </summary>
public static class ScanPdfWriter
{
    /// <param name="pages">JPEG files, one per page.</param>
    /// <param name="dpi">The scan resolution: a page of W pixels is W / dpi inches wide.</param>
    public static byte[] Write(IReadOnlyList<byte[]> pages, double dpi)
    {
        var pdf = new MemoryStream();
        var offsets = new List<long>();
        void Write(string s) => pdf.Write(Encoding.Latin1.GetBytes(s));
        void Begin(int id)
        {
            while (offsets.Count < id) offsets.Add(0);
            offsets[id - 1] = pdf.Position;
            Write(Invariant($"{id} 0 obj\n"));
        }

        Write("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n");
        var kids = string.Join(' ', pages.Select((_, i) => Invariant($"{3 + 3 * i} 0 R")));
        Begin(1);
        Write("<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
        Begin(2);
        Write(Invariant($"<< /Type /Pages /Kids [{kids}] /Count {pages.Count} >>\nendobj\n"));
        for (var i = 0; i < pages.Count; i++)
        {
            var (width, height, components) = JpegSize(pages[i]);
            var w = width / dpi * 72;
            var h = height / dpi * 72;
            int page = 3 + 3 * i, image = page + 1, content = page + 2;
            Begin(page);
            Write(Invariant($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w:0.##} {h:0.##}] /Resources << /XObject << /Im0 {image} 0 R >> >> /Contents {content} 0 R >>\nendobj\n"));
            Begin(image);
            var space = components == 1 ? "/DeviceGray" : "/DeviceRGB";
            Write(Invariant($"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace {space} /BitsPerComponent 8 /Filter /DCTDecode /Length {pages[i].Length} >>\nstream\n"));
            pdf.Write(pages[i]);
            Write("\nendstream\nendobj\n");
            var draw = Invariant($"q {w:0.##} 0 0 {h:0.##} 0 0 cm /Im0 Do Q\n");
            Begin(content);
            Write(Invariant($"<< /Length {draw.Length} >>\nstream\n{draw}endstream\nendobj\n"));
        }
        var xref = pdf.Position;
        Write(Invariant($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n"));
        foreach (var offset in offsets)
        {
            Write(Invariant($"{offset:D10} 00000 n \n"));
        }
        Write(Invariant($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        return pdf.ToArray();
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Width, height and colour components from the JPEG's start-of-frame marker.</summary>
    internal static (int Width, int Height, int Components) JpegSize(byte[] jpeg)
    {
        var i = 2;
        while (i + 9 < jpeg.Length)
        {
            if (jpeg[i] != 0xFF)
            {
                i++;
                continue;
            }
            var marker = jpeg[i + 1];
            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (marker is >= 0xC0 and <= 0xC3)
            {
                return ((jpeg[i + 7] << 8) | jpeg[i + 8], (jpeg[i + 5] << 8) | jpeg[i + 6], jpeg[i + 9]);
            }
            i += 2 + length;
        }
        throw new InvalidDataException("The JPEG has no start-of-frame marker.");
    }
}
