using System.Globalization;
using System.Text;
using System.Text.Json;
using TableRecovery.Core.Pipeline;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Benchmarks.Corpus;

/// <summary>
/// Writes one table of a corpus image as the pipeline read it, in the format of tests/fixtures/readtables (see the
/// README there), with where the truth puts every layout cell. Only for a table whose lattice came out with the truth's
/// rows and columns: the truth's grid positions are then the read lattice's (for another lattice, the layout alone).
/// </summary>
internal static class FixtureCapture
{
    public static int Run(string imagePath, int tableIndex, int truthIndex)
    {
        var truthPath = Path.ChangeExtension(imagePath, null) + ".truth.json";
        using var truth = JsonDocument.Parse(File.ReadAllText(truthPath));
        var truthTable = truth.RootElement.GetProperty("tables")[truthIndex];
        var assembler = new RecordingAssembler();
        using var recoverer = new TableRecoverer(
            new RecoveryEngineOptions { TessdataPath = Fixtures.Tessdata, EngineSlots = 1 }, assembler: assembler);
        recoverer.Recover(new SourceFile(Path.GetFileName(imagePath), File.ReadAllBytes(imagePath)), new RecoveryRequest(), CancellationToken.None);
        var read = assembler.Recorded[tableIndex].Read;
        var rows = truthTable.GetProperty("grid_rows").GetInt32();
        var columns = truthTable.GetProperty("grid_columns").GetInt32();
        var gridAsTruth = read.Lattice.RowCount == rows && read.Lattice.ColumnCount == columns;
        if (!gridAsTruth)
        {
            // Still a table to identify: its layout is known, where each cell lies in the read lattice is not.
            Console.Error.WriteLine($"grid read {read.Lattice.RowCount}x{read.Lattice.ColumnCount}, truth {rows}x{columns}: the truth's positions would not be the lattice's; written without them");
        }
        var seed = truth.RootElement.GetProperty("seed");
        var output = new StringBuilder();
        output.AppendLine(CultureInfo.InvariantCulture, $"# image seed {seed}: table #{tableIndex} of {Path.GetFileName(imagePath)} ({truth.RootElement.GetProperty("scan_class").GetString()}), as read by the pipeline (chi_sim labels, digits model numbers)");
        output.AppendLine(CultureInfo.InvariantCulture, $"layout {truthTable.GetProperty("layout").GetString()}");
        output.AppendLine(CultureInfo.InvariantCulture, $"truth-grid {rows}x{columns}");
        output.AppendLine(CultureInfo.InvariantCulture, $"heading {Escape(read.HeadingHint ?? string.Empty)}");
        output.AppendLine(CultureInfo.InvariantCulture, $"row-edges {string.Join(' ', read.Lattice.RowEdges)}");
        output.AppendLine(CultureInfo.InvariantCulture, $"column-edges {string.Join(' ', read.Lattice.ColumnEdges)}");
        foreach (var cell in read.Cells.OrderBy(c => c.Cell.Row).ThenBy(c => c.Cell.Column))
        {
            // A number cell keeps its best reading's confidence: the snapper weighs digits no engine is sure of.
            var kind = cell.IsNumeric
                ? string.Create(CultureInfo.InvariantCulture, $"number@{cell.Readings.FirstOrDefault()?.Confidence ?? 0:0.00}")
                : "text";
            var text = cell.IsNumeric ? cell.Readings.FirstOrDefault()?.Text ?? string.Empty : cell.Text;
            output.AppendLine(CultureInfo.InvariantCulture, $"cell {cell.Cell.Row} {cell.Cell.Column} {cell.Cell.RowSpan}x{cell.Cell.ColumnSpan} {kind} {Escape(text)}");
        }
        if (gridAsTruth)
        {
            foreach (var p in truthTable.GetProperty("cells").EnumerateObject())
            {
                var grid = p.Value.GetProperty("grid");
                output.AppendLine(CultureInfo.InvariantCulture, $"truth {p.Name} {grid[0].GetInt32()} {grid[1].GetInt32()}");
            }
        }
        Console.Write(output.ToString());
        return 0;
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
