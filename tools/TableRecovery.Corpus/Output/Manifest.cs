using System.Text.Json;

namespace TableRecovery.Corpus.Output;

/// <summary><c>manifest.json</c>: the images of a generated corpus, their class and layouts.</summary>
public sealed record Manifest(string Generator, long Seed, int Count, IReadOnlyList<ManifestEntry> Images)
{
    public string ToJson() => JsonSerializer.Serialize(this, TruthFile.Json);
}

public sealed record ManifestEntry(string Image, string Truth, string ScanClass, IReadOnlyList<string> Layouts, bool Page, int Rotation, bool Inconsistent);
