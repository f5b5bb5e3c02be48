using TableRecovery.Core.Documents;

namespace TableRecovery.Core.Tests.Documents;

public sealed class DocumentTextTests
{
    [Theory]
    [InlineData(new[] { "威海市文登区司法局2022年政府信息公开工作年度报告" }, "威海市文登区司法局", 2022)]
    [InlineData(new[] { "威海市文登区司法局2022年", "", "政府信息公开工作年度报告", "根据《条例》要求……" }, "威海市文登区司法局", 2022)]
    [InlineData(new[] { "莱阳市司法局2020年度政府信息公开工作年度报告", "发布时间:2021-01-27 16:00:57" }, "莱阳市司法局", 2020)]
    [InlineData(new[] { "红寺堡区司法局", "2022年政府信息公开工作年度报告" }, "红寺堡区司法局", 2022)]
    [InlineData(new[] { "发布时间:2023-01-20", "某某县（区）人民政府办公室2021年政府信息公开年度报告" }, "某某县（区）人民政府办公室", 2021)]
    public void The_title_gives_agency_and_year_whether_on_one_line_or_two(string[] lines, string agency, int year)
    {
        var title = ReportTitleParser.Find(lines);

        Assert.True(title is not null, $"no title found in [{string.Join(" | ", lines)}]");
        Assert.Equal((agency, year), (title.Agency, title.Year));
    }

    [Fact]
    public void A_body_sentence_quoting_the_title_is_not_taken_for_it()
    {
        Assert.Null(ReportTitleParser.Find(["一、总体情况", "现发布《红寺堡区司法局2022年政府信息公开工作年度报告》，本报告统计数据从2022年1月1日至12月31日。"]));
    }

    [Theory]
    [InlineData("二、主动公开政府信息情况", true)]
    [InlineData("3、 收到和处理政府信息公开申请情况", true)]
    [InlineData("三、收到和处理政府信息公开申请情况表", true)]
    [InlineData("四、因政府信息公开工作被申请行政复议提起行政诉讼情况", true)]
    [InlineData("（一）主动公开工作情况", false)]
    [InlineData("五、政府信息公开工作存在的主要问题及改进情况", false)]
    [InlineData("本报告由总体情况，行政机关主动公开政府信息的情况，行政机关收到和处理政府信息公开申请的情况组成。", false)]
    public void Section_headings_are_told_from_other_paragraphs(string text, bool heading)
    {
        Assert.Equal(heading, SectionHeadings.IsSectionHeading(text));
    }
}
