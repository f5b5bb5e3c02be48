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

    [Fact]
    public void Says_so_when_the_rows_that_tell_2021_from_2019_are_not_in_the_picture()
    {
        var table = SyntheticTable.Official("requests-2021");
        table.CutLastRows(6); // everything from （六）其他处理 down is on the next page

        var result = _snapper.Snap(table.ToReadTable());

        Assert.True(result.IsMatch, result.Reason);
        Assert.StartsWith("requests-", result.Table!.Layout.Id, StringComparison.Ordinal);
        Assert.Contains(result.Table.Notes, n => n.StartsWith("near tie with requests-", StringComparison.Ordinal));
    }

    [Fact]
    public void Explains_its_choice_with_every_candidate_score()
    {
        var result = _snapper.Snap(SyntheticTable.Official("requests-2019").ToReadTable());

        Assert.Equal(LayoutCatalog.Default.All.Count, result.Candidates.Count);
        Assert.Equal("requests-2019", result.Candidates[0].LayoutId);
        Assert.True(result.Candidates.Zip(result.Candidates.Skip(1)).All(p => p.First.Score >= p.Second.Score), "candidates not ranked");
        Assert.StartsWith("identified as requests-2019", result.Table!.Notes[0], StringComparison.Ordinal);
    }
}
