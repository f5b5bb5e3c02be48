using TableRecovery.Core.Layouts;

namespace TableRecovery.Corpus.Truth;

/// <summary>
/// Draws the ground-truth values of one table from a seed: consistent with every identity of its layout,
/// except (when asked) one printed mistake whose broken identities are recorded.
/// </summary>
public sealed class TruthGenerator
{
    private static readonly (string Suffix, double Weight)[] OutcomeWeights =
    [
        ("disclosed", 0.40), ("partly_disclosed", 0.08),
        ("withheld.state_secret", 0.01), ("withheld.prohibited", 0.015), ("withheld.security_stability", 0.01),
        ("withheld.third_party", 0.03), ("withheld.internal_affairs", 0.02), ("withheld.process_info", 0.03),
        ("withheld.enforcement_file", 0.01), ("withheld.inquiry", 0.01),
        ("unavailable.not_held", 0.16), ("unavailable.needs_creation", 0.03), ("unavailable.unclear", 0.03),
        ("not_processed.petition", 0.05), ("not_processed.repeated", 0.04), ("not_processed.publication", 0.01),
        ("not_processed.excessive", 0.01), ("not_processed.reconfirm", 0.015),
        ("other.no_correction", 0.03), ("other.unpaid_fee", 0.005), ("other.other", 0.03), ("other", 0.065),
    ];

    private enum Magnitude { Zero, Tiny, Small, Medium, Big }

    private readonly TableLayout _layout;

    public TruthGenerator(TableLayout layout) => _layout = layout;

    /// <summary>Generates the table; <paramref name="inconsistent"/> asks for exactly one printed mistake.</summary>
    public TableValues Generate(int seed, bool inconsistent)
    {
        var random = new Random(seed);
        var values = _layout.Cells.ToDictionary(c => c.Id, _ => 0m, StringComparer.Ordinal);
        if (_layout.Id.StartsWith("requests", StringComparison.Ordinal))
        {
            FillRequests(random, values);
        }
        else if (_layout.Id == "appeals")
        {
            FillAppeals(random, values);
        }
        else
        {
            FillActive(random, values);
        }

        if (inconsistent && _layout.Identities.Count > 0)
        {
            InjectMistake(random, values);
        }
        return new TableValues(_layout, values, IdentityChecker.Broken(_layout, values));
    }

    private void FillRequests(Random random, Dictionary<string, decimal> values)
    {
        var magnitude = random.PickWeighted<Magnitude>(
            [(Magnitude.Zero, 0.20), (Magnitude.Tiny, 0.32), (Magnitude.Small, 0.26), (Magnitude.Medium, 0.14), (Magnitude.Big, 0.08)]);
        var outcomeRows = _layout.Rows.Where(r => r.Group is not null && r.Key != "total").Select(r => r.Key).ToList();
        var weights = outcomeRows.Select(k => (k, OutcomeWeights.First(w => w.Suffix == k).Weight)).ToList();
        var applicantColumns = _layout.Columns.Where(c => c.Key != "total").Select(c => c.Key).ToList();

        foreach (var column in applicantColumns)
        {
            var total = ColumnTotal(random, magnitude, column);
            foreach (var (row, count) in Distribute(random, total, weights))
            {
                values[$"{row}/{column}"] = count;
            }
            values[$"total/{column}"] = total;
            long carriedOut = total > 0 && random.Chance(0.3) ? random.LogUniform(1, Math.Max(1, total / 8)) : 0;
            if (total == 0 && random.Chance(0.04))
            {
                carriedOut = 1;
            }
            long carriedIn = random.Chance(0.3) ? random.LogUniform(0, Math.Max(0, Math.Min(total + carriedOut, Math.Max(1, total / 6)))) : 0;
            carriedIn = Math.Min(carriedIn, total + carriedOut);
            values[$"carried_out/{column}"] = carriedOut;
            values[$"carried_in/{column}"] = carriedIn;
            values[$"new/{column}"] = total + carriedOut - carriedIn;
        }

        foreach (var row in _layout.Rows)
        {
            values[$"{row.Key}/total"] = applicantColumns.Sum(c => values[$"{row.Key}/{c}"]);
        }
    }

    private static long ColumnTotal(Random random, Magnitude magnitude, string column)
    {
        var isPerson = column == "natural_person";
        var orgChance = column switch
        {
            "commercial" => 0.45,
            "other_org" => 0.35,
            "legal_services" => 0.25,
            _ => 0.10,
        };
        return magnitude switch
        {
            Magnitude.Zero => 0,
            Magnitude.Tiny => isPerson ? random.LogUniform(1, 12) : random.Chance(orgChance * 0.5) ? random.LogUniform(1, 3) : 0,
            Magnitude.Small => isPerson ? random.LogUniform(3, 90) : random.Chance(orgChance) ? random.LogUniform(1, 25) : 0,
            Magnitude.Medium => isPerson ? random.LogUniform(60, 4000) : random.Chance(orgChance) ? random.LogUniform(1, 400) : 0,
            _ => isPerson ? random.LogUniform(20_000, 4_000_000) : random.Chance(orgChance) ? random.LogUniform(10, 90_000) : 0,
        };
    }

