using System.Text.Json;

namespace TableRecovery.Core.Layouts;

/// <summary>The five fixed layouts, read once from the embedded copy of layouts.json.</summary>
public sealed class LayoutCatalog
{
    private readonly Dictionary<string, TableLayout> _byId;

    private LayoutCatalog(IReadOnlyList<TableLayout> layouts)
    {
        All = layouts;
        _byId = layouts.ToDictionary(l => l.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<TableLayout> All { get; }

    public TableLayout this[string id] =>
        _byId.TryGetValue(id, out var layout) ? layout : throw new KeyNotFoundException($"Unknown layout '{id}'.");

    public bool TryGet(string id, out TableLayout layout) => _byId.TryGetValue(id, out layout!);

    private static readonly Lazy<LayoutCatalog> Embedded = new(LoadEmbedded);

    /// <summary>The catalog shipped inside this assembly; immutable, so one instance serves everybody.</summary>
    public static LayoutCatalog Default => Embedded.Value;

    private static LayoutCatalog LoadEmbedded()
    {
        using var stream = typeof(LayoutCatalog).Assembly.GetManifestResourceStream("TableRecovery.Core.Layouts.layouts.json")
            ?? throw new InvalidOperationException("layouts.json is not embedded in TableRecovery.Core.");
        return Parse(stream);
    }

    public static LayoutCatalog Parse(Stream json)
    {
        using var doc = JsonDocument.Parse(json);
        var layouts = new List<TableLayout>();
        foreach (var l in doc.RootElement.GetProperty("layouts").EnumerateArray())
        {
            var id = l.GetProperty("id").GetString()!;
            var section = l.GetProperty("section").GetString()!;
            var format = l.GetProperty("format").ToString();
            string? headerColumn = l.TryGetProperty("header_column_label", out var h) ? h.GetString() : null;
            var blocks = new List<LayoutBlock>();
            if (l.TryGetProperty("blocks", out var blocksJson))
            {
                foreach (var b in blocksJson.EnumerateArray())
                {
                    var key = b.GetProperty("key").GetString()!;
                    blocks.Add(new LayoutBlock(key, b.GetProperty("label").GetString()!,
                        ReadRows(b.GetProperty("rows"), key), ReadColumns(b.GetProperty("columns"), l)));
                }
            }
            else
            {
                blocks.Add(new LayoutBlock("table", section, ReadRows(l.GetProperty("rows"), null), ReadColumns(l.GetProperty("columns"), l)));
            }
            var identities = l.GetProperty("identities").EnumerateArray().Select(i => new Identity(
                i.GetProperty("name").GetString()!,
                i.GetProperty("text").GetString()!,
                i.GetProperty("lhs").EnumerateArray().Select(x => x.GetString()!).ToList(),
                i.GetProperty("rhs").EnumerateArray().Select(x => x.GetString()!).ToList())).ToList();
            layouts.Add(new TableLayout(id, section, format, headerColumn, blocks, identities));
        }
        return new LayoutCatalog(layouts);
    }

    private static List<LayoutRow> ReadRows(JsonElement rows, string? blockKey) =>
        rows.EnumerateArray().Select(r => new LayoutRow(
            r.GetProperty("key").GetString()!,
            r.GetProperty("label").GetString()!,
            r.TryGetProperty("group", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString() : null,
            blockKey)).ToList();

    private static List<LayoutColumn> ReadColumns(JsonElement columns, JsonElement layout) =>
        columns.EnumerateArray().Select(c =>
        {
            var type = c.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "int";
            var (kind, places) = ParseType(type);
            return new LayoutColumn(
                c.GetProperty("key").GetString()!,
                c.GetProperty("label").GetString()!,
                c.TryGetProperty("group", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString() : null,
                kind, places);
        }).ToList();

    private static (CellValueKind, int?) ParseType(string type) => type switch
    {
        "int" => (CellValueKind.NonNegativeInteger, null),
        "signed int" => (CellValueKind.SignedInteger, null),
        "decimal" => (CellValueKind.Decimal, null),
        _ when type.StartsWith("decimal(", StringComparison.Ordinal) =>
            (CellValueKind.Decimal, int.Parse(type.AsSpan(8, type.Length - 9), System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new FormatException($"Unknown cell type '{type}' in layouts.json."),
    };
}
