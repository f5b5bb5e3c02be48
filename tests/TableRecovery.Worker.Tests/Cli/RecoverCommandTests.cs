using TableRecovery.Core.Results;
using TableRecovery.Worker.Cli;
using TableRecovery.Worker.Tests.Support;

namespace TableRecovery.Worker.Tests.Cli;

public sealed class RecoverCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Recover_writes_one_document_per_input_with_overlays_and_exits_zero_even_for_a_bad_input()
    {
        var good = _folder["scan.png"];
        var empty = _folder["empty.png"];
        await File.WriteAllBytesAsync(good, TestImages.Png(seed: 1));
        await File.WriteAllBytesAsync(empty, []);
        var output = new DirectoryInfo(_folder["out"]);

        var exit = await RecoverCommand.RunAsync(
            new RecoverArguments([new FileInfo(good), new FileInfo(empty)], output, Overlay: true, Jobs: 2, Tessdata: null),
            CancellationToken.None, () => new FakeRecoverer());

        Assert.Equal(0, exit);
        Assert.Equal("scan.png", ResultJson.Deserialize(File.ReadAllText(Path.Combine(output.FullName, "scan.json"))).Source);
        Assert.Equal(ErrorCodes.EmptyFile, ResultJson.Deserialize(File.ReadAllText(Path.Combine(output.FullName, "empty.json"))).Errors[0].Code);
        Assert.True(File.Exists(Path.Combine(output.FullName, "scan.overlay.png")));
    }

    [Fact]
    public async Task Inputs_sharing_a_base_name_each_keep_their_own_result()
    {
        var png = _folder["in/report.png"];
        var pdf = _folder["in/report.pdf"];
        var again = _folder["other/report.png"];
        foreach (var path in new[] { png, pdf, again })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, TestImages.Png(seed: path.Length));
        }
        var output = new DirectoryInfo(_folder["out"]);

        var exit = await RecoverCommand.RunAsync(
            new RecoverArguments([new FileInfo(png), new FileInfo(pdf), new FileInfo(again)], output, Overlay: false, Jobs: 2, Tessdata: null),
            CancellationToken.None, () => new FakeRecoverer());

        Assert.Equal(0, exit);
        string SourceOf(string result) => ResultJson.Deserialize(File.ReadAllText(Path.Combine(output.FullName, result))).Source;
        Assert.Equal("report.png", SourceOf("report.json"));
        Assert.Equal("report.pdf", SourceOf("report.pdf.json"));
        Assert.Equal("report.png", SourceOf("report.png.json"));
        Assert.Equal(3, output.GetFiles("*.json").Length);
    }

    /// <summary>
    /// The README's command as a user types it, from the repository root with a path relative to it. The Web SDK ran
    /// `dotnet run` in the project folder, where that path does not exist (and scripts/run.sh's inbox was looked for there).
    /// </summary>
    [Fact]
    public async Task Dotnet_run_reads_paths_relative_to_where_it_was_called()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ReviewFixtures.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "run", "--no-build", "-c", configuration, "--project", "src/TableRecovery.Worker", "--",
            "recover", $"tests/fixtures/corpus/{ReviewFixtures.ImageName}", "--out", _folder["out"] })
        {
            start.ArgumentList.Add(a);
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var result = Path.Combine(_folder["out"], Path.GetFileNameWithoutExtension(ReviewFixtures.ImageName) + ".json");
        Assert.True(process.ExitCode == 0 && File.Exists(result),
            $"exit {process.ExitCode}; {result} {(File.Exists(result) ? "written" : "missing")}\n{await stdout}\n{await stderr}");
    }

    [Fact]
    public async Task Recover_exits_non_zero_for_usage_errors()
    {
        Assert.NotEqual(0, await WorkerCommandLine.Build().Parse(["recover", _folder["missing.png"], "--out", _folder["out"]]).InvokeAsync());
        Assert.NotEqual(0, await WorkerCommandLine.Build().Parse(["recover", "--out", _folder["out"]]).InvokeAsync());
        await File.WriteAllBytesAsync(_folder["a.png"], TestImages.Png());
        Assert.NotEqual(0, await WorkerCommandLine.Build().Parse(["recover", _folder["a.png"], "--out", _folder["out"], "--jobs", "0"]).InvokeAsync());
    }

    [Fact]
    public async Task Recover_names_a_models_folder_without_the_models_and_exits_with_a_usage_error()
    {
        await File.WriteAllBytesAsync(_folder["a.png"], TestImages.Png());
        Directory.CreateDirectory(_folder["empty-tessdata"]);
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        int exit;
        try
        {
            exit = await RecoverCommand.RunAsync(
                new RecoverArguments([new FileInfo(_folder["a.png"])], new DirectoryInfo(_folder["out"]), Overlay: false, Jobs: 1,
                    Tessdata: new DirectoryInfo(_folder["empty-tessdata"])),
                CancellationToken.None);
        }
        finally
        {
            Console.SetError(original);
        }
        Assert.True(exit == 2 && error.ToString().Contains("empty-tessdata") && error.ToString().Contains("chi_sim.traineddata"),
            $"exit {exit}; stderr: {error}");
    }

    [Fact]
    public async Task Recover_runs_the_real_pipeline_over_good_and_bad_files()
    {
        await File.WriteAllBytesAsync(_folder["grid.png"], TestImages.Png(400, 300, seed: 2));
        await File.WriteAllBytesAsync(_folder["cut.png"], TestImages.Truncated(seed: 3));

        var exit = await WorkerCommandLine.Build()
            .Parse(["recover", _folder["grid.png"], _folder["cut.png"], "--out", _folder["out"], "--jobs", "2", "--tessdata", RealPipeline.Tessdata])
            .InvokeAsync();

        Assert.Equal(0, exit);
        Assert.Equal(ErrorCodes.CorruptImage, ResultJson.Deserialize(File.ReadAllText(_folder["out/cut.json"])).Errors.Single().Code);
        Assert.Equal("grid.png", ResultJson.Deserialize(File.ReadAllText(_folder["out/grid.json"])).Source);
    }
}
