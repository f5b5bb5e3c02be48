using Microsoft.Extensions.Logging;

namespace TableRecovery.Worker.Folder;

/// <summary>A file this worker moved from the inbox into its own claim folder.</summary>
public sealed record ClaimedFile(string Name, string Path);

/// <summary>
/// Claims inbox files by renaming them into <c>processing/&lt;worker id&gt;/</c> — a rename is atomic, so of
/// several workers on one shared folder exactly one wins. Each worker holds an exclusive lock on its claim
/// folder's <c>.owner</c> file for its lifetime; the operating system drops that lock when the process dies,
/// so any worker can tell a dead worker's claims and put them back in the inbox.
/// </summary>
public sealed class FolderClaims : IDisposable
{
    private const string OwnerFile = ".owner";
    private readonly FolderLayout _layout;
    private readonly TimeProvider _time;
    private readonly TimeSpan _settleTime;
    private readonly ILogger _logger;
    private readonly string _claimFolder;
    private FileStream? _ownerLock;

    public FolderClaims(FolderLayout layout, string workerId, TimeSpan settleTime, TimeProvider time, ILogger logger)
    {
        _layout = layout;
        _time = time;
        _settleTime = settleTime;
        _logger = logger;
        _claimFolder = Path.Combine(layout.Processing, Sanitize(workerId));
    }

    /// <summary>Creates the folders, takes this worker's claim folder and returns dead workers' claims to the inbox.</summary>
    public int Start()
    {
        _layout.EnsureCreated();
        for (var attempt = 1; _ownerLock is null; attempt++)
        {
            try
            {
                // Another worker's sweep may briefly hold or remove a fresh folder; try again.
                Directory.CreateDirectory(_claimFolder);
                _ownerLock = new FileStream(Path.Combine(_claimFolder, OwnerFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 20)
            {
                Thread.Sleep(50);
            }
        }
        return RequeueDeadClaims();
    }

    /// <summary>Moves the claims of workers that no longer hold their lock back into the inbox.</summary>
    public int RequeueDeadClaims()
    {
        var requeued = 0;
        foreach (var folder in Directory.EnumerateDirectories(_layout.Processing))
        {
            if (PathsEqual(folder, _claimFolder)) continue;
            FileStream? probe;
            try
            {
                probe = new FileStream(Path.Combine(folder, OwnerFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue; // its worker is alive
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            using (probe)
            {
                foreach (var file in Directory.EnumerateFiles(folder).Where(f => System.IO.Path.GetFileName(f) != OwnerFile))
                {
                    var target = FreeName(_layout.Inbox, System.IO.Path.GetFileName(file));
                    DurableFile.Move(file, target);
                    requeued++;
                    _logger.LogWarning("Requeued {File} left in {ClaimFolder} by a stopped worker", System.IO.Path.GetFileName(file), folder);
                }
            }
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { /* another worker is cleaning it up too */ }
        }
        // Files directly under processing/ (an older layout or a hand move) go back as well.
        foreach (var file in Directory.EnumerateFiles(_layout.Processing))
        {
            DurableFile.Move(file, FreeName(_layout.Inbox, System.IO.Path.GetFileName(file)));
            requeued++;
        }
        return requeued;
    }

    /// <summary>Inbox files that have been still for the settle time, oldest first.</summary>
    public IReadOnlyList<string> ListReady()
    {
        var settledBefore = _time.GetUtcNow() - _settleTime;
        return new DirectoryInfo(_layout.Inbox).EnumerateFiles()
            .Where(f => !IsTemporary(f.Name) && f.LastWriteTimeUtc <= settledBefore.UtcDateTime)
            .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => f.FullName)
            .ToList();
    }

    public int CountInbox() => Directory.EnumerateFiles(_layout.Inbox).Count(f => !IsTemporary(System.IO.Path.GetFileName(f)));

    /// <summary>Claims one inbox file; null when another worker took it first.</summary>
    public ClaimedFile? TryClaim(string inboxPath)
    {
        var name = System.IO.Path.GetFileName(inboxPath);
        var target = System.IO.Path.Combine(_claimFolder, name);
        try
        {
            if (File.Exists(target)) return null;
            DurableFile.Move(inboxPath, target);
            return new ClaimedFile(name, target);
        }
        catch (FileNotFoundException) { return null; }
        catch (DirectoryNotFoundException) { return null; }
    }

    /// <summary>After the result is durable: the input goes to done/ (or failed/, with its error document beside it).</summary>
    public async Task FinishAsync(ClaimedFile claim, bool failed, byte[] resultJson, CancellationToken cancellationToken)
    {
        var folder = failed ? _layout.Failed : _layout.Done;
        if (failed)
        {
            await DurableFile.WriteAsync(System.IO.Path.Combine(folder, FolderLayout.ResultName(claim.Name)), resultJson, cancellationToken);
        }
        DurableFile.Move(claim.Path, System.IO.Path.Combine(folder, claim.Name), overwrite: true);
    }

    /// <summary>Puts a claimed file back in the inbox (shutdown before it finished, or a storage fault).</summary>
    public void Release(ClaimedFile claim)
    {
        if (File.Exists(claim.Path)) DurableFile.Move(claim.Path, FreeName(_layout.Inbox, claim.Name));
    }

    public int CountMine() => Directory.Exists(_claimFolder)
        ? Directory.EnumerateFiles(_claimFolder).Count(f => System.IO.Path.GetFileName(f) != OwnerFile)
        : 0;

    public void Dispose()
    {
        _ownerLock?.Dispose();
        _ownerLock = null;
        try
        {
            if (Directory.Exists(_claimFolder) && CountMine() == 0) Directory.Delete(_claimFolder, recursive: true);
        }
        catch (IOException) { }
    }

    private static bool IsTemporary(string name) =>
        name.StartsWith('.') || name.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase) ||
        name.EndsWith(".part", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".crdownload", StringComparison.OrdinalIgnoreCase);

    private static string FreeName(string folder, string name)
    {
        var candidate = System.IO.Path.Combine(folder, name);
        for (var i = 1; File.Exists(candidate); i++)
        {
            candidate = System.IO.Path.Combine(folder, $"{System.IO.Path.GetFileNameWithoutExtension(name)} ({i}){System.IO.Path.GetExtension(name)}");
        }
        return candidate;
    }

    private static bool PathsEqual(string a, string b) =>
        string.Equals(System.IO.Path.GetFullPath(a).TrimEnd('/'), System.IO.Path.GetFullPath(b).TrimEnd('/'), StringComparison.Ordinal);

    private static string Sanitize(string workerId) =>
        string.Concat(workerId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
}
