namespace TableRecovery.Core.Layouts;

/// <summary>What a cell may hold; decides how a reading is parsed and what the solver may propose.</summary>
public enum CellValueKind
{
    NonNegativeInteger,
    SignedInteger,
    Decimal,
}

/// <summary>A row of a layout. <see cref="Group"/> is the merged row header path ("A / B"), or null.</summary>
public sealed record LayoutRow(string Key, string Label, string? Group, string? BlockKey = null);

/// <summary>A column of a layout. <see cref="Group"/> is the merged column header path, or null.</summary>
public sealed record LayoutColumn(string Key, string Label, string? Group, CellValueKind Kind, int? DecimalPlaces = null);

/// <summary>One numeric cell of a layout: id = "row key/column key".</summary>
public sealed record LayoutCell(string Id, LayoutRow Row, LayoutColumn Column)
{
    public CellValueKind Kind => Column.Kind;
}

/// <summary>A reconciliation identity (勾稽关系): sum(lhs) == sum(rhs) over cell ids.</summary>
public sealed record Identity(string Name, string Text, IReadOnlyList<string> Lhs, IReadOnlyList<string> Rhs)
{
    public IEnumerable<string> CellIds => Lhs.Concat(Rhs);
}

/// <summary>
/// A block of an <c>active-*</c> table: its own header row ("第二十条第（一）项") and its own columns.
/// Request and appeal tables have a single implicit block.
/// </summary>
public sealed record LayoutBlock(string Key, string Label, IReadOnlyList<LayoutRow> Rows, IReadOnlyList<LayoutColumn> Columns);

/// <summary>One of the fixed official table layouts of layouts.json.</summary>
public sealed class TableLayout
{
    private readonly Dictionary<string, LayoutCell> _cellsById;

    public TableLayout(string id, string section, string format, string? headerColumnLabel,
        IReadOnlyList<LayoutBlock> blocks, IReadOnlyList<Identity> identities)
    {
        Id = id;
        Section = section;
        Format = format;
        HeaderColumnLabel = headerColumnLabel;
        Blocks = blocks;
        Identities = identities;
        Cells = blocks.SelectMany(b => b.Rows.SelectMany(r => b.Columns.Select(c => new LayoutCell($"{r.Key}/{c.Key}", r, c)))).ToList();
        _cellsById = Cells.ToDictionary(c => c.Id, StringComparer.Ordinal);
        Rows = blocks.SelectMany(b => b.Rows).ToList();
    }

    public string Id { get; }
    public string Section { get; }
    public string Format { get; }
    public string? HeaderColumnLabel { get; }
    public IReadOnlyList<LayoutBlock> Blocks { get; }
    public IReadOnlyList<LayoutRow> Rows { get; }
    public IReadOnlyList<LayoutCell> Cells { get; }
    public IReadOnlyList<Identity> Identities { get; }

    /// <summary>True for the active-disclosure tables, whose blocks each carry their own header row.</summary>
    public bool IsBlockTable => Blocks.Count > 1;

    /// <summary>The columns of a single-block table (requests, appeals).</summary>
    public IReadOnlyList<LayoutColumn> Columns => Blocks[0].Columns;

    public LayoutCell Cell(string id) =>
        _cellsById.TryGetValue(id, out var cell) ? cell : throw new KeyNotFoundException($"Layout {Id} has no cell '{id}'.");

    public bool HasCell(string id) => _cellsById.ContainsKey(id);

    public override string ToString() => Id;
}
