using TableRecovery.Core.Layouts;

namespace TableRecovery.Core.Tests.Layouts;

/// <summary>Label texts exactly as real reports print them (copied from /work/shared/seeds), on synthetic grids.</summary>
public class SeedLabelTests
{
    private readonly LayoutSnapper _snapper = new();

    /// <summary>Seed 001 (a 2021-format requests table): half-width parentheses, a space after every item number.</summary>
    private static readonly Dictionary<string, string> Seed001Requests = new()
    {
        ["（一）予以公开"] = "(一) 予以公开",
        ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"] = "(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)",
        ["（三）不予公开"] = "(三) 不予公开",
        ["1.属于国家秘密"] = "1. 属于国家秘密",
        ["2.其他法律行政法规禁止公开"] = "2. 其他法律行政法规禁止公开",
        ["3.危及“三安全一稳定”"] = "3. 危及“三安全一稳定”",
        ["4.保护第三方合法权益"] = "4. 保护第三方合法权益",
        ["5.属于三类内部事务信息"] = "5. 属于三类内部事务信息",
        ["6.属于四类过程性信息"] = "6. 属于四类过程性信息",
        ["7.属于行政执法案卷"] = "7. 属于行政执法案卷",
        ["8.属于行政查询事项"] = "8. 属于行政查询事项",
        ["（四）无法提供"] = "(四) 无法提供",
        ["1.本机关不掌握相关政府信息"] = "1. 本机关不掌握相关政府信息",
        ["2.没有现成信息需要另行制作"] = "2. 没有现成信息需要另行制作",
        ["3.补正后申请内容仍不明确"] = "3. 补正后申请内容仍不明确",
        ["（五）不予处理"] = "(五) 不予处理",
        ["1.信访举报投诉类申请"] = "1. 信访举报投诉类申请",
        ["2.重复申请"] = "2. 重复申请",
        ["3.要求提供公开出版物"] = "3. 要求提供公开出版物",
        ["4.无正当理由大量反复申请"] = "4. 无正当理由大量反复申请",
        ["5.要求行政机关确认或重新出具已获取信息"] = "5. 要求行政机关确认或重新出具已获取信息",
        ["（六）其他处理"] = "(六) 其他处理",
        ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"] = "1. 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        ["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"] = "2. 申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ["3.其他"] = "3. 其他",
        ["（七）总计"] = "(七) 总计",
    };

    [Fact]
    public void Snaps_a_requests_table_labelled_as_seed_001_prints_it()
    {
        var table = SyntheticTable.Official("requests-2021", heading: "三、收到和处理政府信息公开申请情况");
        table.Labels(s => Seed001Requests.GetValueOrDefault(s, s));

        SnapAssert.Snapped(_snapper.Snap(table.ToReadTable()), table);
    }

    [Fact]
    public void Snaps_a_requests_table_with_the_misprint_and_the_numbering_variant_of_real_reports()
    {
        var table = SyntheticTable.Official("requests-2021");
        table.Label("2.其他法律行政法规禁止公开", "2.其他法律行政止公开");
        table.Label("1.属于国家秘密", "1、属于国家秘密");
        table.Label("3.要求提供公开出版物", "3、要求提供公开出版物");

        var snapped = SnapAssert.Snapped(_snapper.Snap(table.ToReadTable()), table);

        Assert.Contains(snapped.Rows, r => r.RowKey == "withheld.prohibited" && r.Basis == MatchBasis.Label);
    }

    /// <summary>Seed 004 prints the appeal result headers with a space inside ("结果 维持").</summary>
    [Fact]
    public void Snaps_an_appeals_table_with_the_spaced_headers_of_seed_004()
    {
        var table = SyntheticTable.Official("appeals", heading: "四、政府信息公开行政复议、行政诉讼情况");
        table.Labels(s => s switch
        {
            "结果维持" => "结果 维持",
            "结果纠正" => "结果 纠正",
            "其他结果" => "其他 结果",
            "尚未审结" => "尚未 审结",
            _ => s,
        });

        SnapAssert.Snapped(_snapper.Snap(table.ToReadTable()), table);
    }

    /// <summary>Seed 002 (2020 report, 2019 format): half-width block headers, 本年增/减, the （九） block.</summary>
    [Fact]
    public void Snaps_an_active_2019_table_labelled_as_seed_002_prints_it()
    {
        var table = SyntheticTable.Official("active-2019", heading: "二、主动公开政府信息情况");
        table.Labels(Noise.AsciiParentheses);

        SnapAssert.Snapped(_snapper.Snap(table.ToReadTable()), table);
    }

    /// <summary>Seed 001 prints the 2021 fee header with an extra clause: "本年收费金额（单位：万元，保留4位小数）".</summary>
    [Fact]
    public void Snaps_an_active_2021_table_whose_fee_header_carries_the_extra_clause_of_seed_001()
    {
        var table = SyntheticTable.Official("active-2021");
        table.Label("本年收费金额（单位：万元）", "本年收费金额（单位：万元，保留4位小数）");

        SnapAssert.Snapped(_snapper.Snap(table.ToReadTable()), table);
    }

    /// <summary>Seed 003 heads the appeals section "四、因政府信息公开工作被申请行政复议提起行政诉讼情况".</summary>
    [Fact]
    public void Snaps_an_appeals_table_under_the_variant_heading_of_seed_003()
    {
        var table = SyntheticTable.Official("appeals", heading: "四、因政府信息公开工作被申请行政复议提起行政诉讼情况");

        var result = _snapper.Snap(table.ToReadTable());

        SnapAssert.Snapped(result, table);
        Assert.Contains("heading", result.Candidates[0].Explanation, StringComparison.Ordinal);
    }
}
