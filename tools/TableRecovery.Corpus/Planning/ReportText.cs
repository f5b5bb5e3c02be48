namespace TableRecovery.Corpus.Planning;

/// <summary>Headings, captions and body text in the style of the real reports.</summary>
internal static class ReportText
{
    public static IReadOnlyList<string> Headings(string layoutId) => layoutId switch
    {
        _ when layoutId.StartsWith("active", StringComparison.Ordinal) =>
            ["二、主动公开政府信息情况", "二、主动公开政府信息情况", "（二）主动公开政府信息情况", "2.主动公开政府信息情况"],
        _ when layoutId.StartsWith("requests", StringComparison.Ordinal) =>
            ["三、收到和处理政府信息公开申请情况", "三、收到和处理政府信息公开申请情况", "3、收到和处理政府信息公开申请情况", "三、收到和处理政府信息公开申请情况表"],
        _ => ["四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"],
    };

    public static string TitleRow(string layoutId) => layoutId switch
    {
        _ when layoutId.StartsWith("active", StringComparison.Ordinal) => "主动公开政府信息情况",
        _ when layoutId.StartsWith("requests", StringComparison.Ordinal) => "收到和处理政府信息公开申请情况",
        _ => "政府信息公开行政复议、行政诉讼情况",
    };

    public static readonly IReadOnlyList<string> Agencies =
        ["威海市文登区司法局", "莱阳市司法局", "孟津区司法局", "红寺堡区司法局", "文登区信访局", "某某县人民政府办公室", "某某市自然资源和规划局", "某某区市场监督管理局"];

    public static readonly IReadOnlyList<string> Paragraphs =
    [
        "本年度，我局严格按照《中华人民共和国政府信息公开条例》要求，坚持“以公开为常态、不公开为例外”的原则，认真做好政府信息主动公开工作，及时准确公开各类政府信息。",
        "严格按照有关要求，规范信息公开申请接收、登记、办理、审核、答复、归档等流程环节，畅通线上线下受理渠道，有序受理信息公开申请，认真开展依申请公开工作。",
        "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。",
        "加强组织领导，进一步健全工作机制，明确公开的内容、形式、程序和责任等制度，开展政务公开业务培训，使政务公开工作更加制度化、规范化。",
        "依托区人民政府门户网站，完善栏目设置，丰富政务信息内容，按照法定时限及时发布并实时更新法定主动公开内容。",
        "本报告中所列数据的统计时限自1月1日起至12月31日止，如对本报告有疑问，请与本机关办公室联系。",
    ];
}
