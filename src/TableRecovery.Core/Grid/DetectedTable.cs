namespace TableRecovery.Core.Grid;

/// <summary>
/// One table found in a normalized picture: its lattice, and the band above it (up to the previous
/// table or the page top) where a section heading would be printed.
/// </summary>
public sealed record DetectedTable(Lattice Lattice, PixelRect? HeadingBand)
{
    /// <summary>The lattice was drawn from the text's rows and columns, the scan having lost every rule (see <see cref="UnruledTable"/>).</summary>
    public bool FromText { get; init; }
}
