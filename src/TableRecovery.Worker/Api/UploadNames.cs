namespace TableRecovery.Worker.Api;

/// <summary>
/// Turns a client's file name into a plain name: the last path segment of either slash, no control
/// characters, never "." or "..". Upload names are never used as paths, but they are shown and exported.
/// </summary>
public static class UploadNames
{
    private const int MaxLength = 200;

    public static string Sanitize(string? raw, int position)
    {
        var name = (raw ?? "").Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length > MaxLength) name = name[^MaxLength..];
        return name is "" or "." or ".." ? $"upload-{position + 1}" : name;
    }
}
