using TableRecovery.Core.Layouts;
using TableRecovery.Corpus.Output;
using TableRecovery.Corpus.Planning;

namespace TableRecovery.Corpus.Tests.Planning;

public sealed class ImagePlannerTests
{
    private static readonly ImagePlanner Planner = new(LayoutCatalog.Default);
    private static readonly IReadOnlyList<(int Index, PlanRequest Request)> Mix =
        Presets.Mix(300, [ScanClass.Clean, ScanClass.Mild, ScanClass.Hard], LayoutCatalog.Default.All.Select(l => l.Id).ToList());

    private static TruthFile Truth(long seed, int index) => TruthFileBuilder.Build(Planner.Plan(seed, index, Mix[index].Request), null, null);

    [Fact]
    public void The_same_seed_gives_the_same_truth()
    {
        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(Truth(7, i).ToJson(), Truth(7, i).ToJson());
        }
        Assert.NotEqual(Truth(7, 0).ToJson(), Truth(8, 0).ToJson());
    }

    [Fact]
    public void Every_truth_table_lists_every_cell_of_its_layout_with_its_printed_text()
    {
        for (var i = 0; i < 120; i++)
        {
            foreach (var table in Truth(3, i).Tables)
            {
                var layout = LayoutCatalog.Default[table.Layout];
                Assert.Equal(layout.Cells.Select(c => c.Id), table.Cells.Keys);
                foreach (var (id, cell) in table.Cells)
                {
                    Assert.True(cell.Value == 0 ? Truth_zero_forms.Contains(cell.Text) : cell.Text.Replace(",", "", StringComparison.Ordinal) ==
                        cell.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{id}: {cell.Value} printed '{cell.Text}'");
                    Assert.InRange(cell.Grid[0], 0, table.GridRows - 1);
                    Assert.InRange(cell.Grid[1], 0, table.GridColumns - 1);
                }
                Assert.Equal(LayoutIdentities.Broken(layout, table), table.PublishedInconsistent);
            }
        }
    }

    [Fact]
    public void The_default_mix_has_every_layout_a_third_of_each_class_and_some_sideways_pages_and_mistakes()
    {
        var plans = Mix.Select(r => Planner.Plan(11, r.Index, r.Request)).ToList();
        Assert.Equal(5, plans.SelectMany(p => p.Tables).Select(t => t.Truth.Layout.Id).Distinct().Count());
        foreach (var scanClass in Enum.GetValues<ScanClass>())
        {
            Assert.InRange(plans.Count(p => p.ScanClass == scanClass), 70, 130);
        }
        Assert.InRange(plans.Count(p => p.Degradation.Rotation != 0), 15, 50);
        Assert.InRange(plans.Count(p => p.IsPage), 15, 50);
        Assert.InRange(plans.Count(p => p.Tables.Any(t => t.Truth.BrokenIdentities.Count > 0)), 8, 45);
        Assert.All(plans.Where(p => p.ScanClass == ScanClass.Hard),
            p => Assert.InRange(0.72 * p.Style.FontSizePx * p.Style.DeviceScaleFactor * p.Degradation.Scale, 10.5, 16.5));
        Assert.All(plans.Where(p => p.ScanClass == ScanClass.Mild),
            p => Assert.True(0.72 * p.Style.FontSizePx * p.Style.DeviceScaleFactor * p.Degradation.Scale >= 9));
        Assert.Contains(plans, p => p.Extension is "tif" or "bmp" or "webp");
    }

    private static readonly string[] Truth_zero_forms = ["0", "", "/", "-", "—", "无"];
}

/// <summary>Recomputes broken identities from a truth table alone, as a consumer of the corpus would.</summary>
internal static class LayoutIdentities
{
    public static IReadOnlyList<string> Broken(TableLayout layout, TruthTable table) =>
        layout.Identities.Where(i => i.Lhs.Sum(id => table.Cells[id].Value) != i.Rhs.Sum(id => table.Cells[id].Value))
            .Select(i => i.Name).Distinct().ToList();
}
