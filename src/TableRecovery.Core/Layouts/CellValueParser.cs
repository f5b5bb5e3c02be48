using System.Globalization;
using System.Text;

namespace TableRecovery.Core.Layouts;

/// <summary>How a cell's text became (or failed to become) a value.</summary>
public enum ParsedValueForm
{
    /// <summary>Digits, e.g. <c>3</c>, <c>3,985,758</c>, <c>96171.6</c>, <c>+3</c>.</summary>
    Number,
    /// <summary>A printed zero that is not a digit: <c>/</c>, <c>-</c>, <c>—</c>, <c>–</c>, <c>－</c>, <c>无</c>.</summary>
    ZeroMark,
    /// <summary>Nothing printed (empty or whitespace): read as 0.</summary>
    Blank,
    /// <summary>Not a value of the cell's kind (garbage, a negative in an unsigned column, too many decimals).</summary>
    Unparseable,
}

/// <summary>A cell's text read as a typed value; <see cref="Text"/> is always the text as read.</summary>
/// <param name="Value">The value, or null when <see cref="Form"/> is <see cref="ParsedValueForm.Unparseable"/>.</param>
/// <param name="Text">The text as read, untouched.</param>
/// <param name="Form">What kind of printed form the text was.</param>
/// <param name="Lenient">
/// True when a look-alike glyph was taken for a digit (Latin <c>O</c> for 0), a point for a thousands separator in a
/// column of whole numbers (<c>22.624</c>), or a 无 read with a speck beside it (<c>无，</c>): the value is plausible, not certain.
/// </param>
public readonly record struct ParsedValue(decimal? Value, string Text, ParsedValueForm Form, bool Lenient = false)
{
    public bool HasValue => Value is not null;

    /// <summary>The significant digits as read (no signs, separators or decimal point): "3,985" → "3985", "—" → "".</summary>
    public string Digits => Form == ParsedValueForm.Number ? CellValueParser.DigitsOf(Text) : "";
}

/// <summary>
/// Reads the printed text of a numeric cell as a value of the cell's <see cref="CellValueKind"/>
/// (layouts.md: printed zeros, thousands separators, decimals, signs for 本年增/减). Pure and allocation-light.
/// </summary>
public static class CellValueParser
{
    /// <summary>Decimals accepted in a column whose places are not fixed by the layout.</summary>
    public const int DefaultMaxDecimalPlaces = 4;

    private static readonly string[] ZeroMarks = ["/", "-", "--", "—", "——", "–", "―", "－", "无", "\\", "／"];

    // Count units a few reports print after the number ("0件"); never money units, which would change the scale.
    private static readonly string[] CountUnits = ["件", "个", "条", "项", "次"];

    public static ParsedValue Parse(string? text, CellValueKind kind, int? decimalPlaces = null)
    {
        var original = text ?? "";
        var s = Normalize(original);
        if (s.Length == 0)
        {
            return new ParsedValue(0m, original, ParsedValueForm.Blank);
        }
        if (Array.IndexOf(ZeroMarks, s) >= 0)
        {
            return new ParsedValue(0m, original, ParsedValueForm.ZeroMark);
        }
        if (IsNoneBesideSpecks(s))
        {
            // A speck of the scan beside a 无 that the Chinese model read as a mark (无，, -无, .无): a printed zero, plausibly.
            return new ParsedValue(0m, original, ParsedValueForm.ZeroMark, Lenient: true);
        }
        foreach (var unit in CountUnits)
        {
            if (s.Length > unit.Length && s.EndsWith(unit, StringComparison.Ordinal) && kind != CellValueKind.Decimal)
            {
                s = s[..^unit.Length];
                break;
            }
        }

        var negative = false;
        if (s[0] is '+' or '-')
        {
            if (kind != CellValueKind.SignedInteger)
            {
                return Unparseable(original);
            }
            negative = s[0] == '-';
            s = s[1..];
            if (s.Length == 0)
            {
                return Unparseable(original);
            }
        }

        var lenient = false;
        if (s.Contains('O') || s.Contains('o'))
        {
            // Latin O for a zero: only among digits or alone, never in words ("No").
            if (s.Any(ch => ch is not ('O' or 'o') && !char.IsAsciiDigit(ch) && ch is not (',' or '.')))
            {
                return Unparseable(original);
            }
            s = s.Replace('O', '0').Replace('o', '0');
            lenient = true;
        }

        if (kind != CellValueKind.Decimal && IsThousandsReadAsPoints(s))
        {
            // A blurred comma reads as a point. In a column of whole numbers, points parting the digits into groups of three
            // (22.624, 3.985.758) can only be thousands separators: plausible, not certain.
            s = s.Replace('.', ',');
            lenient = true;
        }

        if (!TrySplitNumber(s, out var integerPart, out var fractionPart))
        {
            return Unparseable(original);
        }
        var maxPlaces = kind == CellValueKind.Decimal ? decimalPlaces ?? DefaultMaxDecimalPlaces : 0;
        if (fractionPart.Length > maxPlaces)
        {
            return Unparseable(original);
        }
        if (integerPart.Length > 15)
        {
            return Unparseable(original);
        }
        var number = fractionPart.Length == 0 ? integerPart : $"{integerPart}.{fractionPart}";
        var value = decimal.Parse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        if (negative)
        {
            value = -value;
        }
        return new ParsedValue(value, original, ParsedValueForm.Number, lenient);
    }

