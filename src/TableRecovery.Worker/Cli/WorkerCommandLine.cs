using System.CommandLine;

namespace TableRecovery.Worker.Cli;

/// <summary>The verbs: <c>recover</c> (files in, documents out) and <c>serve</c> (folder worker + HTTP API).</summary>
public static class WorkerCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Recovers the statistics tables of 政府信息公开工作年度报告 from images.");
        root.Subcommands.Add(BuildRecover());
        root.Subcommands.Add(BuildServe());
        return root;
    }

    private static Command BuildRecover()
    {
        var files = new Argument<FileInfo[]>("files") { Arity = ArgumentArity.OneOrMore, Description = "Input images or documents." };
        var output = new Option<DirectoryInfo>("--out") { Required = true, Description = "Folder for <name>.json (and overlays)." };
        var overlay = new Option<bool>("--overlay") { Description = "Also write <name>.overlay.png with the grid and readings drawn." };
        var jobs = new Option<int>("--jobs")
        {
            DefaultValueFactory = _ => Environment.ProcessorCount,
            Description = "Files recovered at once (one engine each). Default: the core count.",
        };
        var tessdata = new Option<DirectoryInfo?>("--tessdata") { Description = "Folder with the OCR models (default: tessdata/)." };
        jobs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 256) r.AddError("--jobs must be between 1 and 256.");
        });
        var command = new Command("recover", "Recover the tables of the given files; one result document per file.")
        {
            files, output, overlay, jobs, tessdata,
        };
        command.SetAction((result, cancellationToken) => RecoverCommand.RunAsync(
            new RecoverArguments(result.GetRequiredValue(files), result.GetRequiredValue(output), result.GetValue(overlay),
                result.GetValue(jobs), result.GetValue(tessdata)),
            cancellationToken));
        return command;
    }

    private static Command BuildServe()
    {
        var root = new Option<DirectoryInfo>("--root")
        {
            Description = "Root of the folder tree (inbox, processing, done, failed, out) and of the default SQLite file.",
            DefaultValueFactory = _ => new DirectoryInfo("run"),
        };
        var urls = new Option<string?>("--urls") { Description = "Where the HTTP API listens, e.g. http://127.0.0.1:5080." };
        var exitWhenIdle = new Option<bool>("--exit-when-idle") { Description = "Stop once the inbox and the queue are empty." };
        var command = new Command("serve", "Run the folder worker and the HTTP API. Other settings: --Section:Key=value, environment Section__Key, appsettings.json.")
        {
            root, urls, exitWhenIdle,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, _) => ServeCommand.RunAsync(
            new ServeArguments(result.GetRequiredValue(root), result.GetValue(urls), result.GetValue(exitWhenIdle), [.. result.UnmatchedTokens])));
        return command;
    }
}
