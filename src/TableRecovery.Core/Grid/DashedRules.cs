using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Grid;

/// <summary>
/// Ruling lines a bilevel scan cut into dashes: a thin gray rule, slightly skewed, thresholded to black and white keeps
/// only the stretches where it crosses pixel rows darkest, dashes as long as the gaps between them or shorter (bilevel
/// corpus 0035: dashes of about 0.6 text heights, gaps up to 1.7). The opening that keeps lines and drops glyphs drops
/// the dashes too, and a closing wide enough to join them joins the strokes of neighbouring glyphs. Instead, thin runs
/// are chained where they follow each other on one line at dash-sized gaps; a chain long enough, with no glyph's ink
/// along it, is a rule.
/// </summary>
internal static class DashedRules
{
    /// <summary>Boxes (x, y, w, h) of the dashed rules one way, each as one solid piece.</summary>
    public static (int X, int Y, int W, int H)[] Find(PixHandle binary, double t, bool horizontal)
    {
        var shortest = Math.Max(3, (int)(t * ShortestDash));
        using var opened = horizontal ? Leptonica.pixOpenBrick(binary, shortest, 1) : Leptonica.pixOpenBrick(binary, 1, shortest);
        var thin = Math.Max(4, t * ThickestDash);
        var dashes = Leptonica.pixConnCompBoxes(opened)
            .Select(b => horizontal ? new Dash(b.Y + b.H / 2.0, b.H, b.X, b.X + b.W) : new Dash(b.X + b.W / 2.0, b.W, b.Y, b.Y + b.H))
            .Where(d => d.Thick <= thin && d.End - d.Start <= t * LongestDash)
            .OrderBy(d => d.Start)
            .ToList();
        if (dashes.Count < MinDashes) return [];

        var widest = t * WidestGap;
        var chains = new List<List<Dash>>();
        var open = new List<List<Dash>>();
        foreach (var dash in dashes)
        {
            open.RemoveAll(c => c[^1].End < dash.Start - widest);
            List<Dash>? best = null;
            foreach (var chain in open)
            {
                var last = chain[^1];
                if (last.End > dash.Start || Math.Abs(last.Across - dash.Across) > AcrossTolerance) continue;
                if (best is null || Math.Abs(last.Across - dash.Across) < Math.Abs(best[^1].Across - dash.Across)) best = chain;
            }
            if (best is null)
            {
                best = [];
                open.Add(best);
                chains.Add(best);
            }
            best.Add(dash);
        }

        int width = Leptonica.pixGetWidth(binary), height = Leptonica.pixGetHeight(binary);
        byte[]? pixels = null;
        var found = new List<(int, int, int, int)>();
        foreach (var chain in chains.Where(c => c.Count >= MinDashes))
        {
            int start = chain[0].Start, end = chain[^1].End;
            if (end - start < t * ShortestRule || chain.Sum(d => d.End - d.Start) < (end - start) * LeastInked || !Regular(chain)) continue;
            var across = (int)Math.Round(chain.Average(d => d.Across));
            var thick = chain.Max(d => d.Thick);
            pixels ??= Leptonica.CopyBinary(binary);
            if (SidesInked(pixels, width, height, horizontal, chain, across, thick) > MostSidesInked) continue;
            found.Add(horizontal ? (start, across - thick / 2, end - start, thick) : (across - thick / 2, start, thick, end - start));
        }
        return [.. found];
    }

    /// <summary>True when one of the dashed rules found is most of <paramref name="rule"/>.</summary>
    public static bool Holds((int X, int Y, int W, int H)[] dashed, Rule rule)
    {
        var span = new Interval(rule.Start, rule.End);
        foreach (var (x, y, w, h) in dashed)
        {
            var (across, along) = rule.Horizontal ? (y + h / 2.0, new Interval(x, x + w)) : (x + w / 2.0, new Interval(y, y + h));
            if (Math.Abs(across - rule.Position) <= rule.Thickness / 2.0 + AcrossTolerance && along.Overlap(span) >= span.Length * 0.5) return true;
        }
        return false;
    }

    /// <summary>
    /// A rule's dashes come alike long; a row of glyph strokes that happen to line up (the feet of 上, 且, 生) does not.
    /// </summary>
    private static bool Regular(List<Dash> chain)
    {
        var lengths = chain.Select(d => (double)(d.End - d.Start)).ToList();
        var mean = lengths.Average();
        var spread = Math.Sqrt(lengths.Average(l => (l - mean) * (l - mean)));
        return spread <= mean * MostLengthSpread;
    }

    /// <summary>
    /// The share of the dashes' length with ink just beside them on either side. A rule has cell padding either side
    /// (but where another rule crosses it); a glyph's stroke has the glyph's other strokes running into it.
    /// </summary>
    private static double SidesInked(byte[] pixels, int width, int height, bool horizontal, List<Dash> chain, int across, int thick)
    {
        int before = across - thick / 2 - SideOffset, after = across + (thick + 1) / 2 + SideOffset;
        if (before < 0 || after >= (horizontal ? height : width)) return 1;
        int inked = 0, n = 0;
        foreach (var dash in chain)
        {
            for (var along = dash.Start; along < dash.End; along++)
            {
                n++;
                if (At(along, before) || At(along, after)) inked++;
            }
        }
        return inked / (double)n;

        bool At(int along, int acrossAt) => horizontal ? pixels[acrossAt * width + along] == 1 : pixels[along * width + acrossAt] == 1;
    }

    private readonly record struct Dash(double Across, int Thick, int Start, int End);

    /// <summary>In text heights: the shortest dash (shorter runs are specks and the dots of glyphs).</summary>
    private const double ShortestDash = 0.3;

    /// <summary>In text heights: longer runs are stretches of solid rule, which the opening finds.</summary>
    private const double LongestDash = 2.5;

    /// <summary>In text heights: a dash is a thin rule's, not a stroke's blot.</summary>
    private const double ThickestDash = 0.2;

    /// <summary>
    /// In text heights: the widest gap between dashes of one rule. A rule skewed less than a degree before thresholding
    /// crosses pixel rows rarely, and its dashes can be a third of its length (0.65 t dashes, 1.7 t gaps).
    /// </summary>
    private const double WidestGap = 2.0;

    /// <summary>Pixels across between one dash and the next of a rule: the rule's residual skew over a gap.</summary>
    private const double AcrossTolerance = 2.5;

    private const int MinDashes = 4;

    /// <summary>In text heights: a chain shorter than this is a line of glyph strokes, or nothing a table needs.</summary>
    private const double ShortestRule = 4;

    /// <summary>The dashes cover at least this share of the chain.</summary>
    private const double LeastInked = 0.2;

    /// <summary>Pixels beyond the dash's edge where its sides are looked at: past the dash's own blur.</summary>
    private const int SideOffset = 2;

    /// <summary>
    /// Beside a rule's dashes ink lies only where a rule crosses or a glyph touches. Measured on a bilevel page whose rules
    /// were all dashed (bilevel corpus 0035): its rules 0.00–0.05, glyph strokes in a row 0.29–0.93, and the upright
    /// strokes of a label wrapped over lines, stacked, 0.14–0.29.
    /// </summary>
    private const double MostSidesInked = 0.1;

    /// <summary>The spread of the dashes' lengths, as a share of their mean.</summary>
    private const double MostLengthSpread = 0.6;
}
