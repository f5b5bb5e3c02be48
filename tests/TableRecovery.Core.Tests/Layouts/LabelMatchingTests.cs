using TableRecovery.Core.Layouts;

namespace TableRecovery.Core.Tests.Layouts;

public class LabelMatchingTests
{
    [Theory]
    [InlineData("1.属于国家秘密", "1、属于国家秘密")]
    [InlineData("1.属于国家秘密", "1．属于国家秘密")]
    [InlineData("1.属于国家秘密", "1. 属于国家秘密")]
    [InlineData("（一）予以公开", "(一) 予以公开")]
    [InlineData("（一）予以公开", "C一)予以公开")]
    [InlineData("（一）予以公开", "《一》予以\n公开")]
    [InlineData("3.危及“三安全一稳定”", "3. 危及\"三安全一稳定\"")]
    [InlineData("第二十条第（五）项", "第二十条第(五)项")]
    [InlineData("结果维持", "结果 维持")]
    public void Normalizes_printed_variants_to_the_same_text(string official, string variant) =>
        Assert.Equal(LabelNormalizer.Normalize(official), LabelNormalizer.Normalize(variant));

    [Fact]
    public void A_vertical_label_read_one_character_per_line_normalizes_to_the_label() =>
        Assert.Equal(LabelNormalizer.Normalize("三、本年度办理结果"), LabelNormalizer.Normalize("三\n、\n本\n年\n度\n办\n理\n结\n果"));

    [Theory]
    [InlineData("2.其他法律行政止公开", "withheld.prohibited")] // misprint in a real report
    [InlineData("2、其他法律行政法规禁止公开", "withheld.prohibited")]
    [InlineData("1.属于国家秘", "withheld.state_secret")]
    [InlineData("5.属于三类内部事务信", "withheld.internal_affairs")]
    [InlineData("6.属于四类过程性信息", "withheld.process_info")]
    [InlineData("2.申请人逾期未按收费通知要求缴纳费用、行政机关", "other.unpaid_fee")] // first line of a wrapped label
    [InlineData("(七) 总计", "total")]
    [InlineData("3.其他", "other.other")]
    public void Scores_the_right_row_label_best(string read, string expectedKey)
    {
        var rows = LayoutCatalog.Default["requests-2021"].Rows;
        var scored = rows.Select(r => (r.Key, Score: LabelSimilarity.Score(read, r.Label))).OrderByDescending(x => x.Score).ToList();
        Assert.True(scored[0].Key == expectedKey,
            $"'{read}' scored best against {scored[0].Key} ({scored[0].Score:0.00}); {expectedKey} got {scored.First(s => s.Key == expectedKey).Score:0.00}");
        Assert.True(scored[0].Score >= 0.5, $"'{read}' vs {expectedKey}: only {scored[0].Score:0.00}");
    }

    [Fact]
    public void Tells_the_other_column_from_the_other_rows()
    {
        var column = LabelSimilarity.Score("其他", "其他");
        Assert.True(column > LabelSimilarity.Score("其他", "3.其他"), "column 其他 should prefer the column label");
        Assert.True(LabelSimilarity.Score("3.其他", "3.其他") > LabelSimilarity.Score("3.其他", "（六）其他处理"));
    }

    [Fact]
    public void A_cell_holding_a_whole_column_of_labels_matches_none_of_them()
    {
        // One label cell drawn over the whole label column (the grid detector laid a merged cell over the others):
        // every row label is a subsequence of its text, none of them is the text.
        var column = string.Concat(LayoutCatalog.Default["requests-2021"].Rows.Skip(2).Select(r => r.Label));
        var best = LayoutCatalog.Default["requests-2021"].Rows.Select(r => (r.Key, Score: LabelSimilarity.Score(column, r.Label))).MaxBy(x => x.Score);
        Assert.True(best.Score < 0.5, $"the run of every label scored {best.Score:0.00} against {best.Key}");
    }

    [Theory]
    [InlineData("社会公益组织", 0.0, 0.5)] // one label alone is not the two
    [InlineData("社会公益组织法律服务机构", 0.9, 1.0)]
    [InlineData("社会公益法律服务机", 0.6, 0.9)] // both garbled, both there
    public void Two_labels_printed_in_one_cell_must_each_be_read_there(string read, double atLeast, double atMost)
    {
        var score = LabelSimilarity.ScoreRunNormalized(LabelNormalizer.Normalize(read), ["社会公益组织", "法律服务机构"]);
        Assert.True(score >= atLeast && score <= atMost, $"'{read}' as 社会公益组织 + 法律服务机构: {score:0.00}, expected {atLeast}..{atMost}");
    }

    [Fact]
    public void Scores_unrelated_labels_low() =>
        Assert.True(LabelSimilarity.Score("一、本年新收政府信息公开申请数量", "行政事业性收费") < 0.3);
}
