using TableRecovery.Core.Grid;
using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Imaging;

/// <summary>
/// Pictures cut from an input for a reviewer: one cell, or the table around it with its row and column labels and
/// the cell framed in red. Boxes come in the input's own pixels (as the result document gives them); the crops
/// are turned by the table's rotation so they read upright. PNG out.
/// </summary>
public sealed class SourceCrops(long maxPixels)
{
    /// <summary>Longest side of a context crop; a larger region is scaled down to fit.</summary>
    public const int MaxContextSide = 1400;

    // A requests table's label columns are about six number columns wide and its header about four rows high.
    private const int LabelWidthInCells = 8;
    private const int HeaderHeightInCells = 5;

    private readonly ImageDecoder _decoder = new(maxPixels);

    /// <summary>The cell with a margin of a quarter of its size on every side.</summary>
    public byte[] CellPng(string name, ReadOnlySpan<byte> input, string image, PixelRect cell, int rotationDegrees)
    {
        using var upright = DecodeUpright(name, input, image, rotationDegrees, out var toUpright);
        var box = toUpright(cell);
        var margin = Math.Max(6, Math.Max(box.Width, box.Height) / 4);
        var region = Clip(box.Inflate(margin, margin), upright);
        using var crop = Leptonica.pixClipRectangle(upright, region.X, region.Y, region.Width, region.Height);
        return Leptonica.pixWriteMem(crop, Leptonica.IFF_PNG);
    }

    /// <summary>
    /// The table from its label column and header down to one cell past <paramref name="cell"/>, with the cell
    /// framed, so the reviewer sees which row and column it is.
    /// </summary>
    public byte[] ContextPng(string name, ReadOnlySpan<byte> input, string image, PixelRect cell, IReadOnlyList<PixelRect> tableCells, int rotationDegrees)
    {
        using var upright = DecodeUpright(name, input, image, rotationDegrees, out var toUpright);
        var target = toUpright(cell);
        var boxes = tableCells.Where(b => !b.IsEmpty).Select(toUpright).Append(target).ToList();
        var cellWidth = Median(boxes.Select(b => b.Width));
        var cellHeight = Median(boxes.Select(b => b.Height));
        int left = boxes.Min(b => b.X) - LabelWidthInCells * cellWidth, top = boxes.Min(b => b.Y) - HeaderHeightInCells * cellHeight;
        int right = target.Right + cellWidth, bottom = target.Bottom + cellHeight;
        var region = Clip(new PixelRect(left, top, right - left, bottom - top), upright);

        using var clipped = Leptonica.pixClipRectangle(upright, region.X, region.Y, region.Width, region.Height);
        using var color = Leptonica.pixConvertTo32(clipped);
        var thickness = Math.Max(2, cellHeight / 12);
        int x0 = target.X - region.X - thickness, y0 = target.Y - region.Y - thickness;
        int x1 = target.Right - region.X + thickness, y1 = target.Bottom - region.Y + thickness;
        Leptonica.RenderLine(color, x0, y0, x1, y0, thickness, 220, 0, 0);
        Leptonica.RenderLine(color, x1, y0, x1, y1, thickness, 220, 0, 0);
        Leptonica.RenderLine(color, x1, y1, x0, y1, thickness, 220, 0, 0);
        Leptonica.RenderLine(color, x0, y1, x0, y0, thickness, 220, 0, 0);
        var scale = Math.Min(1.0, (double)MaxContextSide / Math.Max(region.Width, region.Height));
        if (scale < 1)
        {
            using var smaller = Leptonica.pixScale(color, (float)scale, (float)scale);
            return Leptonica.pixWriteMem(smaller, Leptonica.IFF_PNG);
        }
        return Leptonica.pixWriteMem(color, Leptonica.IFF_PNG);
    }

    /// <summary>
    /// Decodes the picture named <paramref name="image"/> (a TIFF page is "name#page=N") and turns it upright;
    /// <paramref name="toUpright"/> maps a source box into the turned picture.
    /// </summary>
    private PixHandle DecodeUpright(string name, ReadOnlySpan<byte> input, string image, int rotationDegrees, out Func<PixelRect, PixelRect> toUpright)
    {
        var pages = _decoder.Decode(name, input);
        try
        {
            var page = pages.FirstOrDefault(p => p.Name == image) ?? pages[0];
            int w = page.Width, h = page.Height;
            var turns = ((rotationDegrees / 90) % 4 + 4) % 4;
            // Each clockwise quarter turn maps (x, y) of a w×h picture to (h - 1 - y, x), as ImageTransform undoes it.
            toUpright = turns switch
            {
                1 => r => new PixelRect(h - r.Bottom, r.X, r.Height, r.Width),
                2 => r => new PixelRect(w - r.Right, h - r.Bottom, r.Width, r.Height),
                3 => r => new PixelRect(r.Y, w - r.Right, r.Height, r.Width),
                _ => r => r,
            };
            return turns == 0 ? Leptonica.pixClipRectangle(page.Pix, 0, 0, w, h) : Leptonica.pixRotateOrth(page.Pix, turns);
        }
        finally
        {
            foreach (var page in pages) page.Dispose();
        }
    }

    private static PixelRect Clip(PixelRect r, PixHandle pix)
    {
        int w = Leptonica.pixGetWidth(pix), h = Leptonica.pixGetHeight(pix);
        int x0 = Math.Clamp(r.X, 0, w - 1), y0 = Math.Clamp(r.Y, 0, h - 1);
        int x1 = Math.Clamp(r.Right, x0 + 1, w), y1 = Math.Clamp(r.Bottom, y0 + 1, h);
        return new PixelRect(x0, y0, x1 - x0, y1 - y0);
    }

    private static int Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 1 : Math.Max(1, sorted[sorted.Count / 2]);
    }
}
