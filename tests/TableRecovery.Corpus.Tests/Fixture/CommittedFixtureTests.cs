using TableRecovery.Core.Layouts;
using TableRecovery.Corpus.Output;
using TableRecovery.Corpus.Planning;
using TableRecovery.Corpus.Tests.Planning;

namespace TableRecovery.Corpus.Tests.Fixture;

/// <summary>The sample committed under tests/fixtures/corpus is what its documented command generates.</summary>
public sealed class CommittedFixtureTests
{
    private const long FixtureSeed = 2024;

    private static readonly string Directory = Path.Combine(RepositoryRoot(), "tests", "fixtures", "corpus");

    private static readonly Manifest Manifest = System.Text.Json.JsonSerializer.Deserialize<Manifest>(
        File.ReadAllText(Path.Combine(Directory, "manifest.json")), TruthFile.Json)!;

    [Fact]
    public void Every_committed_image_has_a_truth_file_that_the_planner_reproduces_from_the_documented_seed()
    {
        var requests = Presets.Fixture(LayoutCatalog.Default.All.Select(l => l.Id).ToList());
        var planner = new ImagePlanner(LayoutCatalog.Default);
        Assert.Equal(requests.Count, Manifest.Images.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var committed = TruthFile.Read(Path.Combine(Directory, Manifest.Images[i].Truth));
            Assert.True(new FileInfo(Path.Combine(Directory, committed.Image)).Length > 0);
            var planned = TruthFileBuilder.Build(planner.Plan(FixtureSeed, requests[i].Index, requests[i].Request), null, null);
            Assert.Equal(planned.Image, committed.Image);
            Assert.Equal(planned.Tables.Count, committed.Tables.Count);
            for (var t = 0; t < planned.Tables.Count; t++)
            {
                Assert.Equal(planned.Tables[t].Cells.Select(c => (c.Key, c.Value.Value, c.Value.Text)), committed.Tables[t].Cells.Select(c => (c.Key, c.Value.Value, c.Value.Text)));
                Assert.Equal(planned.Tables[t].PublishedInconsistent, committed.Tables[t].PublishedInconsistent);
            }
        }
    }

    [Fact]
    public void The_committed_sample_covers_every_layout_clean_the_harder_classes_a_sideways_image_a_page_and_a_printed_mistake()
    {
        var images = Manifest.Images;
        Assert.Equal(LayoutCatalog.Default.All.Select(l => l.Id).Order(),
            images.Where(i => i.ScanClass == "clean" && !i.Page).SelectMany(i => i.Layouts).Distinct().Order());
        Assert.Contains(images, i => i.ScanClass == "mild");
        Assert.Contains(images, i => i.ScanClass == "hard");
        Assert.Contains(images, i => i.Rotation != 0);
        Assert.Contains(images, i => i.Page && i.Layouts.Count == 3);
        Assert.Contains(images, i => i.Inconsistent);
        Assert.True(System.IO.Directory.EnumerateFiles(Directory).Sum(f => new FileInfo(f).Length) < 6_000_000);
    }

    [Fact]
    public void Committed_tables_break_exactly_the_identities_they_declare_and_every_cell_has_a_box_inside_the_image()
    {
        foreach (var entry in Manifest.Images)
        {
            var truth = TruthFile.Read(Path.Combine(Directory, entry.Truth));
            foreach (var table in truth.Tables)
            {
                Assert.Equal(LayoutIdentities.Broken(LayoutCatalog.Default[table.Layout], table), table.PublishedInconsistent);
                Assert.All(table.Cells.Values, c =>
                {
                    Assert.NotNull(c.Box);
                    Assert.InRange(c.Box![0], -2, truth.Width);
                    Assert.InRange(c.Box[1], -2, truth.Height);
                    Assert.InRange(c.Box[0] + c.Box[2], 0, truth.Width + 2);
                    Assert.InRange(c.Box[1] + c.Box[3], 0, truth.Height + 2);
                });
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TableRecovery.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("TableRecovery.slnx not found above the test binaries.");
    }
}
