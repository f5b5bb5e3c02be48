using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TableRecovery.Core.Pipeline;
using TableRecovery.Worker.Api;
using TableRecovery.Worker.Diagnostics;
using TableRecovery.Worker.Folder;
using TableRecovery.Worker.Processing;
using TableRecovery.Worker.Review;
using TableRecovery.Worker.Storage;

namespace TableRecovery.Worker.Hosting;

/// <summary>The one place the service is wired: options, storage, engines, the worker loop, the HTTP API and the review page.</summary>
public static class ServiceComposition
{
    /// <summary>
    /// Registers everything <c>serve</c> runs. A test may register its own <see cref="ITableRecoverer"/> or
    /// <see cref="TimeProvider"/> first; they are kept.
    /// </summary>
    public static WebApplicationBuilder AddTableRecoveryService(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.AddOptions<WorkerOptions>().Bind(configuration.GetSection(WorkerOptions.Section)).ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateOnStart();
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateOnStart();
        services.AddOptions<EngineOptions>().Bind(configuration.GetSection(EngineOptions.Section)).ValidateOnStart();
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddSingleton<IValidateOptions<EngineOptions>, EngineOptionsValidator>();
        services.AddSingleton<IValidateOptions<ReviewOptions>, ReviewOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => FolderLayout.From(sp.GetRequiredService<IOptions<WorkerOptions>>().Value));
        services.AddSingleton(sp => WorkerIdentity.From(sp.GetRequiredService<IOptions<WorkerOptions>>().Value));

        services.AddSingleton(CreateStore);
        services.AddSingleton<IRecoveryStore>(sp => sp.GetRequiredService<ResilientRecoveryStore>());
        services.AddSingleton<IReviewStore>(sp => sp.GetRequiredService<ResilientRecoveryStore>());

        services.TryAddSingleton<ITableRecoverer>(sp => RecovererFactory.Create(
            RecovererFactory.EngineOptionsFrom(
                sp.GetRequiredService<IOptions<EngineOptions>>().Value, sp.GetRequiredService<IOptions<WorkerOptions>>().Value.EngineSlots),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddMetrics();
        services.AddSingleton<WorkerMetrics>();
        services.AddSingleton<WorkerHealth>();
        services.AddSingleton<RecoveryRunner>();
        services.AddSingleton<WorkProcessor>();
        services.AddSingleton<ReviewService>();
        services.AddHostedService<RecoveryWorker>();
        services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>((host, worker) =>
            host.ShutdownTimeout = worker.Value.DrainTimeout + TimeSpan.FromSeconds(15));

        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: ["ready"])
            .AddCheck<EngineHealthCheck>("engines", tags: ["ready"]);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiOptions>>((kestrel, api) =>
            kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBytes);
        services.AddOptions<FormOptions>().Configure<IOptions<ApiOptions>>((form, api) =>
        {
            form.MultipartBodyLengthLimit = api.Value.MaxRequestBytes;
            form.ValueCountLimit = api.Value.MaxFilesPerBatch + 16;
        });
        return builder;
    }

    /// <summary>Maps the API, health and OpenAPI endpoints with problem+json errors.</summary>
    public static WebApplication MapTableRecoveryService(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapOpenApi();
        app.MapBatchApi();
        app.MapReviewApi();
        app.MapReviewPage();
        return app;
    }

    private static ResilientRecoveryStore CreateStore(IServiceProvider services)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var worker = services.GetRequiredService<IOptions<WorkerOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        SqlRecoveryStore store = storage.Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
            ? new PostgresRecoveryStore(storage.ConnectionString!, time)
            : new SqliteRecoveryStore(
                storage.ConnectionString ?? $"Data Source={Path.Combine(Path.GetFullPath(worker.Root), "tablerecovery.db")}", time);
        return new ResilientRecoveryStore(store, ResilientRecoveryStore.CreatePipeline(time));
    }
}
