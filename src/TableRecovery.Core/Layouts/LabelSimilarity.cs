namespace TableRecovery.Core.Layouts;

/// <summary>
/// Character similarity of two normalized labels in 0..1, robust to dropped, inserted and substituted
/// characters: the longest common subsequence (LCS) counted against both lengths (Dice), or — for a label
/// read only in part, e.g. one line of a wrapped label — against the shorter one, discounted. The partial credit
/// fades when one text is many times longer than the other: a long run of text (a merged cell holding every
/// label of a column, a garbled header spanning several columns) contains most short labels as a subsequence
/// without being any of them.
/// </summary>
public static class LabelSimilarity
{
    /// <summary>A label read only in part scores at most this much.</summary>
    public const double PartialCredit = 0.85;

    /// <summary>The shorter text must have this many characters before partial credit applies.</summary>
    public const int PartialMinLength = 4;

    /// <summary>Up to this length ratio (longer / shorter) partial credit is given in full; beyond, in proportion.</summary>
    public const double PartialMaxRatio = 2.5;

    /// <summary>Similarity of two texts; both are normalized first.</summary>
    public static double Score(string? a, string? b) => ScoreNormalized(LabelNormalizer.Normalize(a), LabelNormalizer.Normalize(b));

    /// <summary>Similarity of two texts already passed through <see cref="LabelNormalizer.Normalize"/>.</summary>
    public static double ScoreNormalized(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 1;
        }
        var lcs = LongestCommonSubsequence(a, b);
        var dice = 2.0 * lcs / (a.Length + b.Length);
        var shorter = Math.Min(a.Length, b.Length);
        var ratio = (double)Math.Max(a.Length, b.Length) / shorter;
        var partial = shorter >= PartialMinLength ? PartialCredit * lcs / shorter * Math.Min(1, PartialMaxRatio / ratio) : 0;
        var score = Math.Max(dice, partial);
        return IsNumbering(a[0]) && IsNumbering(b[0]) && a[0] != b[0] ? score * OtherNumberingFactor : score;
    }

    /// <summary>
    /// Similarity of a read text to consecutive labels printed in one cell (a rule the grid detector missed): the
    /// text must hold a good part of each, not just all of one — a lone "社会公益组织" is not
    /// "社会公益组织" + "法律服务机构". With one label, the plain <see cref="ScoreNormalized"/>.
    /// </summary>
    public static double ScoreRunNormalized(string read, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 1)
        {
            return ScoreNormalized(read, labels[0]);
        }
        if (read.Length == 0 || labels.Count == 0 || labels.Any(l => l.Length == 0))
        {
            return 0;
        }
        var score = ScoreNormalized(read, string.Concat(labels));
        foreach (var label in labels)
        {
            score = Math.Min(score, (double)LongestCommonSubsequence(read, label) / label.Length);
        }
        return score;
    }

    /// <summary>
    /// Both labels start with an item number ("3." vs "（六）") and the numbers differ: sibling rows share most of
    /// their words ("5.属于三类内部事务信息" / "6.属于四类过程性信息"), so the number weighs extra.
    /// </summary>
    public const double OtherNumberingFactor = 0.75;

    private static bool IsNumbering(char c) => char.IsAsciiDigit(c) || "一二三四五六七八九十".Contains(c, StringComparison.Ordinal);

    public static int LongestCommonSubsequence(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
