using TableRecovery.Core.Ocr;
using TableRecovery.Core.Results;

namespace TableRecovery.Core.Review;

/// <summary>Readings to and from their document form, so a stored table can be solved again exactly.</summary>
public static class ReadingResults
{
    public static IReadOnlyList<ReadingResult> From(IReadOnlyList<Reading> readings) =>
        readings.Select(r => new ReadingResult(r.Text, r.Confidence, MethodName(r.Method))).ToList();

    /// <summary>
    /// The readings of a stored cell. A document written before readings were kept falls back to its output:
    /// the shown text as one cell reading and the alternatives as choices — close to, not exactly, the first solve.
    /// </summary>
    public static IReadOnlyList<Reading> ToReadings(CellResult cell)
    {
        if (cell.Readings is { } stored)
        {
            return stored.Select(r => new Reading(r.Text, r.Confidence, ParseMethod(r.Method))).ToList();
        }
        if (cell.Box is null)
        {
            return [];
        }
        var readings = new List<Reading>();
        var text = cell.Text ?? cell.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (text is not null)
        {
            readings.Add(new Reading(text, cell.Confidence, ReadingMethod.Cell));
        }
        readings.AddRange(cell.Alternatives
            .Where(a => a.Value is not null)
            .Select(a => new Reading(a.Value!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Confidence, ReadingMethod.Choice)));
        return readings;
    }

    private static string MethodName(ReadingMethod method) => method switch
    {
        ReadingMethod.Cell => "cell",
        ReadingMethod.Strip => "strip",
        ReadingMethod.Choice => "choice",
        ReadingMethod.Text => "text",
        ReadingMethod.Shape => "shape",
        ReadingMethod.Template => "template",
        ReadingMethod.Sign => "sign",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    private static ReadingMethod ParseMethod(string method) => method switch
    {
        "cell" => ReadingMethod.Cell,
        "strip" => ReadingMethod.Strip,
        "choice" => ReadingMethod.Choice,
        "text" => ReadingMethod.Text,
        "shape" => ReadingMethod.Shape,
        "template" => ReadingMethod.Template,
        "sign" => ReadingMethod.Sign,
        _ => throw new FormatException($"Unknown reading method '{method}'."),
    };
}
