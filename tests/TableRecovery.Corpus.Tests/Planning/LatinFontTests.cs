using TableRecovery.Corpus.Planning;
using TableRecovery.Corpus.Rendering;
using TableRecovery.Corpus.Tests.Degradation;

namespace TableRecovery.Corpus.Tests.Planning;

public sealed class LatinFontTests
{
    [Fact]
    public void Mixed_latin_fonts_come_from_their_own_stream_and_leave_the_rest_of_the_plan_alone()
    {
        var families = new List<string>();
        foreach (var (_, _, plain, latin) in OptInPlans.With(r => r with { LatinFont = LatinFontMode.Mixed }))
        {
            Assert.Null(plain.Style.LatinFamily);
            Assert.NotNull(latin.Style.LatinFamily);
            Assert.Equal(plain.Style, latin.Style with { LatinFamily = null });
            Assert.Equal(plain.Degradation, latin.Degradation);
            Assert.Equal(plain.FileName, latin.FileName);
            families.Add(latin.Style.LatinFamily!);
        }
        var counts = families.GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(counts.Count == 5 && counts.Values.All(n => n >= 5),
            $"families drawn over 150 plans: {string.Join(", ", counts.Select(p => $"{p.Key} {p.Value}"))}");
    }

    [Fact]
    public void The_latin_font_comes_first_so_digits_take_it_and_cjk_falls_back()
    {
        var plan = OptInPlans.With(r => r with { LatinFont = LatinFontMode.Mixed }).First().OptedIn;
        var css = TableHtmlRenderer.Css(plan.Style);
        Assert.Contains($"font-family:'{plan.Style.LatinFamily}','{plan.Style.FontFamily}'", css, StringComparison.Ordinal);
        Assert.Contains($"font-family:'{plan.Style.FontFamily}';", TableHtmlRenderer.Css(plan.Style with { LatinFamily = null }), StringComparison.Ordinal);
    }
}
