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
}
