using System.Reflection;
using System.Text.RegularExpressions;

namespace TableRecovery.Worker.Storage;

/// <summary>The versioned migrations embedded from Storage/Migrations/&lt;Dialect&gt;/NNNN_name.sql.</summary>
public static partial class Migrations
{
    public sealed record Migration(long Version, string Name, string Sql);

    public static IReadOnlyList<Migration> For(string dialect)
    {
        var assembly = typeof(Migrations).Assembly;
        var prefix = $"migrations/{dialect}/";
        return assembly.GetManifestResourceNames()
            .Select(n => n.Replace('\\', '/'))
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => (Resource: n, Match: FileName().Match(n[prefix.Length..])))
            .Where(x => x.Match.Success)
            .Select(x => new Migration(
                long.Parse(x.Match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                x.Match.Groups[2].Value, Read(assembly, x.Resource)))
            .OrderBy(m => m.Version)
            .ToList();
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^(\d+)_(.+)\.sql$")]
    private static partial Regex FileName();
}
