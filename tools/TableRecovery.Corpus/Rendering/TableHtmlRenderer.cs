using System.Globalization;
using System.Net;
using System.Text;
using TableRecovery.Corpus.Grids;
using TableRecovery.Corpus.Planning;

namespace TableRecovery.Corpus.Rendering;

/// <summary>Writes one <see cref="GridTable"/> as an HTML table with the image's style.</summary>
public static class TableHtmlRenderer
{
    /// <summary>The width of each lattice column in CSS pixels, by layout kind.</summary>
    public static IReadOnlyList<int> ColumnWidths(string layoutId, GridTable grid, bool extraBlankColumn, RenderStyle style)
    {
        var pad = 2 * style.PaddingPx;
        var core = grid.Columns - (extraBlankColumn ? 1 : 0);
        var widths = new List<int>();
        if (layoutId.StartsWith("requests", StringComparison.Ordinal))
        {
            widths.Add((int)Math.Round(style.FontSizePx * 2.2) + pad);
            widths.Add((int)Math.Round(style.FontSizePx * 4.6) + pad);
            widths.Add(style.LabelColumnPx);
            widths.AddRange(Enumerable.Repeat(style.ValueColumnPx, core - 3));
        }
        else if (layoutId == "appeals")
        {
            widths.AddRange(Enumerable.Repeat(style.ValueColumnPx, core));
        }
        else
        {
            widths.Add(Math.Max(style.FontSizePx * 7 + pad, (int)(style.LabelColumnPx * 0.8)));
            widths.AddRange(Enumerable.Repeat((int)(style.ValueColumnPx * 1.7), core - 1));
        }
        if (extraBlankColumn)
        {
            widths.Add(Math.Max(12, style.ValueColumnPx / 2));
        }
        // Numbers never wrap: a column is at least as wide as its longest printed value (digits are ~0.6 em).
        foreach (var cell in grid.Cells.Where(c => c.Role == CellRole.Value && c.ColumnSpan == 1))
        {
            var needed = (int)Math.Ceiling(cell.Text.Length * 0.62 * style.FontSizePx) + 2 * (style.PaddingPx + 1) + style.BorderPx + 2;
            widths[cell.Column] = Math.Max(widths[cell.Column], needed);
        }
        return widths;
    }

    /// <summary>Writes the table; <paramref name="minimumWidth"/> stretches its columns (a report page sets its tables full width).</summary>
    public static string Render(TablePlan table, RenderStyle style, int index, int minimumWidth = 0)
    {
        var grid = table.Grid;
        var widths = ColumnWidths(table.Truth.Layout.Id, grid, table.Variant.ExtraBlankColumn, style);
        if (widths.Sum() < minimumWidth)
        {
            var stretch = (double)minimumWidth / widths.Sum();
            widths = widths.Select(w => (int)Math.Floor(w * stretch)).ToList();
        }
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"grid\" data-table=\"{index}\" style=\"width:{widths.Sum()}px\"><colgroup>");
        foreach (var w in widths)
        {
            html.Append(CultureInfo.InvariantCulture, $"<col style=\"width:{w}px\">");
        }
        html.Append("</colgroup>");
        foreach (var row in grid.ByRow())
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td");
                if (cell.RowSpan > 1)
                {
                    html.Append(CultureInfo.InvariantCulture, $" rowspan=\"{cell.RowSpan}\"");
                }
                if (cell.ColumnSpan > 1)
                {
                    html.Append(CultureInfo.InvariantCulture, $" colspan=\"{cell.ColumnSpan}\"");
                }
                html.Append(CultureInfo.InvariantCulture, $" class=\"{Class(cell.Role)}\"");
                if (cell.CellId is not null)
                {
                    html.Append(CultureInfo.InvariantCulture, $" data-cell=\"{cell.CellId}\"");
                }
                html.Append(CultureInfo.InvariantCulture, $" data-grid=\"{cell.Row},{cell.Column},{cell.RowSpan},{cell.ColumnSpan}\">");
                html.Append(WebUtility.HtmlEncode(cell.Text));
                html.Append("</td>");
            }
            html.Append("</tr>");
        }
        html.Append("</table>");
        return html.ToString();
    }

    private static string Class(CellRole role) => role switch
    {
        CellRole.Title => "title",
        CellRole.Header => "head",
        CellRole.BlockHeader => "block",
        CellRole.Label => "label",
        CellRole.Value => "value",
        _ => "blank",
    };

    /// <summary>The Latin font first, where there is one: the browser then draws digits with it and falls back for CJK, as Word does.</summary>
    private static string Families(RenderStyle style) =>
        style.LatinFamily is null ? $"'{style.FontFamily}'" : $"'{style.LatinFamily}','{style.FontFamily}'";

    public static string Css(RenderStyle style)
    {
        var shade = style.HeaderShade is null ? "" : $"td.head,td.block,td.title{{background:{style.HeaderShade}}}";
        return string.Create(CultureInfo.InvariantCulture, $$"""
            html,body{margin:0;padding:0;background:#fff}
            body{font-family:{{Families(style)}};color:{{style.TextColor}};font-size:{{style.FontSizePx}}px;line-height:1.35}
            #sheet{display:inline-block;padding:18px;background:#fff}
            table.grid{border-collapse:collapse;table-layout:fixed;margin:0}
            table.grid td{border:{{style.BorderPx}}px solid {{style.BorderColor}};padding:{{style.PaddingPx}}px {{style.PaddingPx + 1}}px;text-align:center;vertical-align:middle;word-break:break-all;overflow-wrap:anywhere}
            table.grid td.label{text-align:left}
            table.grid td.block{text-align:left;font-weight:bold}
            table.grid td.title{font-weight:bold;font-size:1.1em}
            table.grid td.value{text-align:{{style.NumberAlign}};white-space:nowrap}
            /* An empty cell keeps a line's height, as in Word: a row printing every zero blank must not collapse into a double rule. */
            table.grid td:empty::after{content:"\00a0"}
            {{shade}}
            h1{font-size:1.5em;text-align:center;margin:0.4em 0 0.8em 0;font-weight:bold}
            h2{font-size:1.05em;margin:0.9em 0 0.5em 0;font-weight:bold}
            p{margin:0.5em 0;text-indent:2em;text-align:justify}
            .caption{text-align:center;margin:0.4em 0;font-size:0.95em}
            """);
    }
}
