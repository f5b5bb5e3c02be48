using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TableRecovery.Core.Pipeline;
using TableRecovery.Worker.Hosting;

namespace TableRecovery.Worker.Tests.Support;

/// <summary>
/// The real service (Kestrel on 127.0.0.1, a free port) over a temp folder tree and a real SQLite file
/// (or PostgreSQL), with the recoverer the test chooses.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string ApiKey = "test-key-0123456789abcdef";

    private TestHost(WebApplication app, string root, HttpClient client)
    {
        App = app;
        Root = root;
        Client = client;
    }

    public WebApplication App { get; }
    public string Root { get; }
    public HttpClient Client { get; }
    public string Inbox => Path.Combine(Root, "inbox");
    public string Out => Path.Combine(Root, "out");
    public string Done => Path.Combine(Root, "done");
    public string Failed => Path.Combine(Root, "failed");

    /// <summary>
    /// Sources moved out of processing to done/ or failed/ (not the error documents beside them). A result is written
    /// before its source is moved, so a test that checks where sources went waits for this, not for the results.
    /// </summary>
    public int SourcesFinished => Directory.EnumerateFiles(Done).Concat(Directory.EnumerateFiles(Failed))
        .Count(f => !f.EndsWith(".json", StringComparison.Ordinal));
    public string Processing => Path.Combine(Root, "processing");

    public static async Task<TestHost> StartAsync(
        string root, ITableRecoverer? recoverer, IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        var config = new Dictionary<string, string?>
        {
            ["Worker:Root"] = root,
            ["Worker:EngineSlots"] = "2",
            ["Worker:FileSettleTime"] = "00:00:00",
            ["Worker:PollInterval"] = "00:00:00.050",
            ["Worker:DrainTimeout"] = "00:00:05",
            ["Api:Keys:scraper"] = ApiKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
        builder.Configuration.AddInMemoryCollection(config);
        if (recoverer is not null) builder.Services.AddSingleton(recoverer);
        if (time is not null) builder.Services.AddSingleton(time);
        var app = builder.AddTableRecoveryService().Build();
        app.MapTableRecoveryService();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
        return new TestHost(app, root, client);
    }

    public async Task DropAsync(string name, byte[] bytes)
    {
        // Written beside the inbox and renamed in, as a well-behaved producer does.
        var temp = Path.Combine(Root, "." + name + ".incoming");
        await File.WriteAllBytesAsync(temp, bytes);
        File.Move(temp, Path.Combine(Inbox, name));
    }

    public static MultipartFormDataContent Batch(params (string Name, byte[] Bytes)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            content.Add(part, "files", name);
        }
        return content;
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting for {what ?? "the condition"}.");
            await Task.Delay(50);
        }
    }

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, what);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
