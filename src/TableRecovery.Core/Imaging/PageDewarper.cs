using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Imaging;

/// <summary>
/// Straightens a bent page. The grid stage needs rules that are straight and level to within a few pixels (it finds them by
/// morphology and clusters their pieces by one position); a photographed sheet (perspective: its rules converge), a lens's
/// barrel (they bow) or a curled page (they wave) breaks that, and the table is lost whole. Deskew cannot help: the rules
/// disagree with each other. So each rule is traced as it runs, a smooth displacement is fitted to all of them, and the page
/// is resampled with the rules straight. A page whose rules are already straight is left as it is.
/// </summary>
public static class PageDewarper
{
    /// <summary>A rule bent by less than this share of the text height is left alone: the grid stage copes with it.</summary>
    public const double MinBendShare = 0.25;

    /// <summary>A traced rule must run this many text heights: glyph strokes and short borders do not.</summary>
    private const double MinRuleLength = 5;

    /// <summary>
    /// A direction's field is fitted only from this many rules or more; with fewer (a lone box, a page of text with a rule or
    /// two) a stray stroke could pass for a bend, and that direction's field is left at zero.
    /// </summary>
    private const int MinRules = 3;

    /// <summary>The bend of the page's rules, or null when they are straight and level enough as they are.</summary>
    public static PageWarp? Measure(PixHandle binary, double textHeight)
    {
        var t = Math.Max(8, textHeight);
        // Traced at half size, a quarter of the pixels: a rule's course needs no finer step, and every image pays for the look.
        using var half = Leptonica.pixReduceBinaryHalf(binary);
        var rows = RuleDisplacement.Fit(FullSize(Traces(half, t / 2, horizontal: true)), MinRules);
        var columns = RuleDisplacement.Fit(FullSize(Traces(half, t / 2, horizontal: false)), MinRules);
        var warp = new PageWarp(rows ?? RuleDisplacement.None, columns ?? RuleDisplacement.None);
        return warp.Bend >= MinBendShare * t ? warp : null;
    }

    private static List<IReadOnlyList<(double Along, double Across)>> FullSize(List<IReadOnlyList<(double Along, double Across)>> traces) =>
        traces.Select(r => (IReadOnlyList<(double Along, double Across)>)r.Select(p => (p.Along * 2 + 0.5, p.Across * 2 + 0.5)).ToList()).ToList();

    /// <summary>The gray page resampled so that the warp's rules lie straight (bilinear; paper white outside the picture).</summary>
    public static PixHandle Straighten(PixHandle gray, PageWarp warp)
    {
        int w = Leptonica.pixGetWidth(gray), h = Leptonica.pixGetHeight(gray);
        var source = Leptonica.CopyGray(gray);
        var target = new byte[w * h];
        // The field is smooth: evaluated on a coarse grid and interpolated, at a fraction of the cost and no visible loss.
        const int Step = 16;
        int gw = w / Step + 2, gh = h / Step + 2;
        var bentX = new double[gw * gh];
        var bentY = new double[gw * gh];
        for (var gy = 0; gy < gh; gy++)
        {
            for (var gx = 0; gx < gw; gx++)
            {
                (bentX[gy * gw + gx], bentY[gy * gw + gx]) = warp.ToBent(gx * Step, gy * Step);
            }
        }
        for (var y = 0; y < h; y++)
        {
            int gy = y / Step;
            var fy = (y - gy * Step) / (double)Step;
            for (var x = 0; x < w; x++)
            {
                int gx = x / Step;
                var fx = (x - gx * Step) / (double)Step;
                int i00 = gy * gw + gx, i10 = i00 + 1, i01 = i00 + gw, i11 = i01 + 1;
                var sx = (bentX[i00] * (1 - fx) + bentX[i10] * fx) * (1 - fy) + (bentX[i01] * (1 - fx) + bentX[i11] * fx) * fy;
                var sy = (bentY[i00] * (1 - fx) + bentY[i10] * fx) * (1 - fy) + (bentY[i01] * (1 - fx) + bentY[i11] * fx) * fy;
                target[y * w + x] = Sample(source, w, h, sx, sy);
            }
        }
        return Leptonica.FromGray(target, w, h);
    }

