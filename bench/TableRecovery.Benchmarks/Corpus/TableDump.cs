using TableRecovery.Core.Layouts;
using TableRecovery.Core.Pipeline;
using TableRecovery.Core.Tests.Reconciliation;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Benchmarks.Corpus;

/// <summary>
/// Diagnostic: what the pipeline read in one image — each lattice row's cells (label text or numeric
/// readings), the heading, and how the rows and columns were snapped onto a layout or why none fit.
/// </summary>
internal static class TableDump
{
    public static int Run(string imagePath)
    {
        var assembler = new RecordingAssembler();
        using var recoverer = new TableRecoverer(
            new RecoveryEngineOptions { TessdataPath = Fixtures.Tessdata, EngineSlots = 1 }, assembler: assembler);
        var outcome = recoverer.Recover(new SourceFile(Path.GetFileName(imagePath), File.ReadAllBytes(imagePath)), new RecoveryRequest(), CancellationToken.None);
        Console.WriteLine($"{imagePath}: {outcome.Document.Tables.Count} tables; errors: {string.Join(", ", outcome.Document.Errors.Select(e => e.Code))}");
        foreach (var (table, index) in assembler.Recorded.Select((t, i) => (t, i)))
        {
            var read = table.Read;
            Console.WriteLine($"--- table {index}: grid {read.Lattice.RowCount}x{read.Lattice.ColumnCount}, rotation {read.Rotation}, skew {read.SkewDegrees}, heading '{read.HeadingHint}'");
            Console.WriteLine($"    snapped: {table.Snapped?.Layout.Id ?? "none"} score {table.Snapped?.Score:0.00} notes: {string.Join(" | ", table.Snapped?.Notes ?? [])}");
            if (table.Snapped is null)
            {
                var alone = new LayoutSnapper().Snap(read);
                Console.WriteLine($"    snapped alone: {alone.Reason}");
                foreach (var candidate in alone.Candidates) Console.WriteLine($"      {candidate.LayoutId} {candidate.Score:0.00}: {candidate.Explanation}");
            }
            if (Environment.GetEnvironmentVariable("DUMP_NOTES") is { } notesLayout && notesLayout != table.Snapped?.Layout.Id)
            {
                // The table read as that layout (one that did not fit, or the runner-up), to see why it lost.
                var forced = new LayoutSnapper(minimumScore: 0).SnapAs(read, LayoutCatalog.Default[notesLayout]);
                Console.WriteLine($"    notes as {notesLayout}: {string.Join(" | ", forced.Table?.Notes ?? [])}");
                foreach (var row in forced.Table?.Rows ?? []) Console.WriteLine($"      r{row.LatticeRow,-2} {row.RowKey} ({row.Similarity:0.00} {row.Basis})");
            }
            foreach (var row in read.Cells.GroupBy(c => c.Cell.Row).OrderBy(g => g.Key))
            {
                var match = table.Snapped?.Rows.FirstOrDefault(r => r.LatticeRow == row.Key);
                var cells = row.OrderBy(c => c.Cell.Column).Select(c =>
                {
                    var span = c.Cell.RowSpan > 1 || c.Cell.ColumnSpan > 1 ? $"[{c.Cell.RowSpan}x{c.Cell.ColumnSpan}]" : "";
                    return c.IsNumeric ? $"#{c.Cell.Column}{span}:{SyntheticTables.Describe(c.Readings.Take(2))}" : $"{c.Cell.Column}{span}:'{Shorten(c.Text)}'";
                });
                Console.WriteLine($"  r{row.Key,-2} {(match is null ? "-" : $"{match.RowKey} ({match.Similarity:0.00} {match.Basis})"),-40} {string.Join("  ", cells)}");
            }
            foreach (var column in table.Snapped?.Columns ?? [])
            {
                Console.WriteLine($"  col {column.BlockKey}/{column.ColumnKey} = lattice {column.FirstLatticeColumn}..{column.LastLatticeColumn} ({column.Similarity:0.00} {column.Basis}) '{Shorten(column.ReadHeader)}'");
            }
        }
        return 0;
    }

    private static string Shorten(string text) => text.Length > 14 ? text[..14] + "…" : text;
}
