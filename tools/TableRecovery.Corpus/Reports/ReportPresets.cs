using TableRecovery.Corpus.Planning;

namespace TableRecovery.Corpus.Reports;

/// <summary>The report requests of a run: a mix cycling through the forms, or the committed fixture set.</summary>
public static class ReportPresets
{
    public static IReadOnlyList<ReportRequest> Mix(int count, IReadOnlyList<ReportForm> forms) =>
        Enumerable.Range(0, count).Select(i => new ReportRequest(i, forms[i % forms.Count])).ToList();

    /// <summary>
    /// tests/fixtures/reports: each form once — DrawingML pictures, Word tables (with a printed inconsistency), a table cut over two
    /// VML pictures, scanned pages, a born-digital PDF whose requests table runs over a page break, a multi-page TIFF.
    /// </summary>
    public static IReadOnlyList<ReportRequest> Fixture() =>
    [
        new(0, ReportForm.DocxPictures, ScanClass.Clean, Cut: false, Inconsistent: false, Vml: false),
        new(1, ReportForm.DocxTables, ScanClass.Clean, Cut: false, Inconsistent: true),
        new(2, ReportForm.DocxCut, ScanClass.Clean, Cut: true, Inconsistent: false, Vml: true),
        new(3, ReportForm.PdfScanned, ScanClass.Clean, Cut: true, Inconsistent: false),
        new(4, ReportForm.PdfDigital, ScanClass.Clean, Cut: true, Inconsistent: false),
        new(5, ReportForm.TiffPages, ScanClass.Clean, Cut: false, Inconsistent: false),
    ];
}
