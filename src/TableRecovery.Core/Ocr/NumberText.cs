namespace TableRecovery.Core.Ocr;

/// <summary>Cleans what the digits engine returns for one cell: joins words, drops stray separators.</summary>
public static class NumberText
{
    public static string Clean(string raw)
    {
        var s = raw.Replace(" ", "").Replace("\n", "").Trim();
        // A thousands separator or a point at either end is a speck, not part of the number.
        s = s.Trim(',', '.');
        return s;
    }

    /// <summary>
    /// Marks the Chinese model reads for a rule remnant or a speck beside a number ("93|", "[0"), which say nothing
    /// about the number itself.
    /// </summary>
    public const string StrayMarks = "|[]()（）【】〖〗'\"‘’“”:;：；_~";

    public static string WithoutStrayMarks(string text) =>
        string.Concat(text.Where(ch => !StrayMarks.Contains(ch, StringComparison.Ordinal))).Trim();

    /// <summary>
    /// Marks the Chinese model reads a speck of salt-and-pepper noise beside a glyph as (无., -无, 死-): beside a 无 they
    /// leave it a printed zero. Beside digits a point or a dash says something, so they are not dropped there.
    /// </summary>
    public const string SpeckMarks = ".,，-:;。、·'\"_~|`";

    /// <summary>The text without whitespace and speck marks.</summary>
    public static string WithoutSpecks(string text) =>
        string.Concat(text.Where(ch => !char.IsWhiteSpace(ch) && !SpeckMarks.Contains(ch, StringComparison.Ordinal)));
}
