using TableRecovery.Worker.Hosting;

namespace TableRecovery.Worker.Cli;

public sealed record ServeArguments(DirectoryInfo Root, string? Urls, bool ExitWhenIdle, string[] ConfigurationArgs);

/// <summary><c>serve</c>: the host with the folder worker and the HTTP API until stopped (or idle).</summary>
public static class ServeCommand
{
    public static async Task<int> RunAsync(ServeArguments arguments)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = arguments.ConfigurationArgs,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var overrides = new Dictionary<string, string?> { ["Worker:Root"] = arguments.Root.FullName };
        if (arguments.ExitWhenIdle) overrides["Worker:ExitWhenIdle"] = "true";
        builder.Configuration.AddInMemoryCollection(overrides);
        if (arguments.Urls is { } urls) builder.WebHost.UseUrls(urls);

        var app = builder.AddTableRecoveryService().Build();
        app.MapTableRecoveryService();
        await app.RunAsync();
        return 0;
    }
}
