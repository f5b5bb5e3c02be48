using System.Diagnostics;

namespace TableRecovery.Corpus.Rendering;

/// <summary>
/// One headless Chromium for the whole run, driven over the DevTools protocol; each worker renders through
/// its own <see cref="ChromiumTab"/>. The browser gets a fresh profile directory, deleted on dispose.
/// </summary>
public sealed class ChromiumRenderer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _profileDirectory;
    private readonly DevToolsConnection _connection;

    private ChromiumRenderer(Process process, string profileDirectory, DevToolsConnection connection)
    {
        _process = process;
        _profileDirectory = profileDirectory;
        _connection = connection;
    }

    public static async Task<ChromiumRenderer> StartAsync(string executable, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("corpus-chromium-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
            "--font-render-hinting=none", "--disable-lcd-text", $"--user-data-dir={profile}", "--remote-debugging-port=0", "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var portFile = Path.Combine(profile, "DevToolsActivePort");
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(portFile) || File.ReadAllLines(portFile).Length < 2)
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new InvalidOperationException("Chromium did not open its DevTools port.");
            }
            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
        var lines = File.ReadAllLines(portFile);
        var connection = await DevToolsConnection.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0].Trim()}{lines[1].Trim()}"), cancellationToken)
            .ConfigureAwait(false);
        return new ChromiumRenderer(process, profile, connection);
    }

    /// <summary>
    /// Attaches to the browser's own first page. Screenshots of extra, never-focused targets can stall in headless
    /// mode, so each worker runs its own browser with this single tab.
    /// </summary>
    public async Task<ChromiumTab> OpenTabAsync(CancellationToken cancellationToken)
    {
        var targets = await _connection.SendAsync("Target.getTargets", null, null, cancellationToken).ConfigureAwait(false);
        var targetId = targets.GetProperty("targetInfos").EnumerateArray()
            .Where(t => t.GetProperty("type").GetString() == "page")
            .Select(t => t.GetProperty("targetId").GetString())
            .FirstOrDefault();
        if (targetId is null)
        {
            var created = await _connection.SendAsync("Target.createTarget", new { url = "about:blank" }, null, cancellationToken).ConfigureAwait(false);
            targetId = created.GetProperty("targetId").GetString()!;
        }
        var attached = await _connection.SendAsync("Target.attachToTarget", new { targetId, flatten = true }, null, cancellationToken).ConfigureAwait(false);
        var tab = new ChromiumTab(_connection, attached.GetProperty("sessionId").GetString()!);
        await tab.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return tab;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _connection.SendAsync("Browser.close", null, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The browser may close the socket before replying.
        }
        await _connection.DisposeAsync().ConfigureAwait(false);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_profileDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A crashpad helper may still hold a file; the temp directory is harmless.
        }
    }
}
