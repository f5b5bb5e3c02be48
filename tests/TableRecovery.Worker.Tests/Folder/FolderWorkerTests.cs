using Microsoft.Extensions.Logging.Abstractions;
using TableRecovery.Core.Results;
using TableRecovery.Worker.Folder;
using TableRecovery.Worker.Hosting;
using TableRecovery.Worker.Tests.Support;

namespace TableRecovery.Worker.Tests.Folder;

public sealed class FolderWorkerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static ResultDocument ReadResult(string path) => ResultJson.Deserialize(File.ReadAllText(path));

    [Fact]
    public async Task A_dropped_image_gets_its_result_in_out_and_moves_to_done()
    {
        var fake = new FakeRecoverer();
        await using var host = await TestHost.StartAsync(_folder.Path, fake);
        await host.DropAsync("report.png", TestImages.Png(seed: 1));

        await TestHost.WaitUntilAsync(() => File.Exists(Path.Combine(host.Done, "report.png")), what: "report.png in done/");

        var document = ReadResult(Path.Combine(host.Out, "report.json"));
        Assert.Equal("report.png", document.Source);
        Assert.Equal("requests-2021", Assert.Single(document.Tables).Layout);
        Assert.Empty(Directory.EnumerateFiles(host.Inbox));
        Assert.DoesNotContain(Directory.EnumerateFiles(host.Processing, "*", SearchOption.AllDirectories), f => !f.EndsWith(".owner"));
    }

    [Fact]
    public async Task An_unreadable_file_goes_to_failed_with_its_error_document_beside_it_and_the_worker_goes_on()
    {
        var fake = new FakeRecoverer { ThrowFor = f => f.Name == "boom.png" ? new InvalidOperationException("engine fell over") : null };
        await using var host = await TestHost.StartAsync(_folder.Path, fake);
        await host.DropAsync("empty.png", []);
        await host.DropAsync("boom.png", TestImages.Png(seed: 2));
        await host.DropAsync("fine.png", TestImages.Png(seed: 3));

        await TestHost.WaitUntilAsync(() => File.Exists(Path.Combine(host.Done, "fine.png")) &&
            File.Exists(Path.Combine(host.Failed, "empty.png")) && File.Exists(Path.Combine(host.Failed, "boom.png")), what: "all three files");

        Assert.Equal(ErrorCodes.EmptyFile, ReadResult(Path.Combine(host.Failed, "empty.json")).Errors.Single().Code);
        var boom = ReadResult(Path.Combine(host.Failed, "boom.json"));
        Assert.Equal(ErrorCodes.InternalError, boom.Errors.Single().Code);
        Assert.Contains("engine fell over", boom.Errors.Single().Message);
        Assert.Equal(ErrorCodes.InternalError, ReadResult(Path.Combine(host.Out, "boom.json")).Errors.Single().Code);
    }

    [Fact]
    public async Task Identical_bytes_dropped_twice_are_recovered_once_and_both_get_the_result()
    {
        var fake = new FakeRecoverer();
        await using var host = await TestHost.StartAsync(_folder.Path, fake, new Dictionary<string, string?> { ["Worker:EngineSlots"] = "1" });
        var bytes = TestImages.Png(seed: 4);
        await host.DropAsync("first.png", bytes);
        await TestHost.WaitUntilAsync(() => File.Exists(Path.Combine(host.Done, "first.png")));
        await host.DropAsync("copy.png", bytes);
        await TestHost.WaitUntilAsync(() => File.Exists(Path.Combine(host.Done, "copy.png")));

        Assert.Equal(1, fake.TotalCalls);
        var first = ReadResult(Path.Combine(host.Out, "first.json"));
        var copy = ReadResult(Path.Combine(host.Out, "copy.json"));
        Assert.Equal("copy.png", copy.Source);
        Assert.Equal(first.Sha256, copy.Sha256);
        Assert.Equal(ResultJson.Serialize(first with { Source = "" }), ResultJson.Serialize(copy with { Source = "" }));
    }

    [Fact]
    public async Task Claims_left_in_processing_by_a_dead_worker_go_back_to_the_queue_at_start()
    {
        var dead = Path.Combine(_folder.Path, "processing", "dead-worker-1");
        Directory.CreateDirectory(dead);
        await File.WriteAllBytesAsync(Path.Combine(dead, ".owner"), []);
        await File.WriteAllBytesAsync(Path.Combine(dead, "orphan.png"), TestImages.Png(seed: 5));
        await File.WriteAllBytesAsync(Path.Combine(_folder.Path, "processing", "loose.png"), TestImages.Png(seed: 6));

        await using var host = await TestHost.StartAsync(_folder.Path, new FakeRecoverer());

        await TestHost.WaitUntilAsync(() => File.Exists(Path.Combine(host.Done, "orphan.png")) && File.Exists(Path.Combine(host.Done, "loose.png")));
        Assert.True(File.Exists(Path.Combine(host.Out, "orphan.json")));
        Assert.False(Directory.Exists(dead));
    }

    [Fact]
    public void A_live_workers_claims_are_left_alone_and_a_dead_ones_are_requeued()
    {
        var layout = FolderLayout.From(new WorkerOptions { Root = _folder.Path });
        using var alive = new FolderClaims(layout, "alive", TimeSpan.Zero, TimeProvider.System, NullLogger.Instance);
        alive.Start();
        File.WriteAllBytes(Path.Combine(layout.Inbox, "a.png"), TestImages.Png(seed: 7));
        var claim = alive.TryClaim(Path.Combine(layout.Inbox, "a.png"));
        Assert.NotNull(claim);

        var dying = new FolderClaims(layout, "dying", TimeSpan.Zero, TimeProvider.System, NullLogger.Instance);
        dying.Start();
        File.WriteAllBytes(Path.Combine(layout.Inbox, "b.png"), TestImages.Png(seed: 8));
        Assert.NotNull(dying.TryClaim(Path.Combine(layout.Inbox, "b.png")));
        dying.Dispose(); // its lock goes, as when the process dies

        using var observer = new FolderClaims(layout, "observer", TimeSpan.Zero, TimeProvider.System, NullLogger.Instance);
        var requeued = observer.Start();

        Assert.Equal(1, requeued);
        Assert.True(File.Exists(claim.Path));
        Assert.True(File.Exists(Path.Combine(layout.Inbox, "b.png")));
    }

    [Fact]
    public async Task Two_claimers_racing_over_one_inbox_claim_every_file_exactly_once()
    {
        var layout = FolderLayout.From(new WorkerOptions { Root = _folder.Path });
        using var one = new FolderClaims(layout, "one", TimeSpan.Zero, TimeProvider.System, NullLogger.Instance);
        using var two = new FolderClaims(layout, "two", TimeSpan.Zero, TimeProvider.System, NullLogger.Instance);
        one.Start();
        two.Start();
        for (var i = 0; i < 200; i++) File.WriteAllBytes(Path.Combine(layout.Inbox, $"f{i}.png"), [(byte)i]);

        var claims = await Task.WhenAll(new[] { one, two }.Select(c => Task.Run(() =>
            c.ListReady().Select(c.TryClaim).OfType<ClaimedFile>().Select(x => x.Name).ToList())));

        Assert.Equal(200, claims[0].Count + claims[1].Count);
        Assert.Empty(claims[0].Intersect(claims[1]));
    }

    [Fact]
    public async Task A_file_still_being_written_is_not_claimed_until_it_settles()
    {
        var fake = new FakeRecoverer();
        await using var host = await TestHost.StartAsync(_folder.Path, fake,
            // Ten times the pause between writes: a loaded machine (a benchmark beside the tests) stretched a 300 ms
            // pause past a 1.5 s settle time once.
            new Dictionary<string, string?> { ["Worker:FileSettleTime"] = "00:00:03" });
        var path = Path.Combine(host.Inbox, "slow.png");
        await using (var stream = new FileStream(path, FileMode.CreateNew))
        {
            var bytes = TestImages.Png(seed: 9);
            for (var i = 0; i < 4; i++)
            {
                await stream.WriteAsync(bytes.AsMemory(i * bytes.Length / 4, bytes.Length / 4));
                await stream.FlushAsync();
                await Task.Delay(300);
                Assert.True(File.Exists(path), "claimed while still being written");
            }
            await stream.WriteAsync(bytes.AsMemory(4 * (bytes.Length / 4)));
        }

        await TestHost.WaitUntilAsync(() => File.Exists(Path.Combine(host.Done, "slow.png")));
        Assert.Single(ReadResult(Path.Combine(host.Out, "slow.json")).Tables);
    }

    [Fact]
    public async Task Stopping_releases_work_still_in_flight_after_the_drain_time_back_to_the_inbox()
    {
        var gate = new ManualResetEventSlim(false);
        var fake = new FakeRecoverer { Gate = gate };
        var host = await TestHost.StartAsync(_folder.Path, fake, new Dictionary<string, string?> { ["Worker:DrainTimeout"] = "00:00:00.500" });
        await host.DropAsync("stuck.png", TestImages.Png(seed: 10));
        await TestHost.WaitUntilAsync(() => fake.TotalCalls == 1, what: "the recovery to start");

        await host.DisposeAsync();

        Assert.True(File.Exists(Path.Combine(host.Inbox, "stuck.png")));
        Assert.False(File.Exists(Path.Combine(host.Out, "stuck.json")));
        gate.Set();

        // The next worker picks it up and finishes it.
        await using var next = await TestHost.StartAsync(_folder.Path, new FakeRecoverer());
        await TestHost.WaitUntilAsync(() => File.Exists(Path.Combine(next.Done, "stuck.png")));
    }
}
