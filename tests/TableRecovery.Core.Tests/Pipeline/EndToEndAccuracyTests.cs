using TableRecovery.Core.Results;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Pipeline;

/// <summary>Floors on the committed sample, through the real engines; the full figures come from the benchmark.</summary>
public sealed class EndToEndAccuracyTests(RecovererFixture pipeline) : IClassFixture<RecovererFixture>
{
    [Fact]
    public void No_cell_marked_ok_or_corrected_is_wrong_anywhere_in_the_sample()
    {
        var silent = new List<string>();
        foreach (var source in Fixtures.Corpus())
        {
            var doc = pipeline.Recover(source.Name, source.Bytes);
            foreach (var truth in source.Tables)
            {
                var table = doc.Tables.FirstOrDefault(t => t.Layout == truth.Layout);
                if (table is null) continue;
                foreach (var cell in table.Cells.Where(c => c.Status is Statuses.Ok or Statuses.Corrected))
                {
                    var expected = truth.Cells[cell.Id].Value;
                    if (cell.Value != expected) silent.Add($"{source.Name} {cell.Id}: {cell.Status} {cell.Value}, printed {expected}");
                }
            }
        }
        Assert.True(silent.Count == 0, $"{silent.Count} silent errors:\n{string.Join("\n", silent)}");
    }

    [Fact]
    public void Clean_request_tables_are_recovered_exactly_and_identified()
    {
        foreach (var source in Fixtures.Corpus().Where(c => c.ScanClass == "clean" && !c.IsPage && c.Tables[0].Layout.StartsWith("requests-", StringComparison.Ordinal)))
        {
            var doc = pipeline.Recover(source.Name, source.Bytes);
            var truth = source.Tables[0];
            var table = doc.Tables.FirstOrDefault(t => t.Layout == truth.Layout);
            Assert.True(table is not null, $"{source.Name}: layout {truth.Layout} not identified; found [{string.Join(", ", doc.Tables.Select(t => t.Layout))}]");
            var wrong = table.Cells.Where(c => c.Value != truth.Cells[c.Id].Value).Select(c => $"{c.Id}: {c.Value} vs {truth.Cells[c.Id].Value}").ToList();
            Assert.True(wrong.Count == 0, $"{source.Name}: {wrong.Count}/{table.Cells.Count} cells wrong: {string.Join("; ", wrong.Take(10))}");
            foreach (var name in truth.PublishedInconsistent)
            {
                var identity = table.Identities.Single(i => i.Name == name);
                Assert.True(!identity.Holds && identity.PublishedInconsistent, $"{source.Name}: printed inconsistency {name} not reported");
            }
        }
    }
}
