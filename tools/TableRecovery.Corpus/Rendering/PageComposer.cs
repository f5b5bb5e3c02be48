using System.Net;
using System.Text;
using TableRecovery.Corpus.Planning;

namespace TableRecovery.Corpus.Rendering;

/// <summary>
/// Composes the HTML document of one image: a single table with its heading and caption, or a report page
/// with the three tables of one format stacked between paragraphs of body text.
/// </summary>
public static class PageComposer
{
    public static string Compose(ImagePlan plan)
    {
        var width = Math.Max(plan.Style.SheetWidthPx,
            plan.Tables.Max(t => TableHtmlRenderer.ColumnWidths(t.Truth.Layout.Id, t.Grid, t.Variant.ExtraBlankColumn, plan.Style).Sum()));
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>")
            .Append(TableHtmlRenderer.Css(plan.Style))
            .Append("</style></head><body><div id=\"sheet\">");
        if (plan.IsPage)
        {
            html.Append(System.Globalization.CultureInfo.InvariantCulture, $"<div style=\"width:{width}px\">");
        }
        if (plan.PageTitle is not null)
        {
            html.Append("<h1>").Append(WebUtility.HtmlEncode(plan.PageTitle)).Append("</h1>");
        }
        for (var i = 0; i < plan.Tables.Count; i++)
        {
            var table = plan.Tables[i];
            if (i < plan.BodyParagraphs.Count && plan.IsPage)
            {
                html.Append("<p>").Append(WebUtility.HtmlEncode(plan.BodyParagraphs[i])).Append("</p>");
            }
            if (table.Heading is not null)
            {
                html.Append("<h2>").Append(WebUtility.HtmlEncode(table.Heading)).Append("</h2>");
            }
            if (table.Caption is not null && !table.CaptionBelow)
            {
                html.Append("<div class=\"caption\">").Append(WebUtility.HtmlEncode(table.Caption)).Append("</div>");
            }
            html.Append(TableHtmlRenderer.Render(table, plan.Style, i, plan.IsPage ? width : 0));
            if (table.Caption is not null && table.CaptionBelow)
            {
                html.Append("<div class=\"caption\">").Append(WebUtility.HtmlEncode(table.Caption)).Append("</div>");
            }
        }
        if (plan.IsPage)
        {
            foreach (var paragraph in plan.BodyParagraphs.Skip(plan.Tables.Count))
            {
                html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>");
            }
            html.Append("</div>");
        }
        html.Append("</div></body></html>");
        return html.ToString();
    }
}
