using TableRecovery.Worker.Hosting;

namespace TableRecovery.Worker.Folder;

/// <summary>The folder tree of the watched-folder worker.</summary>
public sealed record FolderLayout(string Inbox, string Processing, string Done, string Failed, string Out)
{
    public static FolderLayout From(WorkerOptions options)
    {
        var root = Path.GetFullPath(options.Root);
        string Under(string? configured, string name) => Path.GetFullPath(configured ?? Path.Combine(root, name));
        return new FolderLayout(
            Under(options.InboxPath, "inbox"), Under(options.ProcessingPath, "processing"), Under(options.DonePath, "done"),
            Under(options.FailedPath, "failed"), Under(options.OutPath, "out"));
    }

    public void EnsureCreated()
    {
        foreach (var folder in new[] { Inbox, Processing, Done, Failed, Out }) Directory.CreateDirectory(folder);
    }

    /// <summary>The result document's name for an input: its last extension replaced by .json.</summary>
    public static string ResultName(string inputName) => Path.GetFileNameWithoutExtension(inputName) + ".json";

    /// <summary>
    /// The result name for an input unless another input already holds it (report.pdf and report.png both want
    /// report.json): then the input's whole name plus .json (report.png.json), then a counter (report.png (2).json).
    /// </summary>
    public static string UniqueResultName(string inputName, Func<string, bool> taken)
    {
        var name = ResultName(inputName);
        if (!taken(name)) return name;
        name = Path.GetFileName(inputName) + ".json";
        for (var i = 2; taken(name); i++) name = $"{Path.GetFileName(inputName)} ({i}).json";
        return name;
    }

    /// <summary>
    /// The name of an input's document in out/: <see cref="ResultName"/>, unless a document of another input is already
    /// there under it (a later report.png beside report.pdf's report.json); the same input again replaces its own.
    /// </summary>
    public string OutResultName(string inputName) =>
        UniqueResultName(inputName, candidate => IsAnotherInputsDocument(Path.Combine(Out, candidate), inputName));

    private static bool IsAnotherInputsDocument(string path, string inputName)
    {
        if (!File.Exists(path)) return false;
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
            return !(json.RootElement.TryGetProperty("source", out var source) && source.GetString() == inputName);
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            return true; // unreadable: do not overwrite it
        }
    }
}
