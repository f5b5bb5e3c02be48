namespace TableRecovery.Corpus.Planning;

/// <summary>Whether the images of a run are warped like a photographed or bent page.</summary>
public enum WarpMode
{
    /// <summary>Flat scans only; the corpus is what it was before warps existed.</summary>
    None,

    /// <summary>Every image gets one warp: keystone, barrel or curl, a third each.</summary>
    Mixed,
}

public enum PageEdge
{
    Top,
    Bottom,
    Left,
    Right,
}

/// <summary>
/// A geometric warp of the whole scan, applied after the skew and before blur and noise. Magnitudes are drawn
/// uniformly from ranges whose lower half looks mild and upper half strong.
/// </summary>
public abstract record PageWarp
{
    /// <summary>The name written to the truth: keystone, barrel or curl.</summary>
    public abstract string Kind { get; }
}

/// <summary>A page photographed at an angle: one edge is shorter, its two ends pulled in along it.</summary>
/// <param name="Inset">How far each end of <paramref name="Edge"/> moves in, as a fraction of that edge's length.</param>
public sealed record KeystoneWarp(PageEdge Edge, double Inset) : PageWarp
{
    public override string Kind => "keystone";

    /// <summary>
    /// Where the image corners (top-left, top-right, bottom-right, bottom-left) end up, as fractions of the width and
    /// height, so ImageMagick and the truth's box mapping work from the same numbers.
    /// </summary>
    public IReadOnlyList<(double X, double Y)> Corners => Edge switch
    {
        PageEdge.Top => [(Inset, 0), (1 - Inset, 0), (1, 1), (0, 1)],
        PageEdge.Bottom => [(0, 0), (1, 0), (1 - Inset, 1), (Inset, 1)],
        PageEdge.Left => [(0, Inset), (1, 0), (1, 1), (0, 1 - Inset)],
        _ => [(0, 0), (1, Inset), (1, 1 - Inset), (0, 1)],
    };
}

/// <summary>
/// Lens distortion, ImageMagick <c>-distort Barrel "0 0 c 1-c"</c> with the radius measured in half-diagonals of the
/// image: positive bows straight lines outward (barrel), negative inward (pincushion).
/// </summary>
public sealed record BarrelWarp(double Coefficient) : PageWarp
{
    public override string Kind => "barrel";
}

/// <summary>A page that does not lie flat: every column is shifted down by a sine of its x (ImageMagick <c>-wave</c>).</summary>
/// <param name="Amplitude">Wave amplitude as a fraction of the resized image height (at least 2 px).</param>
/// <param name="Wavelength">Wave length in resized image widths, so a page bends less than one full wave.</param>
public sealed record CurlWarp(double Amplitude, double Wavelength) : PageWarp
{
    public override string Kind => "curl";

    /// <summary>Amplitude and wave length in pixels of an image rendered at <paramref name="width"/> × <paramref name="height"/>.</summary>
    public (int Amplitude, int Wavelength) Pixels(int width, int height, double scale) =>
        (Math.Max(2, (int)Math.Round(Amplitude * Math.Round(height * scale))), (int)Math.Round(Wavelength * Math.Round(width * scale)));
}
