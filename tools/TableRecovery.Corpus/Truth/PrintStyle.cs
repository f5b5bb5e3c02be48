using System.Globalization;
using TableRecovery.Core.Layouts;

namespace TableRecovery.Corpus.Truth;

/// <summary>How one table prints its numbers: the form of zero, and whether big numbers carry thousands separators.</summary>
public sealed record PrintStyle(string ZeroText, bool ThousandsSeparators)
{
    public static readonly IReadOnlyList<string> ZeroForms = ["0", "", "/", "-", "—", "无"];

    public static PrintStyle Choose(Random random) => new(
        random.PickWeighted<string>([("0", 0.72), ("", 0.10), ("/", 0.05), ("-", 0.05), ("—", 0.04), ("无", 0.04)]),
        random.Chance(0.06));

    public string Format(decimal value, CellValueKind kind)
    {
        if (value == 0)
        {
            return ZeroText;
        }
        var format = ThousandsSeparators && Math.Abs(value) >= 1000 ? "#,##0.####" : "0.####";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
