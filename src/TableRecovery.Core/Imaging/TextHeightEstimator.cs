using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Imaging;

/// <summary>
/// Estimates the typical glyph height from the connected components of the ink: the upper quartile of
/// the heights of glyph-like components (Chinese characters break into radicals, so the median
/// underestimates; ruling lines and specks are filtered out by their shape).
/// </summary>
public static class TextHeightEstimator
{
    public static double? Estimate(PixHandle binary)
    {
        var boxes = Leptonica.pixConnCompBoxes(binary);
        var heights = new List<int>(boxes.Length);
        foreach (var (_, _, w, h) in boxes)
        {
            if (h < 5 || w < 2 || h > 400 || w > 400) continue;
            if (w > 4 * h || h > 5 * w) continue;
            heights.Add(h);
        }
        if (heights.Count < 8)
        {
            return null;
        }
        heights.Sort();
        return heights[(int)(heights.Count * 0.75)];
    }
}
