using Microsoft.Extensions.Logging.Abstractions;
using TableRecovery.Core.Pipeline;
using TableRecovery.Worker.Hosting;

namespace TableRecovery.Worker.Tests.Support;

/// <summary>Core's real TableRecoverer over the repo's tessdata/ (filled by scripts/setup.sh).</summary>
public static class RealPipeline
{
    public static string Tessdata => RecovererFactory.ResolveTessdata(null);

    public static bool Available => File.Exists(Path.Combine(Tessdata, "eng.traineddata"));

    public static TableRecoverer Create(int slots = 2, long maxPixels = 80_000_000) =>
        new(new RecoveryEngineOptions { TessdataPath = Tessdata, EngineSlots = slots, MaxPixels = maxPixels }, NullLoggerFactory.Instance);
}

/// <summary>A fact that runs the real engines: skipped without tessdata/, except under CI=true.</summary>
public sealed class RealPipelineFactAttribute : FactAttribute
{
    public RealPipelineFactAttribute()
    {
        if (!RealPipeline.Available && !PostgresServer.RequiredHere)
        {
            Skip = "tessdata/ has no eng.traineddata (run scripts/setup.sh); required when CI=true.";
        }
    }
}

/// <summary>Needs both the real engines and the PostgreSQL test server.</summary>
public sealed class RealPipelineAndPostgresFactAttribute : FactAttribute
{
    public RealPipelineAndPostgresFactAttribute()
    {
        if ((!RealPipeline.Available || PostgresServer.ConnectionString is null) && !PostgresServer.RequiredHere)
        {
            Skip = "Needs tessdata/ (scripts/setup.sh) and TABLERECOVERY_TEST_POSTGRES (scripts/postgres-test-server.sh); required when CI=true.";
        }
    }
}
