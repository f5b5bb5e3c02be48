namespace TableRecovery.Core.Pipeline;

/// <summary>Settings of the recovery pipeline; validated when the recoverer is built.</summary>
public sealed record RecoveryEngineOptions
{
    /// <summary>Folder holding eng.traineddata and chi_sim.traineddata (default: the repo's tessdata/).</summary>
    public required string TessdataPath { get; init; }

    /// <summary>How many files may be recovered at once; each slot holds its own OCR engines.</summary>
    public int EngineSlots { get; init; } = Environment.ProcessorCount;

    /// <summary>Images with more pixels than this are refused before decoding (decompression bombs).</summary>
    public long MaxPixels { get; init; } = 80_000_000;

    /// <summary>Input files larger than this are refused before decoding.</summary>
    public long MaxInputBytes { get; init; } = 200L * 1024 * 1024;

    /// <summary>PDF pages are rendered at this resolution for the grid and for OCR (at least 200).</summary>
    public int PdfRenderDpi { get; init; } = 200;

    /// <summary>PDFs with more pages than this are refused.</summary>
    public int MaxPdfPages { get; init; } = 200;

    /// <summary>Each run of a poppler tool (pdfinfo, pdftotext, pdfimages, pdftoppm) is killed after this long.</summary>
    public TimeSpan PdfToolTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Folder of the poppler tools; null: found on PATH (Debian's poppler-utils).</summary>
    public string? PopplerDirectory { get; init; }
}
