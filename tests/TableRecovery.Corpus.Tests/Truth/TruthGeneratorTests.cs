using TableRecovery.Core.Layouts;
using TableRecovery.Corpus.Truth;

namespace TableRecovery.Corpus.Tests.Truth;

public sealed class TruthGeneratorTests
{
    private static readonly LayoutCatalog Catalog = LayoutCatalog.Default;

    public static TheoryData<string> LayoutsWithIdentities => new() { "requests-2021", "requests-2019", "appeals" };

    public static TheoryData<string> AllLayouts => new() { "requests-2021", "requests-2019", "appeals", "active-2021", "active-2019" };

    [Theory]
    [MemberData(nameof(LayoutsWithIdentities))]
    public void Generated_tables_satisfy_every_identity_when_no_mistake_is_asked_for(string layoutId)
    {
        var layout = Catalog[layoutId];
        for (var seed = 0; seed < 300; seed++)
        {
            var table = new TruthGenerator(layout).Generate(seed, inconsistent: false);
            Assert.Empty(table.BrokenIdentities);
            Assert.Empty(IdentityChecker.Broken(layout, table.Values));
        }
    }

    [Theory]
    [MemberData(nameof(LayoutsWithIdentities))]
    public void Generated_tables_satisfy_every_identity_but_the_declared_ones(string layoutId)
    {
        var layout = Catalog[layoutId];
        for (var seed = 0; seed < 300; seed++)
        {
            var table = new TruthGenerator(layout).Generate(seed, inconsistent: true);
            Assert.NotEmpty(table.BrokenIdentities);
            Assert.Equal(IdentityChecker.Broken(layout, table.Values), table.BrokenIdentities);
            var holding = layout.Identities.Where(i => !table.BrokenIdentities.Contains(i.Name));
            Assert.All(holding, i => Assert.Equal(i.Lhs.Sum(id => table[id]), i.Rhs.Sum(id => table[id])));
        }
    }

    [Theory]
    [MemberData(nameof(AllLayouts))]
    public void Every_cell_of_the_layout_gets_a_value_of_its_kind(string layoutId)
    {
        var layout = Catalog[layoutId];
        for (var seed = 0; seed < 200; seed++)
        {
            var table = new TruthGenerator(layout).Generate(seed, inconsistent: seed % 10 == 0);
            Assert.Equal(layout.Cells.Select(c => c.Id), table.Values.Keys);
            foreach (var cell in layout.Cells)
            {
                var value = table[cell.Id];
                Assert.True(Math.Abs(value) < 10_000_000m, $"{cell.Id} = {value} has more than 7 digits");
                switch (cell.Kind)
                {
                    case CellValueKind.NonNegativeInteger:
                        Assert.True(value >= 0 && value == decimal.Truncate(value), $"{cell.Id} = {value}");
                        break;
                    case CellValueKind.SignedInteger:
                        Assert.Equal(decimal.Truncate(value), value);
                        break;
                    default:
                        Assert.True(value >= 0 && decimal.Round(value, 4) == value, $"{cell.Id} = {value}");
                        break;
                }
            }
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_values_and_another_seed_does_not()
    {
        var generator = new TruthGenerator(Catalog["requests-2021"]);
        var first = generator.Generate(42, inconsistent: true);
        var again = generator.Generate(42, inconsistent: true);
        Assert.Equal(first.Values, again.Values);
        Assert.Equal(first.BrokenIdentities, again.BrokenIdentities);
        Assert.Contains(Enumerable.Range(43, 20), s => !generator.Generate(s, inconsistent: true).Values.SequenceEqual(first.Values));
    }

    [Fact]
    public void Request_tables_range_from_all_zero_to_seven_digit_totals()
    {
        var generator = new TruthGenerator(Catalog["requests-2021"]);
        var totals = Enumerable.Range(0, 400).Select(s => generator.Generate(s, inconsistent: false)["total/total"]).ToList();
        Assert.Contains(0m, totals);
        Assert.Contains(totals, t => t is >= 1 and <= 30);
        Assert.Contains(totals, t => t >= 1_000_000);
    }

    [Fact]
    public void Printed_zero_forms_and_separators_keep_the_value_readable()
    {
        Assert.Equal("3,985,758", new PrintStyle("0", ThousandsSeparators: true).Format(3985758m, CellValueKind.NonNegativeInteger));
        Assert.Equal("96171.6", new PrintStyle("0", ThousandsSeparators: false).Format(96171.6m, CellValueKind.Decimal));
        Assert.Equal("0.0325", new PrintStyle("0", ThousandsSeparators: false).Format(0.0325m, CellValueKind.Decimal));
        Assert.Equal("-12", new PrintStyle("-", ThousandsSeparators: false).Format(-12m, CellValueKind.SignedInteger));
        Assert.Equal("无", new PrintStyle("无", ThousandsSeparators: false).Format(0m, CellValueKind.NonNegativeInteger));
    }
}
