using Microsoft.Extensions.Logging;
using TableRecovery.Core.Pipeline;

namespace TableRecovery.Worker.Hosting;

/// <summary>Builds Core's pipeline from the Engine and Worker options.</summary>
public static class RecovererFactory
{
    public static RecoveryEngineOptions EngineOptionsFrom(EngineOptions engine, int engineSlots) => new()
    {
        TessdataPath = ResolveTessdata(engine.TessdataPath),
        EngineSlots = engineSlots,
        MaxPixels = engine.MaxPixels,
        MaxInputBytes = engine.MaxInputBytes,
        PdfRenderDpi = engine.PdfRenderDpi,
        MaxPdfPages = engine.MaxPdfPages,
        PdfToolTimeout = engine.PdfToolTimeout,
    };

    public static ITableRecoverer Create(RecoveryEngineOptions options, ILoggerFactory loggerFactory) =>
        new TableRecoverer(options, loggerFactory);

    /// <summary>The configured folder, else tessdata/ beside the app, else tessdata/ in the current folder or above.</summary>
    public static string ResolveTessdata(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured)) return Path.GetFullPath(configured);
        var besideApp = Path.Combine(AppContext.BaseDirectory, "tessdata");
        if (File.Exists(Path.Combine(besideApp, "eng.traineddata"))) return besideApp;
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tessdata");
            if (File.Exists(Path.Combine(candidate, "eng.traineddata"))) return candidate;
        }
        return Path.GetFullPath("tessdata");
    }
}
