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

    /// <summary>
    /// A bilevel scan (fax, CCITT G4 TIFF, the 1-bit page of a scanned PDF) has lost every stroke thinner than the scanner's
    /// cut: the crossbar and diagonal of a 4, the tops of a 0 in a light serif or brush font, broken into specks that the
    /// engines read as other digits (a sure 1.6 for 4.6, both ways). Its ink grown by one pixel (a 2 × 2 brick) joins the
    /// pieces again. On 60 bilevel scans (`generate --bilevel mixed --count 60 --seed 6060`) digits read right went from
    /// 90.4 % to 94.2 % and silent errors from 1 to 0; grown a pixel on every side (3 × 3) they read more (95.2 %) but the
    /// 4.6 passed as 1.6 again; a 2 × 2 closing (no growth) read 91.7 % with two silent errors; blurring the mended page
    /// (3 × 3 mean) read the same and let one pass.
    /// </summary>
    public static PixHandle MendedBilevel(PixHandle gray)
    {
        using var ink = Leptonica.pixThresholdToBinary(gray, 128);
        using var grown = Leptonica.pixDilateBrick(ink, 2, 2);
        return Leptonica.pixConvertTo8(grown);
    }

    /// <summary>
    /// True when nearly every pixel is black or white: among the pixels that are not paper white, almost none are of a middle
    /// gray. A rendered, photographed or gray-scanned page, however clean, has a gray edge around each stroke.
    /// </summary>
    public static bool IsBilevel(PixHandle gray)
    {
        var pixels = Leptonica.CopyGray(gray);
        long dark = 0, middle = 0;
        foreach (var p in pixels)
        {
            if (p < BilevelDark) dark++;
            else if (p <= BilevelLight) middle++;
        }
        return dark > 0 && middle <= dark * BilevelMiddleShare;
    }

    private const int BilevelDark = 32, BilevelLight = 223;

    /// <summary>None of 396 generated gray and colour pages came near it (antialiasing alone puts a gray pixel beside most ink pixels).</summary>
    private const double BilevelMiddleShare = 0.01;

    private static PixHandle AndInk(PixHandle a, PixHandle b)
    {
        // a AND b == a - (a - b)
        using var aMinusB = Leptonica.pixSubtract(a, b);
        return Leptonica.pixSubtract(a, aMinusB);
    }
}
