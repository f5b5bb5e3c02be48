namespace TableRecovery.Core.Imaging;

/// <summary>
/// How a bent page lies in its picture: a photographed sheet's perspective, a lens's barrel, a curled page. Maps a point of
/// the straightened page to where it lies in the bent one, from two smooth displacement fields fitted to the table's rules:
/// the vertical shift of the horizontal rules along their length, and the horizontal shift of the vertical ones.
/// </summary>
public sealed class PageWarp
{
    private readonly RuleDisplacement _rows;
    private readonly RuleDisplacement _columns;

    internal PageWarp(RuleDisplacement rows, RuleDisplacement columns)
    {
        _rows = rows;
        _columns = columns;
    }

    /// <summary>The largest bend of one rule along its length, in pixels: how far from straight and level the worst rule lay.</summary>
    public double Bend => Math.Max(_rows.Bend, _columns.Bend);

    /// <summary>Where the point (x, y) of the straightened page lies in the bent one.</summary>
    public (double X, double Y) ToBent(double x, double y) => (x + _columns.At(y, x), y + _rows.At(x, y));
}

/// <summary>
/// The shift across a family of rules (horizontal or vertical) as a smooth function of the position along and across them:
/// a low polynomial whose every term varies along the rule, so that each rule keeps its place where the field is zero, at
/// the middle of the measured span. Outside the measured region the field holds its edge value: a polynomial fitted to the
/// table must not be carried out to the corners of a page.
/// </summary>
internal sealed class RuleDisplacement
{
    /// <summary>Powers (along, across) of the terms: up to a quartic along a rule (half a wave of a curled page, a barrel's bow), its change across the page up to a quadratic.</summary>
    private static readonly (int Along, int Across)[] Terms = [(1, 0), (2, 0), (3, 0), (4, 0), (1, 1), (2, 1), (3, 1), (1, 2), (2, 2)];

    private readonly double[] _coefficients;
    private readonly double _alongCentre, _acrossCentre, _unit;
    private readonly double _alongMin, _alongMax, _acrossMin, _acrossMax;

    private RuleDisplacement(double[] coefficients, double alongCentre, double acrossCentre, double unit,
        double alongMin, double alongMax, double acrossMin, double acrossMax)
    {
        _coefficients = coefficients;
        (_alongCentre, _acrossCentre, _unit) = (alongCentre, acrossCentre, unit);
        (_alongMin, _alongMax, _acrossMin, _acrossMax) = (alongMin, alongMax, acrossMin, acrossMax);
    }

    public static RuleDisplacement None { get; } = new(new double[Terms.Length], 0, 0, 1, 0, 0, 0, 0);

    /// <summary>The largest range of the field over the samples of one rule.</summary>
    public double Bend { get; private set; }

    public double At(double along, double across)
    {
        var u = (Math.Clamp(along, _alongMin, _alongMax) - _alongCentre) / _unit;
        var v = (Math.Clamp(across, _acrossMin, _acrossMax) - _acrossCentre) / _unit;
        double sum = 0;
        for (var m = 0; m < Terms.Length; m++)
        {
            sum += _coefficients[m] * Term(m, u, v);
        }
        return sum;
    }

    /// <summary>
    /// Least squares over every sample of every rule, each rule with its own place across (the offsets are unknowns beside
    /// the coefficients); samples far off the first fit (a glyph's stroke caught beside a rule) are dropped and the fit is
    /// made again. Null with too few rules to tell a bend from a stray stroke.
    /// </summary>
    public static RuleDisplacement? Fit(IReadOnlyList<IReadOnlyList<(double Along, double Across)>> rules, int minRules)
    {
        if (rules.Count < minRules) return null;
        var all = rules.SelectMany(r => r).ToList();
        double alongMin = all.Min(p => p.Along), alongMax = all.Max(p => p.Along);
        double acrossMin = all.Min(p => p.Across), acrossMax = all.Max(p => p.Across);
        var unit = Math.Max(1, Math.Max(alongMax - alongMin, acrossMax - acrossMin) / 2);
        double alongCentre = (alongMin + alongMax) / 2, acrossCentre = (acrossMin + acrossMax) / 2;
        var keep = rules.Select(r => Enumerable.Repeat(true, r.Count).ToArray()).ToArray();
        double[]? solution = null;
        for (var pass = 0; pass < 2; pass++)
        {
            solution = Solve(rules, keep, alongCentre, acrossCentre, unit);
            if (solution is null) return null;
            var residuals = new List<double>();
            for (var k = 0; k < rules.Count; k++)
            {
                for (var i = 0; i < rules[k].Count; i++)
                {
                    if (keep[k][i]) residuals.Add(Math.Abs(Residual(solution, rules.Count, k, rules[k][i], alongCentre, acrossCentre, unit)));
                }
            }
            var rms = Math.Sqrt(residuals.Average(r => r * r));
            var limit = Math.Max(2, 3 * rms);
            for (var k = 0; k < rules.Count; k++)
            {
                for (var i = 0; i < rules[k].Count; i++)
                {
                    keep[k][i] = Math.Abs(Residual(solution, rules.Count, k, rules[k][i], alongCentre, acrossCentre, unit)) <= limit;
                }
            }
        }
        var field = new RuleDisplacement(solution![rules.Count..], alongCentre, acrossCentre, unit, alongMin, alongMax, acrossMin, acrossMax);
        field.Bend = rules.Max(r =>
        {
            var values = r.Select(p => field.At(p.Along, p.Across)).ToList();
            return values.Max() - values.Min();
        });
        return field;
    }

