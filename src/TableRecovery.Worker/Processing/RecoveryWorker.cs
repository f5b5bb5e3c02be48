using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TableRecovery.Worker.Diagnostics;
using TableRecovery.Worker.Folder;
using TableRecovery.Worker.Hosting;
using TableRecovery.Worker.Storage;

namespace TableRecovery.Worker.Processing;

/// <summary>
/// The loop: takes a free engine slot, claims the next item — a settled inbox file or a queued content of
/// an HTTP batch, in turn — and hands it to <see cref="WorkProcessor"/>. It does no work itself. On
/// shutdown it lets in-flight items finish within the drain time, then cancels them, which releases their
/// claims back to the queue.
/// </summary>
public sealed class RecoveryWorker(
    IRecoveryStore store, WorkProcessor processor, FolderLayout layout, WorkerIdentity identity, IOptions<WorkerOptions> options,
    WorkerMetrics metrics, WorkerHealth health, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<RecoveryWorker> logger)
    : BackgroundService
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(10);
    private readonly WorkerOptions _options = options.Value;
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _inFlight = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var claims = new FolderClaims(layout, identity.Id, _options.FileSettleTime, time, logger);
        var requeued = claims.Start();
        logger.LogInformation("Worker {WorkerId} watching {Inbox} with {Slots} engine slots; {Requeued} stale claims requeued",
            identity.Id, layout.Inbox, _options.EngineSlots, requeued);

        using var drain = new CancellationTokenSource();
        using var slots = new SemaphoreSlim(_options.EngineSlots, _options.EngineSlots);
        var candidates = new Queue<string>();
        var preferFolder = true;
        var lastSweep = time.GetUtcNow();
        DateTimeOffset? idleSince = null;
        health.LoopAlive(time.GetUtcNow());

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                Func<Task>? work = null;
                try
                {
                    work = await TakeNextAsync(claims, candidates, preferFolder, drain.Token, stoppingToken);
                    preferFolder = !preferFolder;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Could not claim work; trying again after {Interval}", _options.PollInterval);
                }
                finally
                {
                    if (work is null) slots.Release();
                }
                health.LoopAlive(time.GetUtcNow());

                if (work is not null)
                {
                    idleSince = null;
                    Start(work, slots);
                    continue;
                }

                if (time.GetUtcNow() - lastSweep > SweepInterval)
                {
                    lastSweep = time.GetUtcNow();
                    claims.RequeueDeadClaims();
                }
                if (_options.ExitWhenIdle && await IsIdleAsync(claims, stoppingToken))
                {
                    idleSince ??= time.GetUtcNow();
                    if (time.GetUtcNow() - idleSince >= _options.IdleGrace)
                    {
                        logger.LogInformation("Inbox and queue are empty; stopping (exit when idle)");
                        lifetime.StopApplication();
                        break;
                    }
                }
                else
                {
                    idleSince = null;
                }
                await Task.Delay(_options.PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await DrainAsync(drain);
        }
    }

    private async Task<Func<Task>?> TakeNextAsync(
        FolderClaims claims, Queue<string> candidates, bool preferFolder, CancellationToken workToken, CancellationToken stoppingToken)
    {
        Func<Task>? FromFolder()
        {
            for (var refreshed = false; ; refreshed = true)
            {
                while (candidates.TryDequeue(out var path))
                {
                    if (claims.TryClaim(path) is { } claim) return () => processor.ProcessFolderFileAsync(claims, claim, workToken);
                }
                if (refreshed) return null;
                foreach (var path in claims.ListReady()) candidates.Enqueue(path);
            }
        }

        async Task<Func<Task>?> FromQueue()
        {
            var claim = await store.ClaimNextAsync(new Lease(identity.Id, time.GetUtcNow(), _options.ClaimLease), stoppingToken);
            return claim is null ? null : () => processor.RecoverClaimAsync(claim, workToken);
        }

        return preferFolder
            ? FromFolder() ?? await FromQueue()
            : await FromQueue() ?? FromFolder();
    }

    private void Start(Func<Task> work, SemaphoreSlim slots)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            catch (OperationCanceledException)
            {
                // released by the processor
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A work item failed; the worker goes on");
            }
            finally
            {
                slots.Release();
            }
        }, CancellationToken.None);
        lock (_gate) _inFlight.Add(task);
        _ = task.ContinueWith(t => { lock (_gate) _inFlight.Remove(t); }, TaskScheduler.Default);
    }

    private int InFlightCount()
    {
        lock (_gate) return _inFlight.Count(t => !t.IsCompleted);
    }

    private async Task<bool> IsIdleAsync(FolderClaims claims, CancellationToken cancellationToken)
    {
        if (InFlightCount() > 0 || claims.CountInbox() > 0 || claims.CountMine() > 0) return false;
        var counts = await store.CountAsync(cancellationToken);
        metrics.QueueDepth(counts.Queued);
        return counts.Queued == 0 && counts.Processing == 0;
    }

    private async Task DrainAsync(CancellationTokenSource drain)
    {
        Task[] pending;
        lock (_gate) pending = [.. _inFlight];
        if (pending.Length == 0) return;
        logger.LogInformation("Draining {Count} in-flight items for up to {DrainTimeout}", pending.Length, _options.DrainTimeout);
        var all = Task.WhenAll(pending);
        if (await Task.WhenAny(all, Task.Delay(_options.DrainTimeout, time)) != all)
        {
            logger.LogWarning("Drain time is up; releasing what is still in flight");
            await drain.CancelAsync();
        }
        await all;
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        layout.EnsureCreated();
        await store.MigrateAsync(cancellationToken);
        health.StorageReady();
        await base.StartAsync(cancellationToken);
    }
}
