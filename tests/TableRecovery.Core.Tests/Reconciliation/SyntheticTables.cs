using System.Globalization;
using TableRecovery.Core.Layouts;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Tests.Reconciliation;

/// <summary>How a cell was (mis)read in a synthetic table.</summary>
public enum Misreading
{
    None,
    /// <summary>The typical OCR failure: a digit dropped with high confidence ("34" → "4", "7" → "").</summary>
    DroppedDigit,
    /// <summary>One digit read as another; the truth is sometimes an alternative of the choice iterator.</summary>
    WrongDigit,
    /// <summary>A look-alike read first (3↔8, 1↔7…) with the truth as the next choice.</summary>
    SwappedChoice,
    /// <summary>Nothing read in a cell that holds a number.</summary>
    Empty,
    /// <summary>The right value, read weakly.</summary>
    LowConfidence,
    /// <summary>The cell reading is right, the strip reading is wrong.</summary>
    DisagreeingStrip,
}

/// <summary>Random consistent tables of the fixed layouts and random OCR readings of them (seeded, reproducible).</summary>
public static class SyntheticTables
{
    private static readonly Dictionary<char, char> LookAlike = new()
    {
        ['0'] = '8', ['1'] = '7', ['2'] = '7', ['3'] = '8', ['4'] = '9',
        ['5'] = '6', ['6'] = '5', ['7'] = '1', ['8'] = '3', ['9'] = '4',
    };

    public static int Count(Random rng)
    {
        var p = rng.NextDouble();
        return p switch
        {
            < 0.55 => 0,
            < 0.80 => rng.Next(1, 10),
            < 0.92 => rng.Next(10, 100),
            < 0.98 => rng.Next(100, 1000),
            _ => rng.Next(1000, 100_000),
        };
    }

    /// <summary>A table of <paramref name="layout"/> (requests-* or appeals) whose every identity holds.</summary>
    public static Dictionary<string, decimal> Consistent(TableLayout layout, Random rng)
    {
        var values = new Dictionary<string, decimal>(StringComparer.Ordinal);
        if (layout.Id.StartsWith("requests", StringComparison.Ordinal))
        {
            string[] special = ["new", "carried_in", "total", "carried_out"];
            var outcomeRows = layout.Rows.Select(r => r.Key).Where(k => !special.Contains(k)).ToList();
            var applicantColumns = layout.Columns.Select(c => c.Key).Where(k => k != "total").ToList();
            foreach (var col in applicantColumns)
            {
                long total = 0;
                foreach (var row in outcomeRows)
                {
                    var v = Count(rng);
                    values[$"{row}/{col}"] = v;
                    total += v;
                }
                var carriedOut = rng.NextDouble() < 0.6 ? 0 : Count(rng);
                var carriedIn = rng.NextDouble() < 0.6 ? 0 : Math.Min(Count(rng), total + carriedOut);
                values[$"total/{col}"] = total;
                values[$"carried_out/{col}"] = carriedOut;
                values[$"carried_in/{col}"] = carriedIn;
                values[$"new/{col}"] = total + carriedOut - carriedIn;
            }
            foreach (var row in layout.Rows.Select(r => r.Key))
            {
                values[$"{row}/total"] = applicantColumns.Sum(c => values[$"{row}/{c}"]);
            }
        }
        else if (layout.Id == "appeals")
        {
            foreach (var group in new[] { "review", "litigation_direct", "litigation_after_review" })
            {
                decimal total = 0;
                foreach (var part in new[] { "upheld", "corrected", "other", "pending" })
                {
                    var v = Count(rng);
                    values[$"count/{group}.{part}"] = v;
                    total += v;
                }
                values[$"count/{group}.total"] = total;
            }
        }
        else
        {
            foreach (var cell in layout.Cells)
            {
                values[cell.Id] = cell.Kind switch
                {
                    CellValueKind.SignedInteger => Count(rng) * (rng.Next(2) == 0 ? -1 : 1),
                    CellValueKind.Decimal => Math.Round((decimal)rng.NextDouble() * 1000, 2),
                    _ => Count(rng),
                };
            }
        }
        foreach (var identity in layout.Identities)
        {
            var lhs = identity.Lhs.Sum(id => values[id]);
            var rhs = identity.Rhs.Sum(id => values[id]);
            if (lhs != rhs)
            {
                throw new InvalidOperationException($"Generator bug: {identity.Name} {lhs} != {rhs}.");
            }
        }
        return values;
    }

    /// <summary>How a value may be printed: zeros as 0, blank, /, -, —, 无; thousands sometimes with separators.</summary>
    public static string Printed(decimal value, Random rng)
    {
        if (value == 0)
        {
            return rng.NextDouble() switch
            {
                < 0.6 => "0",
                < 0.7 => "",
                < 0.8 => "/",
                < 0.87 => "-",
                < 0.94 => "—",
                _ => "无",
            };
        }
        if (Math.Abs(value) >= 1000 && value == decimal.Truncate(value) && rng.NextDouble() < 0.3)
        {
            return value.ToString("#,0", CultureInfo.InvariantCulture);
        }
        return value.ToString(CultureInfo.InvariantCulture);
    }

    private static double Uniform(Random rng, double lo, double hi) => lo + (hi - lo) * rng.NextDouble();

    /// <summary>Clean readings: a cell reading and usually a strip reading of the same text, both confident.</summary>
    public static List<Reading> Clean(string text, Random rng, double minConfidence = 0.88)
    {
        var readings = new List<Reading> { new(text, Uniform(rng, minConfidence, 0.99), ReadingMethod.Cell) };
        if (rng.NextDouble() < 0.85)
        {
            readings.Add(new Reading(text, Uniform(rng, minConfidence, 0.99), ReadingMethod.Strip));
        }
        return readings;
    }

