namespace TableRecovery.Corpus.Planning;

/// <summary>Whether the images of a run are bilevel scans.</summary>
public enum BilevelMode
{
    /// <summary>Gray and colour scans only; the corpus is what it was before bilevel scans existed.</summary>
    None,

    /// <summary>Every image is a bilevel scan: each pixel ink or paper, as a fax, a CCITT G4 TIFF or the 1-bit page of a scanned PDF.</summary>
    Mixed,
}

/// <summary>
/// A bilevel scan: the scanner samples the sheet finer than the rendering (the resize enlarges it), its optics blur it,
/// its sensor adds noise, then it cuts every pixel at <c>ThresholdPercent</c> gray into ink or paper; dust specks it after
/// (salt and pepper). Thin strokes and light rules break where they fall below the cut; the image holds no gray.
/// </summary>
/// <param name="ThresholdPercent">Gray level in percent below which a pixel is ink (40–60).</param>
public sealed record Bilevel(int ThresholdPercent);