    /// <summary>Splits a column total over the outcome rows: sparse, most of it on a few likely rows.</summary>
    private static IEnumerable<(string Row, long Count)> Distribute(Random random, long total, IReadOnlyList<(string Row, double Weight)> weights)
    {
        var counts = weights.ToDictionary(w => w.Row, _ => 0L, StringComparer.Ordinal);
        if (total <= 60)
        {
            for (var i = 0; i < total; i++)
            {
                counts[random.PickWeighted(weights)]++;
            }
        }
        else
        {
            var active = new List<string>();
            var rows = random.Next(2, 9);
            for (var i = 0; i < rows; i++)
            {
                var pick = random.PickWeighted(weights);
                if (!active.Contains(pick))
                {
                    active.Add(pick);
                }
            }
            var shares = active.Select(_ => Math.Exp(random.Uniform(-2.5, 2.5))).ToList();
            var sum = shares.Sum();
            long assigned = 0;
            for (var i = 0; i < active.Count; i++)
            {
                var share = (long)Math.Floor(total * shares[i] / sum);
                counts[active[i]] = share;
                assigned += share;
            }
            counts[active[shares.IndexOf(shares.Max())]] += total - assigned;
        }
        return counts.Select(kv => (kv.Key, kv.Value));
    }

    private void FillAppeals(Random random, Dictionary<string, decimal> values)
    {
        var busy = random.PickWeighted<double>([(0.0, 0.45), (0.3, 0.35), (0.7, 0.2)]);
        foreach (var group in new[] { "review", "litigation_direct", "litigation_after_review" })
        {
            long sum = 0;
            foreach (var part in new[] { "upheld", "corrected", "other", "pending" })
            {
                long v = random.Chance(busy * (part == "upheld" ? 1.0 : 0.5))
                    ? random.Chance(0.9) ? random.LogUniform(1, 8) : random.LogUniform(9, 400)
                    : 0;
                values[$"count/{group}.{part}"] = v;
                sum += v;
            }
            values[$"count/{group}.total"] = sum;
        }
    }

    private void FillActive(Random random, Dictionary<string, decimal> values)
    {
        var busy = random.PickWeighted<double>([(0.0, 0.2), (0.35, 0.4), (0.8, 0.4)]);
        foreach (var cell in _layout.Cells)
        {
            var chance = random.Chance(busy);
            values[cell.Id] = cell.Column.Kind switch
            {
                CellValueKind.Decimal => chance ? Money(random) : 0m,
                CellValueKind.SignedInteger => chance ? (random.Chance(0.5) ? -1 : 1) * random.LogUniform(1, 60) : 0m,
                _ => chance ? Count(random, cell) : 0m,
            };
        }
    }

    private static long Count(Random random, LayoutCell cell)
    {
        var big = cell.Row.Key.Contains("licensing", StringComparison.Ordinal) || cell.Row.Key.Contains("penalty", StringComparison.Ordinal)
            || cell.Row.Key.Contains("services", StringComparison.Ordinal);
        if (big && random.Chance(0.35))
        {
            return random.LogUniform(100, 4_000_000);
        }
        return cell.Row.Key.Contains("rules", StringComparison.Ordinal) ? random.LogUniform(1, 6) : random.LogUniform(1, 120);
    }

    /// <summary>Fees in 万元 and procurement amounts: up to 4 decimals, e.g. 96171.6 or 0.0325.</summary>
    private static decimal Money(Random random)
    {
        var places = random.Next(0, 5);
        var magnitude = random.PickWeighted<double>([(0.01, 0.25), (1, 0.25), (100, 0.3), (10_000, 0.2)]);
        var raw = (decimal)(random.Uniform(0.1, 10) * magnitude);
        var value = Math.Round(raw, places, MidpointRounding.AwayFromZero);
        if (value == 0)
        {
            value = 1m / (decimal)Math.Pow(10, places);
        }
        return value / 1.000000000000000000000000000m;
    }

    /// <summary>One printed mistake, like real reports make: a sum or a part off by a typo-sized amount.</summary>
    private void InjectMistake(Random random, Dictionary<string, decimal> values)
    {
        var candidates = _layout.Identities.SelectMany(i => i.CellIds).Distinct(StringComparer.Ordinal).ToList();
        var sums = _layout.Identities.SelectMany(i => i.Lhs).Distinct(StringComparer.Ordinal).ToList();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var cell = random.Chance(0.6) ? random.Pick(sums) : random.Pick(candidates);
            var printed = Typo(random, (long)values[cell]);
            if (printed < 0 || printed == values[cell])
            {
                continue;
            }
            var before = values[cell];
            values[cell] = printed;
            if (IdentityChecker.Broken(_layout, values).Count > 0)
            {
                return;
            }
            values[cell] = before;
        }
        throw new InvalidOperationException($"Could not inject a printed mistake into {_layout.Id}.");
    }

    private static long Typo(Random random, long value)
    {
        var digits = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return random.Next(4) switch
        {
            0 => value + random.Pick<long>([1, -1, 2, -2]),
            1 when digits.Length >= 2 => long.Parse(SwapTwo(random, digits), System.Globalization.CultureInfo.InvariantCulture),
            2 => value + random.LogUniform(1, 30) * (random.Chance(0.5) ? 1 : -1),
            _ => value == 0 ? random.LogUniform(1, 5) : value * 10 + random.Next(10),
        };
    }

    private static string SwapTwo(Random random, string digits)
    {
        var i = random.Next(digits.Length - 1);
        var chars = digits.ToCharArray();
        (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
        return new string(chars);
    }
}
