using Microsoft.Extensions.Logging;
using Spectre.Console;
using TableRecovery.Core.Pipeline;
using TableRecovery.Core.Results;
using TableRecovery.Worker.Folder;
using TableRecovery.Worker.Hosting;

namespace TableRecovery.Worker.Cli;

public sealed record RecoverArguments(FileInfo[] Files, DirectoryInfo Out, bool Overlay, int Jobs, DirectoryInfo? Tessdata);

/// <summary>
/// <c>recover</c>: every input gets its document in the output folder — a bad input its error document —
/// so the exit code is non-zero only for usage errors (a missing input, an unusable output folder).
/// </summary>
public static class RecoverCommand
{
    public const int UsageError = 2;

    public static async Task<int> RunAsync(RecoverArguments arguments, CancellationToken cancellationToken, Func<ITableRecoverer>? recovererFactory = null)
    {
        var missing = arguments.Files.Where(f => !f.Exists).ToList();
        if (missing.Count > 0)
        {
            foreach (var file in missing) Console.Error.WriteLine($"recover: no such file: {file.FullName}");
            return UsageError;
        }
        try
        {
            arguments.Out.Create();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"recover: cannot create {arguments.Out.FullName}: {ex.Message}");
            return UsageError;
        }

        using var loggers = LoggerFactory.Create(b => b.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
        ITableRecoverer recoverer;
        try
        {
            recoverer = recovererFactory?.Invoke() ?? RecovererFactory.Create(
                RecovererFactory.EngineOptionsFrom(new EngineOptions { TessdataPath = arguments.Tessdata?.FullName }, arguments.Jobs), loggers);
        }
        catch (DirectoryNotFoundException ex)
        {
            // The models missing is a setup fault to name, not a crash to dump a stack for.
            Console.Error.WriteLine($"recover: {ex.Message}");
            return UsageError;
        }
        try
        {
            var summary = new Summary();
            if (AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
            {
                await AnsiConsole.Progress()
                    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async context =>
                    {
                        var task = context.AddTask("recovering", maxValue: arguments.Files.Length);
                        await RecoverAllAsync(recoverer, arguments, summary, () => task.Increment(1), cancellationToken);
                    });
            }
            else
            {
                await RecoverAllAsync(recoverer, arguments, summary, () => { }, cancellationToken);
            }
            Console.WriteLine(
                $"recover: {arguments.Files.Length} files: {summary.WithTables} with tables, {summary.NeedingReview} needing review, " +
                $"{summary.Failed} could not be read; results in {arguments.Out.FullName}");
            return 0;
        }
        finally
        {
            (recoverer as IDisposable)?.Dispose();
        }
    }

    private static Task RecoverAllAsync(
        ITableRecoverer recoverer, RecoverArguments arguments, Summary summary, Action advanced, CancellationToken cancellationToken)
    {
        var resultNames = ResultNames(arguments.Files);
        return Parallel.ForEachAsync(
            arguments.Files.Select((file, index) => (file, index)),
            new ParallelOptions { MaxDegreeOfParallelism = arguments.Jobs, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                var (file, index) = item;
                var outcome = await Task.Run(() => RecoverOne(recoverer, file, arguments.Overlay, ct), ct);
                var resultName = resultNames[index];
                var stem = resultName[..^".json".Length];
                var json = System.Text.Encoding.UTF8.GetBytes(ResultJson.Serialize(outcome.Document));
                await DurableFile.WriteAsync(Path.Combine(arguments.Out.FullName, resultName), json, ct);
                for (var i = 0; i < outcome.Overlays.Count; i++)
                {
                    var name = outcome.Overlays.Count == 1 ? $"{stem}.overlay.png" : $"{stem}.overlay.{i + 1}.png";
                    await DurableFile.WriteAsync(Path.Combine(arguments.Out.FullName, name), outcome.Overlays[i].Png, ct);
                }
                summary.Add(outcome.Document);
                advanced();
            });
    }

    /// <summary>
    /// One result name per input, in command-line order: x.json, and for a later input of the same base name (x.pdf after
    /// x.png) its whole name, x.pdf.json — no input's result overwrites another's.
    /// </summary>
    internal static IReadOnlyList<string> ResultNames(IReadOnlyList<FileInfo> files)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        return files.Select(f =>
        {
            var name = FolderLayout.UniqueResultName(f.Name, taken.Contains);
            taken.Add(name);
            return name;
        }).ToList();
    }

    private static RecoveryOutcome RecoverOne(ITableRecoverer recoverer, FileInfo file, bool overlay, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new RecoveryOutcome(ResultDocument.Failed(file.Name, "", ErrorCodes.InternalError, $"The file could not be read: {ex.Message}"), []);
        }
        try
        {
            return recoverer.Recover(new SourceFile(file.Name, bytes), new RecoveryRequest(overlay), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            return new RecoveryOutcome(
                ResultDocument.Failed(file.Name, sha, ErrorCodes.InternalError, $"The recovery failed unexpectedly: {ex.Message}"), []);
        }
    }

    private sealed class Summary
    {
        private int _withTables, _needingReview, _failed;
        public int WithTables => _withTables;
        public int NeedingReview => _needingReview;
        public int Failed => _failed;

        public void Add(ResultDocument document)
        {
            if (document.Tables.Count > 0) Interlocked.Increment(ref _withTables);
            if (document.Tables.Any(t => t.Status == Statuses.NeedsReview)) Interlocked.Increment(ref _needingReview);
            if (document.Tables.Count == 0 && document.Errors.Count > 0) Interlocked.Increment(ref _failed);
        }
    }
}
