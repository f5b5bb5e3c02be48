using TableRecovery.Core.Layouts;

namespace TableRecovery.Core.Documents;

/// <summary>
/// Tells a section heading of the report (二、主动公开政府信息情况, 3、收到和处理政府信息公开申请情况, …) from body text, so a
/// picture or table can carry the heading printed before it as a hint of its layout.
/// </summary>
public static class SectionHeadings
{
    /// <summary>Headings are short; a body paragraph that merely names a section is not one.</summary>
    private const int MaxLength = 40;

    private const double MinimumSimilarity = 0.6;

    private static readonly string[] Sections = LayoutCatalog.Default.All.Select(l => Core(LabelNormalizer.Normalize(l.Section))).Distinct().ToArray();

    public static bool IsSectionHeading(string? text)
    {
        // "（一）主动公开工作情况" is a sub-heading of 一、总体情况, not the section of the table.
        if (text is null || text.TrimStart().StartsWith('（') || text.TrimStart().StartsWith('('))
        {
            return false;
        }
        var normalized = LabelNormalizer.Normalize(text);
        if (normalized.Length < 4 || normalized.Length > MaxLength)
        {
            return false;
        }
        var core = Core(normalized);
        return Sections.Any(s => LabelSimilarity.ScoreNormalized(core, s) >= MinimumSimilarity);
    }

    /// <summary>Drops the leading numbering (二 / 3 / (二)) and a trailing 表, which vary between reports.</summary>
    private static string Core(string normalized)
    {
        var s = normalized;
        while (s.Length > 1 && ("一二三四五六七八九十".Contains(s[0], StringComparison.Ordinal) || char.IsDigit(s[0])))
        {
            s = s[1..];
        }
        return s.EndsWith('表') ? s[..^1] : s;
    }
}
