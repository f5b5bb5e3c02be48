using Microsoft.Extensions.Options;

namespace TableRecovery.Worker.Hosting;

/// <summary>The folder worker and the processing loop (configuration section <c>Worker</c>).</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Root of the folder tree; each folder below defaults to a child of it.</summary>
    public string Root { get; set; } = "run";
    public string? InboxPath { get; set; }
    public string? ProcessingPath { get; set; }
    public string? DonePath { get; set; }
    public string? FailedPath { get; set; }
    public string? OutPath { get; set; }

    /// <summary>Recoveries at once; one engine per slot. Default: the core count.</summary>
    public int EngineSlots { get; set; } = Environment.ProcessorCount;

    /// <summary>How long a dropped file must stay unchanged before it is claimed (still being copied otherwise).</summary>
    public TimeSpan FileSettleTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause between looks at the inbox and the queue when both were empty.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a claim in the store holds without renewal; a dead worker's claims come back after it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>On shutdown, in-flight work may finish within this time; what is left is released to the queue.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Claims of one content before it is failed as one that stops workers.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Stop the host once the inbox and the queue stay empty for <see cref="IdleGrace"/>.</summary>
    public bool ExitWhenIdle { get; set; }
    public TimeSpan IdleGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>This process's name in claims; default host name, process id and a random suffix.</summary>
    public string? WorkerId { get; set; }
}

/// <summary>Where results live (section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>Sqlite</c> (default: &lt;root&gt;/tablerecovery.db) or <c>Postgres</c>.</summary>
    public string Provider { get; set; } = "Sqlite";
    public string? ConnectionString { get; set; }
}

/// <summary>The HTTP API (section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>API keys by client name; a request must carry one in the <c>X-Api-Key</c> header.</summary>
    public Dictionary<string, string> Keys { get; set; } = [];
    public long MaxRequestBytes { get; set; } = 100L * 1024 * 1024;
    public int MaxFilesPerBatch { get; set; } = 200;
}

/// <summary>The recovery engines (section <c>Engine</c>), mapped onto Core's RecoveryEngineOptions.</summary>
public sealed class EngineOptions
{
    public const string Section = "Engine";

    /// <summary>Folder with eng/chi_sim traineddata; default: tessdata/ beside the app or in the current folder.</summary>
    public string? TessdataPath { get; set; }
    public long MaxPixels { get; set; } = 80_000_000;
    public long MaxInputBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>PDF pages are rendered at this resolution (200 or more).</summary>
    public int PdfRenderDpi { get; set; } = 200;
    public int MaxPdfPages { get; set; } = 200;

    /// <summary>Each poppler tool run (pdfinfo, pdftotext, pdfimages, pdftoppm) is killed after this long.</summary>
    public TimeSpan PdfToolTimeout { get; set; } = TimeSpan.FromSeconds(60);
}

internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions o)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Root)) errors.Add("Worker:Root must name a folder.");
        if (o.EngineSlots is < 1 or > 256) errors.Add($"Worker:EngineSlots must be 1..256, not {o.EngineSlots}.");
        if (o.FileSettleTime < TimeSpan.Zero) errors.Add("Worker:FileSettleTime must not be negative.");
        if (o.PollInterval <= TimeSpan.Zero) errors.Add("Worker:PollInterval must be positive.");
        if (o.ClaimLease < TimeSpan.FromSeconds(1)) errors.Add("Worker:ClaimLease must be at least 1 second.");
        if (o.DrainTimeout < TimeSpan.Zero) errors.Add("Worker:DrainTimeout must not be negative.");
        if (o.MaxAttempts < 1) errors.Add("Worker:MaxAttempts must be at least 1.");
        if (o.IdleGrace < TimeSpan.Zero) errors.Add("Worker:IdleGrace must not be negative.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions o) => o.Provider switch
    {
        _ when o.Provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => ValidateOptionsResult.Success,
        _ when o.Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(o.ConnectionString) =>
            ValidateOptionsResult.Fail("Storage:ConnectionString is required when Storage:Provider is Postgres."),
        _ when o.Provider.Equals("Postgres", StringComparison.OrdinalIgnoreCase) => ValidateOptionsResult.Success,
        _ => ValidateOptionsResult.Fail($"Storage:Provider must be Sqlite or Postgres, not '{o.Provider}'."),
    };
}

internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions o)
    {
        var errors = new List<string>();
        if (o.MaxRequestBytes < 1024) errors.Add("Api:MaxRequestBytes must be at least 1024.");
        if (o.MaxFilesPerBatch < 1) errors.Add("Api:MaxFilesPerBatch must be at least 1.");
        foreach (var (client, key) in o.Keys)
        {
            if (key.Length < 16) errors.Add($"Api:Keys:{client} must be at least 16 characters long.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

internal sealed class EngineOptionsValidator : IValidateOptions<EngineOptions>
{
    public ValidateOptionsResult Validate(string? name, EngineOptions o)
    {
        var errors = new List<string>();
        if (o.MaxPixels < 1) errors.Add("Engine:MaxPixels must be positive.");
        if (o.MaxInputBytes < 1) errors.Add("Engine:MaxInputBytes must be positive.");
        if (o.PdfRenderDpi is < 200 or > 600) errors.Add($"Engine:PdfRenderDpi must be 200..600, not {o.PdfRenderDpi}.");
        if (o.MaxPdfPages < 1) errors.Add("Engine:MaxPdfPages must be positive.");
        if (o.PdfToolTimeout < TimeSpan.FromSeconds(1)) errors.Add("Engine:PdfToolTimeout must be at least 1 second.");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
