using System.Globalization;
using System.Text.RegularExpressions;

namespace TableRecovery.Core.Documents;

/// <summary>
/// Finds the report's title in its opening lines and splits it into agency and year:
/// "威海市文登区司法局2022年政府信息公开工作年度报告" → 威海市文登区司法局, 2022. Titles are often broken over two lines
/// ("威海市文登区司法局" / "2022年政府信息公开工作年度报告"), so the lines are searched joined.
/// </summary>
public static partial class ReportTitleParser
{
    /// <summary>The title is among the first lines; later ones quote it inside sentences.</summary>
    private const int LinesSearched = 12;

    public static ReportTitle? Find(IEnumerable<string> lines)
    {
        var opening = lines.Select(l => WhiteSpace().Replace(l, "")).Where(l => l.Length > 0).Take(LinesSearched).ToList();
        for (var i = 0; i < opening.Count; i++)
        {
            // A title on one line, or an agency line followed by the year line.
            foreach (var candidate in new[] { opening[i], i + 1 < opening.Count ? opening[i] + opening[i + 1] : null })
            {
                if (candidate is null)
                {
                    continue;
                }
                var m = Title().Match(candidate);
                if (m.Success && m.Index == 0)
                {
                    var year = int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture);
                    return new ReportTitle(m.Groups["agency"].Value, year, m.Value);
                }
            }
        }
        return null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    // Agency: Chinese text (with brackets, as in 某某县（区）人民政府), then the year, 年 or 年度, then the report's name.
    [GeneratedRegex(@"(?<agency>[\p{IsCJKUnifiedIdeographs}（）()]{2,40}?)(?<year>(?:19|20)\d{2})年度?(?:政府信息公开|政务公开)(?:工作)?(?:年度)?报告")]
    private static partial Regex Title();
}
