using System.Text.Json;
using System.Text.Json.Serialization;
using TableRecovery.Core.Layouts;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Reconciliation;

namespace TableRecovery.Core.Tests.Support;

/// <summary>
/// One table's readings as the pipeline produced them from a generated image, with the truth of every cell
/// (tests/fixtures/readings): the reconciler's real input on a hard scan, without the engines. The benchmark writes
/// them (BENCH_SOLVER_DUMP=dir) and reads them back (`solve`).
/// </summary>
public sealed record ReadingsFixture(string Image, string Layout, Dictionary<string, List<Reading>> Readings, Dictionary<string, decimal?> Truth)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public static string Folder => Path.Combine(Fixtures.RepoRoot, "tests", "fixtures", "readings");

    /// <summary>A committed fixture by its file name without ".json".</summary>
    public static ReadingsFixture Load(string name) => LoadFile(Path.Combine(Folder, name + ".json"));

    public static ReadingsFixture LoadFile(string path) =>
        JsonSerializer.Deserialize<ReadingsFixture>(File.ReadAllText(path), Json)
        ?? throw new InvalidDataException($"{path} holds no readings.");

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public ReconciliationInput Input() =>
        ReconciliationInput.FromLayout(LayoutCatalog.Default[Layout], id => Readings.TryGetValue(id, out var r) ? r : null);

    /// <summary>The true value of a cell (a blank prints 0).</summary>
    public decimal TruthOf(string id) => Truth.GetValueOrDefault(id) ?? 0;
}
