using TableRecovery.Core.Layouts;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Pipeline;
using TableRecovery.Core.Reconciliation;
using TableRecovery.Core.Results;

namespace TableRecovery.Benchmarks.Corpus;

/// <summary>
/// What the pipeline did with one read table: the lattice it read, the layout it snapped to, and the table
/// assembled with the identities switched off — so both figures come from the same OCR pass.
/// </summary>
internal sealed record AssembledTable(ReadTable Read, SnappedTable? Snapped, TableResult WithoutIdentities);

/// <summary>
/// The product's assembler (identities on) with a second, identities-off assembly of the same read tables
/// recorded beside it. Not thread-safe: the benchmark recovers one file at a time.
/// </summary>
internal sealed class RecordingAssembler : ITableAssembler
{
    private readonly LayoutSnapper _snapper = new();
    private readonly LayoutAssembler _withIdentities = new();
    private readonly LayoutAssembler _withoutIdentities =
        new(new LayoutSnapper(), new TableReconciler(new ReconciliationOptions { UseIdentities = false }));

    public List<AssembledTable> Recorded { get; } = [];

    public List<TableResult> Assemble(IReadOnlyList<ReadTable> tables)
    {
        var joined = new CutTableJoiner(_snapper).Join(_snapper.SnapAll(tables)).ToList();
        var off = _withoutIdentities.Assemble(tables);
        var on = _withIdentities.Assemble(tables);
        if (off.Count != joined.Count || on.Count != joined.Count)
        {
            throw new InvalidOperationException($"Assemblers disagree on the table count: {joined.Count} joined, {on.Count} on, {off.Count} off.");
        }
        for (var i = 0; i < joined.Count; i++)
        {
            // A table joined from parts is measured by its first part's lattice.
            Recorded.Add(new AssembledTable(joined[i].Parts[0].Source, joined[i].Table, off[i]));
        }
        return on;
    }
}
