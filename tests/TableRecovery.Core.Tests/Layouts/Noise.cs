namespace TableRecovery.Core.Tests.Layouts;

/// <summary>Deterministic imitations of what chi_sim OCR does to printed labels.</summary>
internal static class Noise
{
    public static string AsciiParentheses(string s) => s.Replace('（', '(').Replace('）', ')');

    /// <summary>"（" read as "C", "）" as ")".</summary>
    public static string ParenthesisAsC(string s) => s.Replace('（', 'C').Replace('）', ')');

    public static string Spaced(string s) => string.Join(' ', s.ToCharArray());

    /// <summary>A long label wrapped over two lines.</summary>
    public static string Wrapped(string s) => s.Length > 8 ? s[..(s.Length / 2)] + "\n" + s[(s.Length / 2)..] : s;

    /// <summary>Drops one character from labels longer than six, somewhere in the middle.</summary>
    public static string DropOne(string s) => s.Length > 6 ? s.Remove(s.Length * 2 / 3, 1) : s;

    /// <summary>Substitutes one character of labels longer than five with a look-alike nobody printed.</summary>
    public static string SubstituteOne(string s) => s.Length > 5 ? s[..3] + "口" + s[4..] : s;

    public static Func<string, string> All(params Func<string, string>[] steps) => s => steps.Aggregate(s, (t, f) => f(t));
}
