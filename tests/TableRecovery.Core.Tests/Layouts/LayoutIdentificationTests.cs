using TableRecovery.Core.Layouts;

namespace TableRecovery.Core.Tests.Layouts;

public class LayoutIdentificationTests
{
    private readonly LayoutSnapper _snapper = new();

    [Theory]
    [InlineData("active-2021")]
    [InlineData("requests-2021")]
    [InlineData("appeals")]
    [InlineData("active-2019")]
    [InlineData("requests-2019")]
    public void Snaps_every_cell_of_a_clean_official_table(string layoutId)
    {
        var table = SyntheticTable.Official(layoutId);

        var result = _snapper.Snap(table.ToReadTable());

        var snapped = SnapAssert.Snapped(result, table);
        Assert.True(snapped.Score > 0.9, $"score {snapped.Score}\n{SnapAssert.Candidates(result)}");
        Assert.True(snapped.IsComplete, SnapAssert.Notes(snapped));
    }
}
