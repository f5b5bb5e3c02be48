using TableRecovery.Corpus.Planning;

namespace TableRecovery.Corpus.Reports;

/// <summary>The form a generated report arrives in.</summary>
public enum ReportForm
{
    /// <summary>.docx with each table as an embedded picture, its section heading as a paragraph before it.</summary>
    DocxPictures,
    /// <summary>.docx with the tables as real Word tables (merged cells as gridSpan / vMerge).</summary>
    DocxTables,
    /// <summary>.docx with the requests table cut over two pictures.</summary>
    DocxCut,
    /// <summary>PDF of scanned pages: one JPEG image per page, no text layer.</summary>
    PdfScanned,
    /// <summary>PDF printed by Chromium: text layer, vector rules.</summary>
    PdfDigital,
    /// <summary>Multi-page TIFF of scanned pages.</summary>
    TiffPages,
}

/// <summary>Where a table is cut: the lattice row that starts the second part, and whether the header rows are repeated there.</summary>
public sealed record CutPlan(int TableIndex, int LatticeRow, bool RepeatHeader);

/// <summary>Everything decided about one report before it is drawn. Pure data; the same seed gives the same plan.</summary>
/// <param name="Tables">The three tables of the report (active, requests, appeals of one format), in order, with their headings.</param>
/// <param name="VmlPictures">.docx: pictures as legacy VML image data instead of DrawingML.</param>
public sealed record ReportPlan(
    string Name,
    ReportForm Form,
    int Seed,
    ScanClass ScanClass,
    string Agency,
    int Year,
    IReadOnlyList<TablePlan> Tables,
    CutPlan? Cut,
    RenderStyle Style,
    Planning.Degradation Degradation,
    IReadOnlyList<string> Paragraphs,
    bool VmlPictures)
{
    public string Title => $"{Agency}{Year}年政府信息公开工作年度报告";

    public string Extension => Form switch
    {
        ReportForm.PdfScanned or ReportForm.PdfDigital => "pdf",
        ReportForm.TiffPages => "tif",
        _ => "docx",
    };

    public string FileName => $"{Name}.{Extension}";
}
