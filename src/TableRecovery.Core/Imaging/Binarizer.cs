using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Imaging;

/// <summary>
/// Gray to ink with a local (Sauvola) threshold, so faint ruling lines and uneven scan illumination
/// survive where a global threshold would drop or flood them.
/// </summary>
public static class Binarizer
{
    /// <summary>
    /// Sauvola's k. At 0.34 the thin strokes of light serif fonts (AR PL UMing at 10 px, scaled up) fell
    /// apart into specks, and a lone 0 was cropped to a sliver and read as 1; at 0.2 they stay whole.
    /// </summary>
    private const float SauvolaFactor = 0.2f;

    public static PixHandle Binarize(PixHandle gray, int halfWindow)
    {
        int w = Leptonica.pixGetWidth(gray), h = Leptonica.pixGetHeight(gray);
        halfWindow = Math.Max(7, halfWindow);
        // Tiling bounds the memory of Sauvola's integral images on large pages.
        int tilesX = Math.Max(1, w / 1200), tilesY = Math.Max(1, h / 1200);
        while (tilesX > 1 && w / tilesX < 2 * halfWindow + 3) tilesX--;
        while (tilesY > 1 && h / tilesY < 2 * halfWindow + 3) tilesY--;
        if (w < 2 * halfWindow + 3 || h < 2 * halfWindow + 3)
        {
            return Leptonica.pixThresholdToBinary(gray, 160);
        }
        using var sauvola = Leptonica.pixSauvolaBinarizeTiled(gray, halfWindow, SauvolaFactor, tilesX, tilesY);
        // Sauvola marks paper noise as ink in blank regions; a global bound removes what is too light.
        using var dark = Leptonica.pixThresholdToBinary(gray, 215);
        return AndInk(sauvola, dark);
    }

    private static PixHandle AndInk(PixHandle a, PixHandle b)
    {
        // a AND b == a - (a - b)
        using var aMinusB = Leptonica.pixSubtract(a, b);
        return Leptonica.pixSubtract(a, aMinusB);
    }
}
