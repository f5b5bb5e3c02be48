using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Npgsql;
using TableRecovery.Worker.Tests.Support;

namespace TableRecovery.Worker.Tests.Acceptance;

/// <summary>Two worker processes on one PostgreSQL and one shared folder never process an image twice.</summary>
public sealed class TwoWorkersOnPostgresTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly List<Process> _workers = [];

    public void Dispose()
    {
        foreach (var worker in _workers)
        {
            if (!worker.HasExited) worker.Kill(entireProcessTree: true);
            worker.Dispose();
        }
        _folder.Dispose();
    }

    private Process StartWorker(string name, string connectionString, int port)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "TableRecovery.Worker.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "serve", "--root", _folder.Path, "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Storage__Provider"] = "Postgres",
                ["Storage__ConnectionString"] = connectionString,
                ["Worker__WorkerId"] = name,
                ["Worker__EngineSlots"] = "1",
                ["Worker__FileSettleTime"] = "00:00:00.200",
                ["Worker__PollInterval"] = "00:00:00.050",
                ["Engine__TessdataPath"] = RealPipeline.Tessdata,
                ["Api__Keys__scraper"] = TestHost.ApiKey,
                ["Logging__LogLevel__Default"] = "Warning",
                ["OMP_THREAD_LIMIT"] = "1",
            },
        };
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _workers.Add(process);
        return process;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Two_worker_processes_share_one_queue_and_never_recover_an_image_twice()
    {
        var connectionString = await PostgresServer.CreateDatabaseAsync();
        var ports = new[] { FreePort(), FreePort() };
        StartWorker("worker-a", connectionString, ports[0]);
        StartWorker("worker-b", connectionString, ports[1]);

        // Half the images arrive over HTTP (posted to both workers), half in the shared inbox; some bytes repeat.
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", TestHost.ApiKey);
        await TestHost.WaitUntilAsync(async () =>
        {
            try { return (await client.GetAsync($"http://127.0.0.1:{ports[0]}/healthz/ready")).IsSuccessStatusCode &&
                         (await client.GetAsync($"http://127.0.0.1:{ports[1]}/healthz/ready")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(60), "both workers ready");

        var inbox = Path.Combine(_folder.Path, "inbox");
        for (var i = 0; i < 12; i++)
        {
            var temp = Path.Combine(_folder.Path, $".f{i}.tmp");
            await File.WriteAllBytesAsync(temp, TestImages.Png(160, 120, seed: i % 10));
            File.Move(temp, Path.Combine(inbox, $"f{i}.png"));
        }
        var batches = new List<string>();
        for (var b = 0; b < 2; b++)
        {
            var content = TestHost.Batch([.. Enumerable.Range(0, 6).Select(i => ($"b{b}-{i}.png", TestImages.Png(160, 120, seed: 20 + b * 6 + i)))]);
            var response = await client.PostAsync($"http://127.0.0.1:{ports[b]}/api/v1/batches", content);
            batches.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!);
        }

        await using var db = new NpgsqlConnection(connectionString);
        await TestHost.WaitUntilAsync(async () =>
            Directory.EnumerateFiles(Path.Combine(_folder.Path, "out"), "*.json").Count() == 12 &&
            await db.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM contents WHERE state IN ('queued', 'processing')") == 0,
            TimeSpan.FromSeconds(150), "every image to finish");

        var contents = (await db.QueryAsync<(string Sha256, long Recoveries, string RecoveredBy)>(
            "SELECT sha256, recoveries, recovered_by FROM contents")).ToList();
        Assert.Equal(22, contents.Count); // 10 distinct folder images + 12 batch images
        Assert.All(contents, c => Assert.Equal(1, c.Recoveries));
        Assert.Equal(["worker-a", "worker-b"], contents.Select(c => c.RecoveredBy).Distinct().Order());
        Assert.Equal(12, Directory.EnumerateFiles(Path.Combine(_folder.Path, "done")).Count() +
                         Directory.EnumerateFiles(Path.Combine(_folder.Path, "failed"), "*.png").Count());
        Assert.Empty(Directory.EnumerateFiles(inbox));
        foreach (var batch in batches)
        {
            var status = JsonDocument.Parse(await client.GetStringAsync($"http://127.0.0.1:{ports[1]}/api/v1/batches/{batch}")).RootElement;
            Assert.True(status.GetProperty("complete").GetBoolean());
        }
    }
}