    /// <summary>The value, or false for text that is not a value of <paramref name="kind"/>.</summary>
    public static bool TryParse(string? text, CellValueKind kind, out decimal value, int? decimalPlaces = null)
    {
        var parsed = Parse(text, kind, decimalPlaces);
        value = parsed.Value ?? 0m;
        return parsed.HasValue;
    }

    internal static string DigitsOf(string text)
    {
        var normalized = Normalize(text);
        var sb = new StringBuilder(normalized.Length);
        foreach (var ch in normalized)
        {
            if (char.IsAsciiDigit(ch))
            {
                sb.Append(ch);
            }
            else if (ch is 'O' or 'o')
            {
                sb.Append('0');
            }
        }
        return sb.ToString();
    }

    /// <summary>Full-width forms to ASCII, dashes to '-', every kind of space removed.</summary>
    private static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (char.IsWhiteSpace(ch) || ch == '\u200B' || ch == '\uFEFF')
            {
                continue;
            }
            var c = ch switch
            {
                >= '０' and <= '９' => (char)('0' + (ch - '０')),
                '〇' => '0',
                '＋' => '+',
                '−' or '﹣' => '-',
                '，' or '､' => ',',
                '．' => '.',
                'Ｏ' => 'O',
                'ｏ' => 'o',
                _ => ch,
            };
            sb.Append(c);
        }
        var s = sb.ToString();
        // A lone full-width minus is a printed zero mark; before digits it is a sign.
        if (s.Length > 1 && s[0] == '－')
        {
            s = "-" + s[1..];
        }
        return s;
    }

    /// <summary>One 无 and a mark or two that specks read as (a point, a comma, a dash): no number is written so.</summary>
    private static bool IsNoneBesideSpecks(string s) => s.Length is 2 or 3 && Ocr.NumberText.WithoutSpecks(s) == "无";

    private static bool IsThousandsReadAsPoints(string s)
    {
        if (!s.Contains('.') || s.Contains(',')) return false;
        var groups = s.Split('.');
        return groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3) && groups.All(g => g.All(char.IsAsciiDigit));
    }

    /// <summary>"3,985,758.25" → ("3985758", "25"); thousands groups must be exactly three digits.</summary>
    private static bool TrySplitNumber(string s, out string integerPart, out string fractionPart)
    {
        integerPart = "";
        fractionPart = "";
        var point = s.IndexOf('.');
        var intText = point < 0 ? s : s[..point];
        var fracText = point < 0 ? "" : s[(point + 1)..];
        if (point >= 0 && (fracText.Length == 0 || !fracText.All(char.IsAsciiDigit)))
        {
            return false;
        }
        if (intText.Length == 0)
        {
            return false;
        }
        if (intText.Contains(','))
        {
            var groups = intText.Split(',');
            if (groups[0].Length is < 1 or > 3 || groups.Skip(1).Any(g => g.Length != 3))
            {
                return false;
            }
            intText = string.Concat(groups);
        }
        if (!intText.All(char.IsAsciiDigit))
        {
            return false;
        }
        integerPart = intText;
        fractionPart = fracText;
        return true;
    }

    private static ParsedValue Unparseable(string original) => new(null, original, ParsedValueForm.Unparseable);
}
