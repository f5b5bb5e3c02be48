using TableRecovery.Corpus.Degradation;
using TableRecovery.Corpus.Planning;
using TableRecovery.Corpus.Rendering;

namespace TableRecovery.Corpus.Output;

/// <summary>Assembles the truth of one image from its plan, what the browser measured and what the degrader produced.</summary>
public static class TruthFileBuilder
{
    public static TruthFile Build(ImagePlan plan, RenderedPage? rendered, ScanGeometry? scan)
    {
        var style = plan.Style;
        var d = plan.Degradation;
        var tables = plan.Tables.Select((table, index) =>
        {
            var measured = rendered?.Geometry.Tables[index];
            var boxes = measured?.Cells.Where(c => c.Id is not null).ToDictionary(c => c.Id!, c => c.Box, StringComparer.Ordinal);
            int[]? Map(double[]? box) => box is null || rendered is null || scan is null
                ? null
                : scan.MapBox((box[0] - rendered.Geometry.Sheet[0]) * rendered.DeviceScaleFactor,
                    (box[1] - rendered.Geometry.Sheet[1]) * rendered.DeviceScaleFactor,
                    box[2] * rendered.DeviceScaleFactor, box[3] * rendered.DeviceScaleFactor, d);
            var grid = table.Grid.Cells.Where(c => c.CellId is not null).ToDictionary(c => c.CellId!, StringComparer.Ordinal);
            var cells = table.Truth.Layout.Cells.ToDictionary(
                c => c.Id,
                c =>
                {
                    var g = grid[c.Id];
                    return new TruthCell(table.Truth[c.Id], g.Text, [g.Row, g.Column, g.RowSpan, g.ColumnSpan], Map(boxes?.GetValueOrDefault(c.Id)));
                },
                StringComparer.Ordinal);
            return new TruthTable(
                table.Truth.Layout.Id,
                table.Truth.Layout.Section,
                table.Heading,
                table.Caption,
                table.Variant.TitleRow,
                table.Variant.ExtraBlankColumn,
                table.Variant.TotalSpansHeaderRows,
                table.Variant.Print.ZeroText,
                table.Variant.Print.ThousandsSeparators,
                table.Grid.Rows,
                table.Grid.Columns,
                Map(measured?.Box),
                cells,
                table.Truth.BrokenIdentities);
        }).ToList();

        var scale = d.Scale;
        return new TruthFile(
            plan.FileName,
            plan.ScanClass.ToString().ToLowerInvariant(),
            plan.Seed,
            plan.IsPage,
            d.Rotation,
            d.SkewDegrees,
            scale,
            style.DeviceScaleFactor,
            scan?.Final.Width ?? 0,
            scan?.Final.Height ?? 0,
            style.FontFamily,
            style.FontSizePx,
            Math.Round(0.72 * style.FontSizePx * style.DeviceScaleFactor * scale, 1),
            new TruthStyle(style.BorderPx, style.BorderColor, style.TextColor, style.PaddingPx, style.NumberAlign, style.HeaderShade,
                style.LineGaps, style.MissingLineThirds),
            new TruthDegradation(d.BlurSigma, d.GaussianNoise, d.SaltAndPepper, d.Illumination, d.BackgroundLevel, d.Grayscale, d.JpegQuality,
                TruthWarp.From(d.Warp), TruthShowThrough.From(d.ShowThrough), TruthBilevel.From(d.Bilevel)),
            tables,
            style.LatinFamily);
    }
}
