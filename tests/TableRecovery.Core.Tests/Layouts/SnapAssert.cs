using System.Globalization;
using TableRecovery.Core.Layouts;

namespace TableRecovery.Core.Tests.Layouts;

/// <summary>Checks a snap against the synthetic table it came from, naming every wrong cell id and value.</summary>
internal static class SnapAssert
{
    public static SnappedTable Snapped(SnapResult result, SyntheticTable expected, params string[] missingRows)
    {
        Assert.True(result.IsMatch, $"no layout matched: {result.Reason}\n{Candidates(result)}");
        var table = result.Table!;
        Assert.True(table.Layout.Id == expected.Layout.Id,
            $"identified as {table.Layout.Id}, expected {expected.Layout.Id}\n{Candidates(result)}\n{Notes(table)}");
        var wrong = new List<string>();
        foreach (var cell in expected.Layout.Cells)
        {
            var got = table.CellsById[cell.Id];
            if (missingRows.Contains(cell.Row.Key))
            {
                if (got is not null)
                {
                    wrong.Add($"{cell.Id}: expected not in picture, got '{got.Text}'");
                }
            }
            else if (got is null)
            {
                wrong.Add($"{cell.Id}: expected '{expected.Values[cell.Id]}', got nothing");
            }
            else if (got.Text != expected.Values[cell.Id])
            {
                wrong.Add($"{cell.Id}: expected '{expected.Values[cell.Id]}', got '{got.Text}'");
            }
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {expected.Layout.Cells.Count} cells wrong:\n{string.Join("\n", wrong.Take(25))}\n{Notes(table)}");
        Assert.True(missingRows.SequenceEqual(table.MissingRowKeys),
            $"missing rows: expected [{string.Join(", ", missingRows)}], got [{string.Join(", ", table.MissingRowKeys)}]\n{Notes(table)}");
        Assert.Equal(expected.Layout.Cells.Count, table.CellsById.Count);
        return table;
    }

    public static string Candidates(SnapResult result) =>
        string.Join("\n", result.Candidates.Select(c => string.Create(CultureInfo.InvariantCulture, $"  {c.LayoutId}: {c.Score:0.000} — {c.Explanation}")));

    public static string Notes(SnappedTable table) => "notes:\n  " + string.Join("\n  ", table.Notes);
}
