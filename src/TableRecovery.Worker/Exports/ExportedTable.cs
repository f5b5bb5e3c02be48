using TableRecovery.Core.Results;

namespace TableRecovery.Worker.Exports;

/// <summary>A table as exported: the file it came from (its own name), its place in that file's document, and its cells.</summary>
public sealed record ExportedTable(string Source, int TableIndex, TableResult Table);