    private static string DropDigit(string digits, Random rng) => digits.Remove(rng.Next(digits.Length), 1);

    private static string WrongDigit(string digits, Random rng)
    {
        var i = rng.Next(digits.Length);
        char c;
        do
        {
            c = (char)('0' + rng.Next(10));
        }
        while (c == digits[i] || (i == 0 && c == '0' && digits.Length > 1));
        return digits[..i] + c + digits[(i + 1)..];
    }

    private static string Confuse(string digits, Random rng)
    {
        var i = rng.Next(digits.Length);
        var c = LookAlike[digits[i]];
        if (i == 0 && c == '0' && digits.Length > 1)
        {
            c = '8';
        }
        return digits[..i] + c + digits[(i + 1)..];
    }

    /// <summary>The readings of one cell with the given misreading.</summary>
    public static List<Reading> Read(decimal truth, Misreading kind, Random rng)
    {
        var printed = Printed(truth, rng);
        var digits = truth.ToString(CultureInfo.InvariantCulture).TrimStart('-');
        switch (kind)
        {
            case Misreading.DroppedDigit:
            {
                var readings = new List<Reading> { new(DropDigit(digits, rng), Uniform(rng, 0.9, 0.99), ReadingMethod.Cell) };
                if (rng.NextDouble() < 0.5)
                {
                    readings.Add(new Reading(printed, Uniform(rng, 0.6, 0.95), ReadingMethod.Strip));
                }
                return readings;
            }
            case Misreading.WrongDigit:
            {
                var readings = new List<Reading> { new(WrongDigit(digits, rng), Uniform(rng, 0.5, 0.9), ReadingMethod.Cell) };
                if (rng.NextDouble() < 0.5)
                {
                    readings.Add(new Reading(digits, Uniform(rng, 0.1, 0.4), ReadingMethod.Choice));
                }
                if (rng.NextDouble() < 0.4)
                {
                    readings.Add(new Reading(printed, Uniform(rng, 0.5, 0.95), ReadingMethod.Strip));
                }
                return readings;
            }
            case Misreading.SwappedChoice:
                return
                [
                    new(Confuse(digits, rng), Uniform(rng, 0.4, 0.7), ReadingMethod.Cell),
                    new(digits, Uniform(rng, 0.3, 0.6), ReadingMethod.Choice),
                ];
            case Misreading.Empty:
                return [new("", Uniform(rng, 0.3, 0.95), ReadingMethod.Cell)];
            case Misreading.LowConfidence:
            {
                var readings = new List<Reading> { new(printed, Uniform(rng, 0.2, 0.6), ReadingMethod.Cell) };
                if (digits.Length > 0 && rng.NextDouble() < 0.5)
                {
                    readings.Add(new Reading(Confuse(digits, rng), Uniform(rng, 0.1, 0.4), ReadingMethod.Choice));
                }
                return readings;
            }
            case Misreading.DisagreeingStrip:
                return
                [
                    new(printed, Uniform(rng, 0.6, 0.95), ReadingMethod.Cell),
                    new(WrongDigit(digits, rng), Uniform(rng, 0.6, 0.95), ReadingMethod.Strip),
                ];
            default:
                return Clean(printed, rng);
        }
    }

    /// <summary>
    /// Readings of a whole table with random misreadings at <paramref name="errorRate"/>. Misreadings that put a
    /// wrong value first ("misleading" ones) hit at most one cell per identity: two OCR errors that cancel exactly
    /// are invisible to any check, so they are outside what the solver can promise.
    /// </summary>
    public static (Dictionary<string, IReadOnlyList<Reading>> Readings, Dictionary<string, Misreading> Applied) ReadTable(
        TableLayout layout, IReadOnlyDictionary<string, decimal> truth, Random rng, double errorRate)
    {
        var readings = new Dictionary<string, IReadOnlyList<Reading>>(StringComparer.Ordinal);
        var applied = new Dictionary<string, Misreading>(StringComparer.Ordinal);
        var spoiled = new HashSet<string>(StringComparer.Ordinal);
        var identitiesOf = layout.Cells.ToDictionary(c => c.Id, c => layout.Identities.Where(i => i.CellIds.Contains(c.Id)).Select(i => i.Name).ToList());
        foreach (var cell in layout.Cells.OrderBy(_ => rng.Next()))
        {
            var value = truth[cell.Id];
            var kind = Misreading.None;
            if (rng.NextDouble() < errorRate)
            {
                kind = (Misreading)rng.Next(1, 7);
                var nonZeroOnly = kind is Misreading.DroppedDigit or Misreading.Empty;
                if (nonZeroOnly && value == 0)
                {
                    kind = Misreading.LowConfidence;
                }
                var misleading = kind is not (Misreading.None or Misreading.LowConfidence);
                if (misleading && identitiesOf[cell.Id].Any(spoiled.Contains))
                {
                    kind = Misreading.LowConfidence;
                }
                if (kind is not (Misreading.None or Misreading.LowConfidence))
                {
                    spoiled.UnionWith(identitiesOf[cell.Id]);
                }
            }
            applied[cell.Id] = kind;
            readings[cell.Id] = Read(value, kind, rng);
        }
        return (readings, applied);
    }

    /// <summary>The values the readings of a cell parse to (its candidates).</summary>
    public static HashSet<decimal> CandidateValues(CellValueKind kind, IEnumerable<Reading> readings) =>
        readings.Select(r => CellValueParser.Parse(r.Text, kind)).Where(p => p.HasValue).Select(p => p.Value!.Value).ToHashSet();

    public static string Describe(IEnumerable<Reading> readings) =>
        string.Join(", ", readings.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}"));
}
