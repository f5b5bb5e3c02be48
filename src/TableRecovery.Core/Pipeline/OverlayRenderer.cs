using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Interop;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Results;

namespace TableRecovery.Core.Pipeline;

/// <summary>
/// Draws what was understood onto the normalized picture: the lattice in blue, each number cell framed
/// in green (both readings agree) or red (they differ), and its best reading written in its corner.
/// A person checks a grid faster by looking than by reading JSON.
/// </summary>
public static class OverlayRenderer
{
    public static byte[] Render(NormalizedImage image, IReadOnlyList<ReadTable> tables, IReadOnlyList<TableResult> results)
    {
        int w = image.Width, h = image.Height;
        var gray = Leptonica.CopyGray(image.Gray);
        var rgb = new byte[w * h * 3];
        for (var i = 0; i < gray.Length; i++)
        {
            // Fade the scan so the drawing stands out.
            var v = (byte)(128 + gray[i] / 2);
            rgb[3 * i] = v; rgb[3 * i + 1] = v; rgb[3 * i + 2] = v;
        }
        var canvas = new Canvas(rgb, w, h);
        foreach (var table in tables)
        {
            foreach (var cell in table.Cells)
            {
                var box = cell.Cell.Box;
                if (!cell.IsNumeric)
                {
                    canvas.Frame(box, 1, (40, 90, 220));
                    continue;
                }
                var texts = cell.Readings.Where(r => r.Method != ReadingMethod.Choice).Select(r => r.Text).Distinct().Count();
                var colour = texts <= 1 ? ((byte)0, (byte)160, (byte)0) : ((byte)220, (byte)0, (byte)0);
                canvas.Frame(box.Inflate(-2, -2), 2, colour);
                var label = cell.Readings.Count > 0 ? (cell.Readings[0].Text.Length == 0 ? "_" : cell.Readings[0].Text) : "?";
                canvas.Text(box.X + 4, box.Y + 4, label, 2, colour);
            }
        }
        using var pix = Leptonica.FromRgb(rgb, w, h);
        return Leptonica.pixWriteMem(pix, Leptonica.IFF_PNG);
    }

    private sealed class Canvas(byte[] rgb, int width, int height)
    {
        public void Frame(PixelRect r, int thickness, (byte R, byte G, byte B) c)
        {
            for (var k = 0; k < thickness; k++)
            {
                for (var x = r.X; x < r.Right; x++) { Set(x, r.Y + k, c); Set(x, r.Bottom - 1 - k, c); }
                for (var y = r.Y; y < r.Bottom; y++) { Set(r.X + k, y, c); Set(r.Right - 1 - k, y, c); }
            }
        }

        public void Text(int x, int y, string text, int scale, (byte R, byte G, byte B) c)
        {
            foreach (var ch in text)
            {
                var glyph = TinyFont.Glyph(ch);
                for (var gy = 0; gy < 5; gy++)
                    for (var gx = 0; gx < 3; gx++)
                        if ((glyph[gy] >> (2 - gx) & 1) == 1)
                            for (var sy = 0; sy < scale; sy++)
                                for (var sx = 0; sx < scale; sx++)
                                    Set(x + gx * scale + sx, y + gy * scale + sy, c);
                x += 4 * scale;
            }
        }

        private void Set(int x, int y, (byte R, byte G, byte B) c)
        {
            if ((uint)x >= (uint)width || (uint)y >= (uint)height) return;
            var i = 3 * (y * width + x);
            rgb[i] = c.R; rgb[i + 1] = c.G; rgb[i + 2] = c.B;
        }
    }

    /// <summary>A 3×5 bitmap font for what number cells print; anything else draws as a box.</summary>
    private static class TinyFont
    {
        public static byte[] Glyph(char c) => c switch
        {
            '0' => [7, 5, 5, 5, 7], '1' => [2, 6, 2, 2, 7], '2' => [7, 1, 7, 4, 7], '3' => [7, 1, 7, 1, 7],
            '4' => [5, 5, 7, 1, 1], '5' => [7, 4, 7, 1, 7], '6' => [7, 4, 7, 5, 7], '7' => [7, 1, 1, 1, 1],
            '8' => [7, 5, 7, 5, 7], '9' => [7, 5, 7, 1, 7], '-' => [0, 0, 7, 0, 0], '.' => [0, 0, 0, 0, 2],
            ',' => [0, 0, 0, 2, 4], '/' => [1, 1, 2, 4, 4], '_' => [0, 0, 0, 0, 7],
            _ => [7, 7, 7, 7, 7],
        };
    }
}