    private static byte Sample(byte[] source, int w, int h, double x, double y)
    {
        var x0 = (int)Math.Floor(x);
        var y0 = (int)Math.Floor(y);
        if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) return 255;
        double fx = x - x0, fy = y - y0;
        var i = y0 * w + x0;
        var top = source[i] * (1 - fx) + source[i + 1] * fx;
        var bottom = source[i + w] * (1 - fx) + source[i + w + 1] * fx;
        return (byte)Math.Round(top * (1 - fy) + bottom * fy);
    }

    /// <summary>
    /// The rules of one direction, each as the points (along, across) of its middle line. Ink left by an opening along the
    /// direction is cut across at regular steps; every thin run is a point, and points are chained into rules while each
    /// lies where the rule's course so far predicts (a bent rule changes its slope slowly; a gap of a few text heights,
    /// where a scan lost the line, is bridged).
    /// </summary>
    internal static List<IReadOnlyList<(double Along, double Across)>> Traces(PixHandle binary, double t, bool horizontal)
    {
        int bridge = Math.Max(2, (int)(t / 12));
        // Shorter than the grid stage's opening: a thin rule sloping a few percent leaves runs only that long.
        var length = Math.Max(12, (int)(t * 1.5));
        using var closed = horizontal ? Leptonica.pixCloseBrick(binary, bridge, 1) : Leptonica.pixCloseBrick(binary, 1, bridge);
        using var opened = horizontal ? Leptonica.pixOpenBrick(closed, length, 1) : Leptonica.pixOpenBrick(closed, 1, length);
        int w = Leptonica.pixGetWidth(opened), h = Leptonica.pixGetHeight(opened);
        var ink = Leptonica.CopyBinary(opened);
        int alongSize = horizontal ? w : h, acrossSize = horizontal ? h : w;
        bool At(int along, int across) => ink[horizontal ? across * w + along : along * w + across] == 1;

        var step = Math.Max(3, (int)(t / 3));
        var maxThickness = Math.Max(6, t * 0.6);
        var maxGap = 3 * t;
        var open = new List<Trace>();
        var done = new List<Trace>();
        var points = new List<double>();
        for (var along = step / 2; along < alongSize; along += step)
        {
            points.Clear();
            for (var across = 0; across < acrossSize; across++)
            {
                if (!At(along, across)) continue;
                var start = across;
                while (across < acrossSize && At(along, across)) across++;
                if (across - start <= maxThickness) points.Add((start + across - 1) / 2.0);
            }
            var pairs = new List<(double Distance, Trace Trace, int Point)>();
            foreach (var trace in open)
            {
                var predicted = trace.Predict(along);
                var tolerance = Math.Max(2, 0.12 * t) + 0.03 * (along - trace.LastAlong);
                for (var p = 0; p < points.Count; p++)
                {
                    var d = Math.Abs(points[p] - predicted);
                    if (d <= tolerance) pairs.Add((d, trace, p));
                }
            }
            var taken = new bool[points.Count];
            var extended = new HashSet<Trace>();
            foreach (var (_, trace, p) in pairs.OrderBy(x => x.Distance))
            {
                if (taken[p] || extended.Contains(trace)) continue;
                trace.Add(along, points[p]);
                taken[p] = true;
                extended.Add(trace);
            }
            for (var p = 0; p < points.Count; p++)
            {
                if (!taken[p]) open.Add(new Trace(along, points[p]));
            }
            foreach (var ended in open.Where(x => along - x.LastAlong > maxGap).ToList())
            {
                open.Remove(ended);
                done.Add(ended);
            }
        }
        done.AddRange(open);
        return done
            .Where(x => x.Points.Count >= 6 && x.LastAlong - x.Points[0].Along >= MinRuleLength * t)
            .Select(x => (IReadOnlyList<(double Along, double Across)>)x.Points)
            .ToList();
    }

    private sealed class Trace
    {
        public Trace(double along, double across) => Points.Add((along, across));

        public List<(double Along, double Across)> Points { get; } = [];

        public double LastAlong => Points[^1].Along;

        public void Add(double along, double across) => Points.Add((along, across));

        /// <summary>Where the rule runs at <paramref name="along"/>: on from its last point at the slope of its last stretch.</summary>
        public double Predict(double along)
        {
            var last = Points[^1];
            var first = Points[Math.Max(0, Points.Count - 8)];
            var slope = last.Along - first.Along > 0 ? Math.Clamp((last.Across - first.Across) / (last.Along - first.Along), -0.1, 0.1) : 0;
            return last.Across + slope * (along - last.Along);
        }
    }
}
