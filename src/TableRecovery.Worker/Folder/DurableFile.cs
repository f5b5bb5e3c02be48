using System.Runtime.InteropServices;

namespace TableRecovery.Worker.Folder;

/// <summary>
/// Writes a file so that after a crash it is either absent or complete: a temp file in the same folder,
/// flushed to disk, renamed over the target, and the folder entry flushed too.
/// </summary>
public static partial class DurableFile
{
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        SyncFolder(folder);
    }

    /// <summary>Renames a file and makes both folder entries durable.</summary>
    public static void Move(string from, string to, bool overwrite = false)
    {
        File.Move(from, to, overwrite);
        SyncFolder(Path.GetDirectoryName(to)!);
        SyncFolder(Path.GetDirectoryName(from)!);
    }

    /// <summary>fsync of a folder, so a rename in it survives power loss (POSIX; a no-op elsewhere).</summary>
    public static void SyncFolder(string folder)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        var fd = open(folder, 0 /* O_RDONLY */);
        if (fd < 0) return;
        try { _ = fsync(fd); }
        finally { _ = close(fd); }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int close(int fd);
}
