using System.Text;

namespace TableRecovery.Core.Layouts;

/// <summary>
/// Brings a printed or OCR'd label to a canonical form for matching: full-width to half-width, whitespace and
/// line breaks removed, all punctuation removed (so "1、" ≈ "1." ≈ "1．" ≈ "1" and "（一）" ≈ "(一)" ≈ "C一)"),
/// and a few OCR look-alikes folded (dashes read for 一, l/I/| read for 1).
/// Labels contain no Latin letters, so folding Latin look-alikes is safe.
/// </summary>
public static class LabelNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        var sb = new StringBuilder(text.Length);
        foreach (var raw in text)
        {
            var ch = raw;
            if (ch >= '\uFF01' && ch <= '\uFF5E')
            {
                ch = (char)(ch - 0xFEE0); // full-width ASCII → ASCII
            }
            switch (ch)
            {
                case 'C' or 'c':
                    continue; // "（" read as C: parentheses are dropped anyway
                case '-' or '—' or '–' or '―' or '_' or '一':
                    sb.Append('一');
                    continue;
                case 'l' or 'I' or '|':
                    sb.Append('1');
                    continue;
                case 'O' or 'o':
                    sb.Append('0');
                    continue;
            }
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(ch);
            }
        }
        return sb.ToString();
    }
}
