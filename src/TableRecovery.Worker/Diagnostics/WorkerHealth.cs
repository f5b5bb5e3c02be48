using Microsoft.Extensions.Diagnostics.HealthChecks;
using TableRecovery.Core.Pipeline;
using TableRecovery.Worker.Storage;

namespace TableRecovery.Worker.Diagnostics;

/// <summary>What the readiness checks read: the storage was migrated and the worker loop is turning.</summary>
public sealed class WorkerHealth
{
    private long _loopAliveAtMillis;
    private volatile bool _storageReady;

    public void StorageReady() => _storageReady = true;

    public void LoopAlive(DateTimeOffset at) => Interlocked.Exchange(ref _loopAliveAtMillis, at.ToUnixTimeMilliseconds());

    public bool IsStorageReady => _storageReady;

    public DateTimeOffset LoopAliveAt => DateTimeOffset.FromUnixTimeMilliseconds(Interlocked.Read(ref _loopAliveAtMillis));
}

/// <summary>Readiness of the store: migrated, and answering a query within the check's time.</summary>
public sealed class StorageHealthCheck(IRecoveryStore store, WorkerHealth health) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!health.IsStorageReady) return HealthCheckResult.Unhealthy("Storage is not migrated yet.");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var counts = await store.CountAsync(timeout.Token);
            return HealthCheckResult.Healthy($"queued {counts.Queued}, processing {counts.Processing}");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("Storage does not answer.", ex);
        }
    }
}

/// <summary>Readiness of the engines and the loop that feeds them.</summary>
public sealed class EngineHealthCheck(IServiceProvider services, WorkerHealth health, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan LoopStallLimit = TimeSpan.FromSeconds(60);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            _ = services.GetService(typeof(ITableRecoverer)) ?? throw new InvalidOperationException("No recoverer is registered.");
        }
        catch (Exception ex)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The recovery engines could not be built.", ex));
        }
        var sinceLoop = time.GetUtcNow() - health.LoopAliveAt;
        return Task.FromResult(sinceLoop > LoopStallLimit
            ? HealthCheckResult.Unhealthy($"The worker loop has not turned for {sinceLoop.TotalSeconds:F0} s.")
            : HealthCheckResult.Healthy());
    }
}
