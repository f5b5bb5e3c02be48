using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TableRecovery.Corpus.Rendering;

/// <summary>One browser tab: loads an HTML document, measures it, paints overlays, and screenshots the sheet.</summary>
public sealed class ChromiumTab
{
    private const string MeasureScript = """
        document.fonts.ready.then(() => {
          const box = e => { const b = e.getBoundingClientRect(); return [b.left + scrollX, b.top + scrollY, b.width, b.height]; };
          return JSON.stringify({
            sheet: box(document.getElementById('sheet')),
            tables: [...document.querySelectorAll('table.grid')].map(t => ({
              box: box(t),
              cells: [...t.querySelectorAll('td')].map(td => ({ id: td.dataset.cell || null, grid: td.dataset.grid.split(',').map(Number), box: box(td) }))
            }))
          });
        })
        """;

    private static readonly JsonSerializerOptions GeometryJson = new() { PropertyNameCaseInsensitive = true };

    private readonly DevToolsConnection _connection;
    private readonly string _sessionId;
    private string _frameId = "";

    internal ChromiumTab(DevToolsConnection connection, string sessionId)
    {
        _connection = connection;
        _sessionId = sessionId;
    }

    internal async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await SendAsync("Page.enable", null, cancellationToken).ConfigureAwait(false);
        var tree = await SendAsync("Page.getFrameTree", null, cancellationToken).ConfigureAwait(false);
        _frameId = tree.GetProperty("frameTree").GetProperty("frame").GetProperty("id").GetString()!;
    }

    /// <summary>
    /// Renders <paramref name="html"/> at <paramref name="deviceScaleFactor"/>; <paramref name="chooseOverlays"/> sees the
    /// measured layout and returns white rectangles (CSS px, document coordinates) painted over it before the screenshot.
    /// </summary>
    public async Task<RenderedPage> RenderAsync(string html, double deviceScaleFactor,
        Func<PageGeometry, IReadOnlyList<CssRect>> chooseOverlays, CancellationToken cancellationToken)
    {
        await SendAsync("Emulation.setDeviceMetricsOverride",
            new { width = 2400, height = 1200, deviceScaleFactor, mobile = false }, cancellationToken).ConfigureAwait(false);
        await SendAsync("Page.setDocumentContent", new { frameId = _frameId, html }, cancellationToken).ConfigureAwait(false);
        var measured = await EvaluateAsync(MeasureScript, cancellationToken).ConfigureAwait(false);
        var geometry = JsonSerializer.Deserialize<PageGeometry>(measured, GeometryJson)
            ?? throw new InvalidOperationException("The page returned no geometry.");

        var overlays = chooseOverlays(geometry);
        if (overlays.Count > 0)
        {
            var script = new StringBuilder("(() => { const add = (x, y, w, h) => { const d = document.createElement('div'); ")
                .Append("d.style.cssText = `position:absolute;left:${x}px;top:${y}px;width:${w}px;height:${h}px;background:#fff;z-index:9`; ")
                .Append("document.body.appendChild(d); };");
            foreach (var o in overlays)
            {
                script.Append(CultureInfo.InvariantCulture, $"add({o.X:0.##},{o.Y:0.##},{o.Width:0.##},{o.Height:0.##});");
            }
            script.Append(" return 'ok'; })()");
            await EvaluateAsync(script.ToString(), cancellationToken).ConfigureAwait(false);
        }

        var sheet = geometry.Sheet;
        var shot = await SendAsync("Page.captureScreenshot", new
        {
            format = "png",
            captureBeyondViewport = true,
            fromSurface = true,
            clip = new { x = sheet[0], y = sheet[1], width = Math.Ceiling(sheet[2]), height = Math.Ceiling(sheet[3]), scale = 1 },
        }, cancellationToken).ConfigureAwait(false);
        return new RenderedPage(Convert.FromBase64String(shot.GetProperty("data").GetString()!), geometry, overlays, deviceScaleFactor);
    }

    /// <summary>Prints <paramref name="html"/> to an A4 PDF (text stays text: the born-digital reports' text layer).</summary>
    public async Task<byte[]> PrintPdfAsync(string html, CancellationToken cancellationToken)
    {
        await SendAsync("Emulation.setDeviceMetricsOverride",
            new { width = 1200, height = 1600, deviceScaleFactor = 1, mobile = false }, cancellationToken).ConfigureAwait(false);
        await SendAsync("Page.setDocumentContent", new { frameId = _frameId, html }, cancellationToken).ConfigureAwait(false);
        await EvaluateAsync("document.fonts.ready.then(() => 'ok')", cancellationToken).ConfigureAwait(false);
        var pdf = await SendAsync("Page.printToPDF", new
        {
            paperWidth = 8.27,
            paperHeight = 11.69,
            marginTop = 0.6,
            marginBottom = 0.6,
            marginLeft = 0.6,
            marginRight = 0.6,
            printBackground = true,
            displayHeaderFooter = false,
        }, cancellationToken).ConfigureAwait(false);
        return Convert.FromBase64String(pdf.GetProperty("data").GetString()!);
    }

    private async Task<string> EvaluateAsync(string expression, CancellationToken cancellationToken)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, awaitPromise = true, returnByValue = true }, cancellationToken)
            .ConfigureAwait(false);
        if (result.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"Page script failed: {exception.GetRawText()}");
        }
        return result.GetProperty("result").GetProperty("value").GetString() ?? "";
    }

    private Task<JsonElement> SendAsync(string method, object? parameters, CancellationToken cancellationToken) =>
        _connection.SendAsync(method, parameters, _sessionId, cancellationToken);
}

/// <summary>A rectangle in CSS pixels, document coordinates.</summary>
public readonly record struct CssRect(double X, double Y, double Width, double Height);

/// <summary>The measured layout of a rendered page: boxes are [x, y, width, height] in CSS px.</summary>
public sealed record PageGeometry(double[] Sheet, IReadOnlyList<TableGeometry> Tables);

public sealed record TableGeometry(double[] Box, IReadOnlyList<CellGeometry> Cells);

/// <summary>A drawn cell: its layout cell id (null for headers/labels), lattice position [row, col, rowspan, colspan], box.</summary>
public sealed record CellGeometry(string? Id, int[] Grid, double[] Box);

/// <summary>The screenshot of the sheet (device pixels) and what was measured and painted.</summary>
public sealed record RenderedPage(byte[] Png, PageGeometry Geometry, IReadOnlyList<CssRect> Overlays, double DeviceScaleFactor);
