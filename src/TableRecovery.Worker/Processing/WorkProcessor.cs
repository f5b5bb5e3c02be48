using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using TableRecovery.Core.Results;
using TableRecovery.Worker.Diagnostics;
using TableRecovery.Worker.Folder;
using TableRecovery.Worker.Hosting;
using TableRecovery.Worker.Storage;

namespace TableRecovery.Worker.Processing;

/// <summary>
/// Carries one work item from its claim to its durable result: a folder file (read, hash, reuse or
/// recover, result written, input moved) or a queued content of an HTTP batch (recover, store).
/// </summary>
public sealed class WorkProcessor
{
    private readonly IRecoveryStore _store;
    private readonly RecoveryRunner _runner;
    private readonly FolderLayout _layout;
    private readonly WorkerIdentity _identity;
    private readonly WorkerOptions _options;
    private readonly WorkerMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<WorkProcessor> _logger;
    private readonly ResiliencePipeline _fileRetry;

    public WorkProcessor(
        IRecoveryStore store, RecoveryRunner runner, FolderLayout layout, WorkerIdentity identity, IOptions<WorkerOptions> options,
        WorkerMetrics metrics, TimeProvider time, ILogger<WorkProcessor> logger)
    {
        _store = store;
        _runner = runner;
        _layout = layout;
        _identity = identity;
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        // A file still locked or half-visible (a network share, a slow copy) is retried before it is failed.
        _fileRetry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<IOException>(e => e is not FileNotFoundException and not DirectoryNotFoundException),
                MaxRetryAttempts = 5,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
            })
            .Build();
    }

    private Lease NewLease() => new(_identity.Id, _time.GetUtcNow(), _options.ClaimLease);

    public async Task ProcessFolderFileAsync(FolderClaims claims, ClaimedFile claim, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope("File:{File} Origin:{Origin}", claim.Name, "folder");
        ResultDocument document;
        try
        {
            byte[] bytes;
            using (new StageTimer(_metrics, _time, "read"))
            {
                bytes = await _fileRetry.ExecuteAsync(async ct => await File.ReadAllBytesAsync(claim.Path, ct), cancellationToken);
            }
            var sha = Hashing.Sha256(bytes);
            document = await ResolveAsync(new LocalFile(claim.Name, sha, bytes), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            claims.Release(claim);
            _logger.LogInformation("Released {File} to the inbox at shutdown", claim.Name);
            return;
        }
        catch (Exception ex)
        {
            // Retries are spent: this one file fails with its reason; the worker goes on.
            _logger.LogError(ex, "Failing {File}: {Reason}", claim.Name, ex.Message);
            var sha = File.Exists(claim.Path) ? Hashing.Sha256(await File.ReadAllBytesAsync(claim.Path, CancellationToken.None)) : "";
            document = ResultDocument.Failed(claim.Name, sha, ErrorCodes.InternalError,
                $"The file could not be processed ({ex.GetType().Name}: {ex.Message}); move it back to the inbox to try again.");
        }

        document = document with { Source = claim.Name };
        var json = System.Text.Encoding.UTF8.GetBytes(ResultJson.Serialize(document));
        using (new StageTimer(_metrics, _time, "write"))
        {
            // The result is durable (store committed, file flushed and renamed) before the input leaves processing/.
            await DurableFile.WriteAsync(Path.Combine(_layout.Out, _layout.OutResultName(claim.Name)), json, CancellationToken.None);
            await claims.FinishAsync(claim, ContentStates.Of(document) == ContentStates.Failed, json, CancellationToken.None);
        }
        _logger.LogInformation("Finished {File}: {Tables} tables, errors {Errors}", claim.Name, document.Tables.Count,
            string.Join(',', document.Errors.Select(e => e.Code)));
    }

    /// <summary>Reuses a finished result of the same bytes, waits for another worker holding them, or recovers.</summary>
    private async Task<ResultDocument> ResolveAsync(LocalFile file, CancellationToken cancellationToken)
    {
        while (true)
        {
            var ingest = await _store.IngestLocalFileAsync(file, NewLease(), cancellationToken);
            switch (ingest.Kind)
            {
                case LocalIngestKind.ClaimedByCaller:
                    return await RecoverClaimAsync(ingest.Claim!, cancellationToken);
                case LocalIngestKind.AlreadyFinished:
                    _metrics.ResultReused();
                    _logger.LogInformation("Reusing the result of identical bytes {Sha256}", file.Sha256);
                    return ingest.Result!;
                default:
                    await Task.Delay(_options.PollInterval, _time, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>Recovers a claimed content under a renewed lease and stores its result.</summary>
    public async Task<ResultDocument> RecoverClaimAsync(ContentClaim claim, CancellationToken cancellationToken)
    {
        using var scope = _logger.BeginScope("Sha256:{Sha256} Attempt:{Attempt}", claim.Sha256, claim.Attempts);
        ResultDocument document;
        try
        {
            if (claim.Attempts > _options.MaxAttempts)
            {
                document = ResultDocument.Failed(claim.Name, claim.Sha256, ErrorCodes.InternalError,
                    $"Recovery was started {claim.Attempts - 1} times and never finished (the worker stopped each time); the file is set aside.");
            }
            else
            {
                using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var renewing = RenewAsync(claim.Sha256, renewal.Token);
                try
                {
                    document = (await _runner.RecoverAsync(claim.Name, claim.Bytes, false, cancellationToken)).Document;
                }
                finally
                {
                    await renewal.CancelAsync();
                    await renewing;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await _store.ReleaseAsync(claim.Sha256, _identity.Id, CancellationToken.None);
            throw;
        }

        bool stored;
        using (new StageTimer(_metrics, _time, "store"))
        {
            try
            {
                stored = await _store.CompleteAsync(claim.Sha256, _identity.Id, document, CancellationToken.None);
            }
            catch (Exception ex) when (!ResilientRecoveryStore.IsTransient(ex))
            {
                // The result itself cannot be stored (retrying will not help): record why, so the file fails once, with a reason.
                _logger.LogError(ex, "The result of {Sha256} could not be stored; recording internal_error", claim.Sha256);
                document = ResultDocument.Failed(claim.Name, claim.Sha256, ErrorCodes.InternalError,
                    $"The result could not be stored ({ex.GetType().Name}: {ex.Message}).");
                stored = await _store.CompleteAsync(claim.Sha256, _identity.Id, document, CancellationToken.None);
            }
        }
        if (!stored)
        {
            _logger.LogWarning("The claim on {Sha256} was lost before its result was stored; using the stored result", claim.Sha256);
            var state = await _store.GetContentAsync(claim.Sha256, CancellationToken.None);
            return state?.Result ?? document;
        }
        var flagged = document.Tables.Sum(t => t.Cells.Count(c => c.Status == Statuses.NeedsReview));
        _metrics.FileFinished(ContentStates.Of(document) == ContentStates.Failed, flagged);
        return document;
    }

    private async Task RenewAsync(string sha256, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(_options.ClaimLease / 3, _time, cancellationToken);
                if (!await _store.RenewLeaseAsync(sha256, NewLease(), cancellationToken))
                {
                    _logger.LogWarning("Lease on {Sha256} could not be renewed", sha256);
                }
            }
        }
        catch (OperationCanceledException) { }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Lease renewal for {Sha256} stopped", sha256);
        }
    }
}

/// <summary>This process's name in claims.</summary>
public sealed record WorkerIdentity(string Id)
{
    public static WorkerIdentity From(WorkerOptions options) =>
        new(options.WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}");
}
