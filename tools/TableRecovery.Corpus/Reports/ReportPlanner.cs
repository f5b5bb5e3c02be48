using TableRecovery.Core.Layouts;
using TableRecovery.Corpus.Planning;

namespace TableRecovery.Corpus.Reports;

/// <summary>
/// Plans one report from (master seed, index, form): its agency and year, the three tables of one format with their truth
/// and print variant, the look of its pictures, and where a table is cut. Pure: no I/O.
/// </summary>
public sealed class ReportPlanner(LayoutCatalog catalog)
{
    public ReportPlan Plan(long masterSeed, int index, ReportForm form, ScanClass? scanClass = null, bool? cut = null, bool? inconsistent = null, bool? vml = null)
    {
        var seed = Seeds.Derive(masterSeed, 1_000_000 + index);
        var mix = Seeds.Stream(seed, 0);
        var pages = form is ReportForm.PdfScanned or ReportForm.TiffPages;
        // Pictures pasted into a .docx are screenshots or clean exports; scans are mildly degraded.
        var chosenClass = scanClass ?? (pages ? (mix.Chance(0.8) ? ScanClass.Mild : ScanClass.Clean) : (mix.Chance(0.7) ? ScanClass.Clean : ScanClass.Mild));
        var format = mix.Chance(0.75) ? "2021" : "2019";
        var year = format == "2021" ? mix.Next(2021, 2025) : mix.Next(2019, 2021);
        var agency = mix.Pick(ReportText.Agencies);
        var style = ImagePlanner.ChooseStyle(Seeds.Stream(seed, 1), chosenClass, pages);
        if (form == ReportForm.PdfDigital)
        {
            // Printed on A4: a body size, not a poster.
            style = style with { FontSizePx = Math.Min(style.FontSizePx, 14), DeviceScaleFactor = 1 };
        }
        var degradation = ImagePlanner.ChooseDegradation(Seeds.Stream(seed, 2), chosenClass, sideways: false, style);
        degradation = form switch
        {
            ReportForm.PdfScanned => degradation with { JpegQuality = degradation.JpegQuality ?? 90 },
            ReportForm.TiffPages => degradation with { JpegQuality = null },
            _ => degradation,
        };
        string[] layouts = [$"active-{format}", $"requests-{format}", "appeals"];
        var tables = layouts.Select((id, i) => ImagePlanner.PlanTable(catalog[id], Seeds.Stream(seed, 10 + i), Seeds.Derive(seed, 20 + i),
            page: true, inconsistent: i == 1 ? inconsistent : false, inconsistencyCandidate: i == 1)).ToList();
        // Pictures in a .docx hold the table alone: the heading and caption are paragraphs of the document.
        tables = tables.Select(t => t with { Caption = null }).ToList();

        var doCut = form == ReportForm.DocxCut || (form != ReportForm.DocxCut && (cut ?? mix.Chance(0.25)));
        CutPlan? cutPlan = null;
        if (doCut)
        {
            var requests = tables[1];
            var rows = requests.Truth.Layout.Rows;
            var rowKey = rows[mix.Next(4, rows.Count - 3)].Key;
            var latticeRow = requests.Grid.Cells.Where(c => c.CellId?.StartsWith(rowKey + "/", StringComparison.Ordinal) == true).Min(c => c.Row);
            cutPlan = new CutPlan(1, latticeRow, mix.Chance(0.5));
        }
        var text = Seeds.Stream(seed, 4);
        var paragraphs = Enumerable.Range(0, 5).Select(_ => text.Pick(ReportText.Paragraphs)).ToList();
        var name = $"{index:D4}_{FormName(form)}_{format}";
        return new ReportPlan(name, form, seed, chosenClass, agency, year, tables, cutPlan, style, degradation, paragraphs,
            VmlPictures: form is ReportForm.DocxPictures or ReportForm.DocxCut && (vml ?? mix.Chance(0.3)));
    }

    public static string FormName(ReportForm form) => form switch
    {
        ReportForm.DocxPictures => "docx-pictures",
        ReportForm.DocxTables => "docx-tables",
        ReportForm.DocxCut => "docx-cut",
        ReportForm.PdfScanned => "pdf-scanned",
        ReportForm.PdfDigital => "pdf-digital",
        _ => "tiff-pages",
    };

    public static ReportForm ParseForm(string name)
    {
        foreach (var form in Enum.GetValues<ReportForm>())
        {
            if (FormName(form) == name)
            {
                return form;
            }
        }
        throw new ArgumentException($"Unknown report form '{name}'. Known: {string.Join(", ", Enum.GetValues<ReportForm>().Select(FormName))}.");
    }
}