    private static double Term(int m, double u, double v) => Math.Pow(u, Terms[m].Along) * Math.Pow(v, Terms[m].Across);

    private static double Residual(double[] solution, int ruleCount, int k, (double Along, double Across) p, double alongCentre, double acrossCentre, double unit)
    {
        double u = (p.Along - alongCentre) / unit, v = (p.Across - acrossCentre) / unit;
        var predicted = solution[k];
        for (var m = 0; m < Terms.Length; m++) predicted += solution[ruleCount + m] * Term(m, u, v);
        return p.Across - predicted;
    }

    private static double[]? Solve(IReadOnlyList<IReadOnlyList<(double Along, double Across)>> rules, bool[][] keep,
        double alongCentre, double acrossCentre, double unit)
    {
        var n = rules.Count + Terms.Length;
        var normal = new double[n, n];
        var rhs = new double[n];
        var row = new double[Terms.Length];
        for (var k = 0; k < rules.Count; k++)
        {
            for (var i = 0; i < rules[k].Count; i++)
            {
                if (!keep[k][i]) continue;
                var p = rules[k][i];
                double u = (p.Along - alongCentre) / unit, v = (p.Across - acrossCentre) / unit;
                for (var m = 0; m < Terms.Length; m++) row[m] = Term(m, u, v);
                normal[k, k] += 1;
                rhs[k] += p.Across;
                for (var m = 0; m < Terms.Length; m++)
                {
                    var a = rules.Count + m;
                    normal[k, a] += row[m];
                    normal[a, k] += row[m];
                    rhs[a] += row[m] * p.Across;
                    for (var q = 0; q < Terms.Length; q++) normal[a, rules.Count + q] += row[m] * row[q];
                }
            }
        }
        // A little ridge on the coefficients: with few rules across the page, the terms that vary across it are not all
        // determined, and the smallest field that fits is the one to trust.
        for (var m = 0; m < Terms.Length; m++) normal[rules.Count + m, rules.Count + m] += 1e-3;
        for (var k = 0; k < rules.Count; k++)
        {
            if (normal[k, k] == 0) normal[k, k] = 1; // a rule whose every sample was dropped keeps offset 0 and weighs nothing
        }
        return SolveLinear(normal, rhs);
    }

    /// <summary>Gaussian elimination with partial pivoting; null when the system is singular.</summary>
    private static double[]? SolveLinear(double[,] a, double[] b)
    {
        var n = b.Length;
        for (var col = 0; col < n; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < n; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col])) pivot = r;
            }
            if (Math.Abs(a[pivot, col]) < 1e-12) return null;
            if (pivot != col)
            {
                for (var c = 0; c < n; c++) (a[col, c], a[pivot, c]) = (a[pivot, c], a[col, c]);
                (b[col], b[pivot]) = (b[pivot], b[col]);
            }
            for (var r = col + 1; r < n; r++)
            {
                var f = a[r, col] / a[col, col];
                if (f == 0) continue;
                for (var c = col; c < n; c++) a[r, c] -= f * a[col, c];
                b[r] -= f * b[col];
            }
        }
        var x = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var s = b[r];
            for (var c = r + 1; c < n; c++) s -= a[r, c] * x[c];
            x[r] = s / a[r, r];
        }
        return x;
    }
}
