using Microsoft.Extensions.Logging.Abstractions;
using TableRecovery.Core.Pipeline;
using TableRecovery.Worker.Hosting;

namespace TableRecovery.Worker.Tests.Support;

/// <summary>Core's real TableRecoverer over the repo's tessdata/ (filled by scripts/setup.sh).</summary>
public static class RealPipeline
{
    public static string Tessdata => RecovererFactory.ResolveTessdata(null);

    /// <summary>The engines are required: scripts/test.sh installs them, and a test without them fails, never skips.</summary>
    public static TableRecoverer Create(int slots = 2, long maxPixels = 80_000_000)
    {
        if (!File.Exists(Path.Combine(Tessdata, "eng.traineddata")))
        {
            throw new InvalidOperationException($"{Tessdata} has no eng.traineddata: run scripts/setup.sh before the tests.");
        }
        return new(new RecoveryEngineOptions { TessdataPath = Tessdata, EngineSlots = slots, MaxPixels = maxPixels }, NullLoggerFactory.Instance);
    }
}
