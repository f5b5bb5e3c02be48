using Microsoft.Extensions.Logging;
using TableRecovery.Core.Pipeline;
using TableRecovery.Core.Results;
using TableRecovery.Worker.Diagnostics;

namespace TableRecovery.Worker.Processing;

/// <summary>
/// Runs Core's pipeline for one input, isolated: whatever a bad scan does, the caller gets a document
/// (an unexpected exception becomes <c>internal_error</c>), and only cancellation escapes.
/// </summary>
public sealed class RecoveryRunner(ITableRecoverer recoverer, WorkerMetrics metrics, TimeProvider time, ILogger<RecoveryRunner> logger)
{
    public async Task<RecoveryOutcome> RecoverAsync(string name, byte[] bytes, bool renderOverlay, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        try
        {
            return await Task.Run(
                () => recoverer.Recover(new SourceFile(name, bytes), new RecoveryRequest(renderOverlay), cancellationToken),
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Recovery of {File} threw; recording internal_error", name);
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            return new RecoveryOutcome(
                ResultDocument.Failed(name, sha, ErrorCodes.InternalError, $"The recovery failed unexpectedly: {ex.Message}"), []);
        }
        finally
        {
            metrics.Stage("recover", time.GetElapsedTime(started));
        }
    }
}

/// <summary>Times one stage into the stage histogram.</summary>
internal readonly struct StageTimer(WorkerMetrics metrics, TimeProvider time, string stage) : IDisposable
{
    private readonly long _started = time.GetTimestamp();

    public void Dispose() => metrics.Stage(stage, time.GetElapsedTime(_started));
}

internal static class Hashing
{
    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}
