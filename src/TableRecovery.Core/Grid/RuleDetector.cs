using TableRecovery.Core.Imaging;
using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Grid;

/// <summary>
/// Finds ruling lines by morphology: a closing bridges small breaks, an opening with a brick longer than
/// any glyph stroke keeps only lines; the surviving pieces are clustered into rules, so a line broken over
/// long stretches is still one rule with several stretches.
/// </summary>
public static class RuleDetector
{
    /// <summary>
    /// The pieces of rule on the page before they are clustered into rules: runs of ink long enough for a rule, and faint
    /// lines found in the gray image. Measured once per page; a page whose solid rules make no table is searched again
    /// with dashed rules added to these (see <see cref="Detect"/>).
    /// </summary>
    /// <param name="throughGrain">Faint lines looked for through grain (<see cref="LineMap.Find"/>).</param>
    public static RulePieces Pieces(NormalizedImage image, bool throughGrain = false)
    {
        var t = Math.Max(8, image.TextHeight);
        // Bridge only specks of missing ink: a wider bridge joins the strokes of neighbouring glyphs (一, 丨)
        // into line-like runs. Longer breaks are joined later, when pieces are clustered into rules.
        int bridge = Math.Max(2, (int)(t / 12));
        int minHorizontal = (int)(t * 2.4), minVertical = (int)(t * 1.15);

        using var closedH = Leptonica.pixCloseBrick(image.Binary, bridge, 1);
        using var inkH = Leptonica.pixOpenBrick(closedH, minHorizontal, 1);
        using var closedV = Leptonica.pixCloseBrick(image.Binary, 1, bridge);
        using var inkV = Leptonica.pixOpenBrick(closedV, 1, minVertical);
        // Faint lines that the text binarization dropped are found in the gray image.
        var (grayH, grayV) = LineMap.Find(image.Gray, t, minHorizontal, minVertical, speckled: !image.FromBilevelScan, throughGrain);
        using var faintH = grayH;
        using var faintV = grayV;
        using var linesH = Leptonica.pixOr(inkH, faintH);
        using var linesV = Leptonica.pixOr(inkV, faintV);
        return new RulePieces(Leptonica.pixConnCompBoxes(linesH), Leptonica.pixConnCompBoxes(linesV));
    }

    /// <param name="pieces">The page's pieces of rule (<see cref="Pieces"/>).</param>
    /// <param name="dashedRows">Also horizontal rules a bilevel scan cut into dashes (<see cref="DashedRules"/>).</param>
    /// <param name="dashedColumns">Also vertical ones.</param>
    public static (IReadOnlyList<Rule> Horizontal, IReadOnlyList<Rule> Vertical) Detect(NormalizedImage image, RulePieces pieces,
        bool dashedRows = false, bool dashedColumns = false)
    {
        var t = Math.Max(8, image.TextHeight);
        (int X, int Y, int W, int H)[] dashedH = dashedRows ? DashedRules.Find(image.Binary, t, horizontal: true) : [];
        (int X, int Y, int W, int H)[] dashedV = dashedColumns ? DashedRules.Find(image.Binary, t, horizontal: false) : [];
        var horizontal = Cluster([.. pieces.Horizontal, .. dashedH], horizontal: true, t)
            .Where(r => !IsGlyphRow(r, image.Binary, t))
            .ToList();
        var vertical = Cluster([.. pieces.Vertical, .. dashedV], horizontal: false, t);
        // A dashed rule is light where its gaps are, but it is the page's own: the show-through check would cut it back to dashes.
        var dashed = horizontal.Where(r => DashedRules.Holds(dashedH, r)).Concat(vertical.Where(r => DashedRules.Holds(dashedV, r))).ToHashSet();
        (horizontal, vertical) = WithoutShowThrough(horizontal, vertical, image.Gray, t, dashed);
        vertical = [.. vertical.SelectMany(r => CutWhereAGapHoldsACrossing(r, horizontal, image.Binary, t))];
        var (h, v) = KeepConnected(horizontal, vertical, t);
        var trimmed = v.Select(r => WithoutGlyphStems(r, h, image.Binary, t)).ToList();
        return trimmed.SequenceEqual(v) ? (h, v) : KeepConnected([.. h], trimmed.OfType<Rule>().ToList(), t);
    }

    /// <summary>
    /// Without the rules of the sheet's other side showing through (bleed-through of thin paper printed on both sides, or
    /// the page under it): the faint-line search finds them as it finds a scan's light rules, and mirrored, they cut the
    /// table's cells apart. They are far lighter than the page's own rules; a scan whose rules are all light keeps them,
    /// since the measure is against the page's typical rule (by length, the upper quartile of contrast). Contrast is taken
    /// only where the rule has paper on both sides: a rule between shaded cells is light against its shading, and a
    /// broken rule against nothing.
    /// </summary>
    private static (List<Rule> Horizontal, List<Rule> Vertical) WithoutShowThrough(List<Rule> horizontal, List<Rule> vertical, PixHandle gray, double t,
        IReadOnlySet<Rule> dashed)
    {
        var all = horizontal.Concat(vertical).ToList();
        // Measured on the long rules first, which set the page's paper and typical rule: a page none of whose long rules
        // is light (nearly every page) costs no more, and the short pieces are measured only on a page that shows through.
        var longRules = all.Where(r => Length(r) >= ShowThroughLongRule * t).ToList();
        if (longRules.Count < 4) return (horizontal, vertical);
        var samples = longRules.ToDictionary(r => r, r => ContrastSamples(r, gray, t));
        var sides = samples.Values.SelectMany(x => x).Select(x => x.Paper).Order().ToList();
        if (sides.Count == 0) return (horizontal, vertical);
        var paper = sides[(int)(sides.Count * 0.75)];
        var contrast = new Dictionary<Rule, int?>();
        int? Contrast(Rule r)
        {
            if (contrast.TryGetValue(r, out var known)) return known;
            if (!samples.TryGetValue(r, out var ofRule)) samples[r] = ofRule = ContrastSamples(r, gray, t);
            var onPaper = ofRule.Where(x => x.Paper >= paper - PaperTolerance).Select(x => x.Contrast).Order().ToList();
            return contrast[r] = onPaper.Count >= MinPaperSamples ? onPaper[onPaper.Count / 2] : null;
        }
        var byContrast = longRules.Where(r => Contrast(r) is not null).OrderBy(r => contrast[r]).ToList();
        if (byContrast.Count < 4) return (horizontal, vertical);
        double total = byContrast.Sum(Length), running = 0;
        var typical = 0.0;
        foreach (var rule in byContrast)
        {
            running += Length(rule);
            typical = contrast[rule]!.Value;
            if (running >= total * 0.75) break;
        }
        var limit = typical * ShowThroughShare;
        // Another table showing through brings long light rules; a few short light pieces (a glyph's stroke the faint-line
        // search took, a stub of rule) are no sign of it and are left to the stages that judge them.
        if (!byContrast.Any(r => contrast[r] < limit)) return (horizontal, vertical);
        if (all.Where(r => Contrast(r) < limit).Sum(Length) < ShowThroughMinLength * t) return (horizontal, vertical);
        var step = ContrastStep(t);
        // A rule showing through may lie over one of the page's own and be clustered with it: the light rule goes, the
        // stretches where the page's own is dark stay.
        Rule? Own(Rule r)
        {
            if (dashed.Contains(r) || Contrast(r) is not { } c || c >= limit) return r;
            var kept = new List<Interval>();
            foreach (var (along, _, sampleContrast) in samples[r])
            {
                if (sampleContrast < limit) continue;
                if (kept.Count > 0 && along - kept[^1].End <= step) kept[^1] = kept[^1] with { End = along + step };
                else kept.Add(new Interval(along, along + step));
            }
            kept = kept.Where(k => k.Length >= MinOwnStretch * t).ToList();
            return kept.Count == 0 ? null : r with { Stretches = kept };
        }
        return (horizontal.Select(Own).OfType<Rule>().ToList(), vertical.Select(Own).OfType<Rule>().ToList());

        static double Length(Rule r) => r.Stretches.Sum(s => s.Length);
    }

    /// <summary>Light rules, in text heights in all, that show another table through the sheet (one table's rules run hundreds).</summary>
    private const double ShowThroughMinLength = 15;

    /// <summary>One of them at least this long, in text heights: a rule, not a stroke.</summary>
    private const double ShowThroughLongRule = 5;

    /// <summary>
    /// A dark stretch of a light rule is the page's own rule under it only when it runs longer than a glyph: where the light
    /// rule crosses a digit it is dark for two or three samples, a text height and a half at most. At one text height, a
    /// rule showing through the left-aligned numbers of a requests table's 总计 column (`generate --count 60 --seed 4902
    /// --show-through mixed --latin-font mixed --classes mild,hard`, 0055) kept a piece at each digit, and the pieces split
    /// the column in two, the 1s going to the narrow half: two totals read blank, and the table was said to print
    /// inconsistent sums.
    /// </summary>
    private const double MinOwnStretch = 1.75;

    /// <summary>
    /// Measured on fresh80 pages with a mirrored page multiplied in at 82–100 % (blurred): rules showing through had 0.10 to
    /// 0.17 of the contrast of the page's own.
    /// </summary>
    private const double ShowThroughShare = 0.25;

    /// <summary>Paper beside a rule is within this many gray levels of the page's paper (shading and text are darker).</summary>
    private const int PaperTolerance = 25;

    private const int MinPaperSamples = 3;

    /// <summary>Contrast is sampled every half text height; a light rule's dark stretches are rebuilt at the same step.</summary>
    private static int ContrastStep(double t) => Math.Max(3, (int)(t / 2));

    /// <summary>
    /// Per sample along the rule's stretches (every half text height): where it is, the paper beside it (the darker of the
    /// two sides, each side the lightest of its outer pixels) and the rule's contrast (the lighter side less the darkest
    /// pixel across the rule).
    /// </summary>
    private static List<(int Along, int Paper, int Contrast)> ContrastSamples(Rule rule, PixHandle gray, double t)
    {
        var samples = new List<(int Along, int Paper, int Contrast)>();
        int width = Leptonica.pixGetWidth(gray), height = Leptonica.pixGetHeight(gray);
        // The rule's ink is looked for a little either side of its clustered position, which is a mean of its pieces.
        var half = rule.Thickness / 2 + 3;
        var reach = half + Math.Max(3, (int)(t * 0.3));
        int acrossStart = Math.Max(0, rule.Position - reach), acrossEnd = Math.Min(rule.Horizontal ? height : width, rule.Position + reach + 1);
        int alongStart = Math.Max(0, rule.Start), alongEnd = Math.Min(rule.Horizontal ? width : height, rule.End);
        if (acrossEnd - acrossStart < 2 * reach || alongEnd - alongStart < 4) return samples;
        using var band = rule.Horizontal
            ? Leptonica.pixClipRectangle(gray, alongStart, acrossStart, alongEnd - alongStart, acrossEnd - acrossStart)
            : Leptonica.pixClipRectangle(gray, acrossStart, alongStart, acrossEnd - acrossStart, alongEnd - alongStart);
        var pixels = Leptonica.CopyGray(band);
        var bandWidth = Leptonica.pixGetWidth(band);
        int At(int along, int across) => rule.Horizontal ? pixels[across * bandWidth + along] : pixels[along * bandWidth + across];
        var centre = rule.Position - acrossStart;
        var across = acrossEnd - acrossStart;
        var step = ContrastStep(t);
        foreach (var stretch in rule.Stretches)
        {
            for (var a = Math.Max(stretch.Start, alongStart); a < Math.Min(stretch.End, alongEnd); a += step)
            {
                var along = a - alongStart;
                var ink = 255;
                for (var x = Math.Max(0, centre - half); x <= Math.Min(across - 1, centre + half); x++) ink = Math.Min(ink, At(along, x));
                int before = 0, after = 0;
                for (var x = 0; x < 3; x++)
                {
                    before = Math.Max(before, At(along, x));
                    after = Math.Max(after, At(along, across - 1 - x));
                }
                samples.Add((a, Math.Min(before, after), Math.Max(before, after) - ink));
            }
        }
        return samples;
    }

    /// <summary>
    /// A vertical rule without the stems of glyphs that run into it: a bold or blurred print runs the stem of 本, 事 or
    /// 申 from one rule to the next, so in a row of text it looks like a one-row cell border, or lengthens the column
    /// edge it stands above by a row, splitting a label or a header in two. A border has the white padding of its cells
    /// beside it; a stem has the rest of its glyph and the neighbouring glyphs on both sides. The rule loses each end
    /// row that is such a stem; null when nothing is left.
    /// </summary>
    private static Rule? WithoutGlyphStems(Rule rule, IReadOnlyList<Rule> horizontal, PixHandle binary, double t)
    {
        var tolerance = (int)Math.Max(4, t * 0.25);
        var current = rule;
        while (true)
        {
            var crossings = horizontal
                .Where(h => h.Reaches(current.Position, tolerance) && h.Position > current.Start + tolerance && h.Position < current.End - tolerance)
                .Select(h => h.Position)
                .Order()
                .ToList();
            var top = new Interval(current.Start, crossings.Count > 0 ? crossings[0] : current.End);
            var bottom = new Interval(crossings.Count > 0 ? crossings[^1] : current.Start, current.End);
            Interval? keep = null;
            if (IsGlyphStem(current, top, binary, t))
            {
                if (crossings.Count == 0) return null;
                keep = new Interval(crossings[0], current.End);
            }
            else if (IsGlyphStem(current, bottom, binary, t))
            {
                if (crossings.Count == 0) return null;
                keep = new Interval(current.Start, crossings[^1]);
            }
            if (keep is not { } k) return current;
            var stretches = current.Stretches
                .Select(s => new Interval(Math.Max(s.Start, k.Start), Math.Min(s.End, k.End)))
                .Where(s => s.Length > 0)
                .ToList();
            if (stretches.Count == 0) return null;
            current = current with { Stretches = stretches };
        }
    }

    /// <summary>
    /// A rule of stroke-length pieces cut where a horizontal rule runs through a gap between two of its pieces that both
    /// have glyph ink beside them: the stems of the first glyphs of two rows (彳 of 行 in 行政处罚 over 行政强制, a hard
    /// scan of `generate --count 60 --seed 4902 --show-through mixed --latin-font mixed --classes mild,hard`, 0040) stand at
    /// one x, each nearly its row's height, and clustered they spanned both rows and met a border at either end, a column
    /// the lattice cut through the labels. Neither reaches the border between the rows, as the broken pieces of a cell
    /// border do not either, but a border has its cell's padding beside it (<see cref="IsGlyphStem"/>). Cut, each stem is
    /// a short rule on its own, and a short rule meets a border at both ends or goes (<see cref="KeepConnected"/>).
    /// </summary>
    private static IEnumerable<Rule> CutWhereAGapHoldsACrossing(Rule rule, IReadOnlyList<Rule> horizontal, PixHandle binary, double t)
    {
        if (!rule.OfStrokeLengthPieces || rule.Stretches.Count < 2)
        {
            yield return rule;
            yield break;
        }
        var tolerance = (int)Math.Max(4, t * 0.25);
        var from = 0;
        for (var i = 0; i + 1 < rule.Stretches.Count; i++)
        {
            Interval above = rule.Stretches[i], below = rule.Stretches[i + 1];
            var crossed = horizontal.Any(h => h.Reaches(rule.Position, tolerance)
                && h.Position - above.End > tolerance && below.Start - h.Position > tolerance);
            if (!crossed || !HasGlyphInkBeside(rule, above, binary, t) || !HasGlyphInkBeside(rule, below, binary, t)) continue;
            yield return rule with { Stretches = [.. rule.Stretches.Skip(from).Take(i + 1 - from)] };
            from = i + 1;
        }
        yield return from == 0 ? rule : rule with { Stretches = [.. rule.Stretches.Skip(from)] };
    }

    /// <summary>
    /// A short horizontal run that is the bottom strokes of a line of glyphs, blurred into one: a small scan scaled up
    /// three times joined the feet of 本年增/减 into a line through the header, which split its cell in two (benchmark
    /// corpus 0149). A border has its cells' white padding above and below; the strokes of the glyphs run into such a
    /// run from above, and what is left of them below.
    /// </summary>
    private static bool IsGlyphRow(Rule rule, PixHandle binary, double t)
    {
        if (rule.End - rule.Start >= t * ShortHorizontalLength) return false;
        int imageWidth = Leptonica.pixGetWidth(binary), imageHeight = Leptonica.pixGetHeight(binary);
        int above = rule.Position - rule.Thickness / 2 - 2, below = rule.Position + (rule.Thickness + 1) / 2 + 2;
        if (above < 0 || below >= imageHeight) return false;
        // Not the ends: where a thick vertical rule crosses, its ink lies above and below any border.
        var end = (int)Math.Ceiling(t * 0.2);
        var columns = rule.Stretches
            .SelectMany(s => Enumerable.Range(s.Start, s.Length))
            .Where(x => x >= rule.Start + end && x < rule.End - end && x < imageWidth)
            .ToList();
        if (columns.Count == 0) return false;
        var rowAbove = InkedColumns(binary, above, imageWidth);
        var rowBelow = InkedColumns(binary, below, imageWidth);
        double shareAbove = columns.Count(x => rowAbove[x]) / (double)columns.Count;
        double shareBelow = columns.Count(x => rowBelow[x]) / (double)columns.Count;
        return Math.Max(shareAbove, shareBelow) >= GlyphRowInkedShare && Math.Min(shareAbove, shareBelow) >= GlyphRowOtherSideShare;
    }

    private const double ShortHorizontalLength = 8;

    /// <summary>
    /// Measured on the clean and mild images of both benchmark corpora (162): borders shorter than 12 text heights had ink
    /// touching them in at most 18% of their columns on either side; the glyph rows of 0149 and fresh 0068 in 48% and 74%
    /// on one side and 26% and 32% on the other. Hard scans had borders with text touching one side only (up to 80%).
    /// </summary>
    private const double GlyphRowInkedShare = 0.35;

    private const double GlyphRowOtherSideShare = 0.2;

    private static bool[] InkedColumns(PixHandle binary, int y, int imageWidth)
    {
        using var clip = Leptonica.pixClipRectangle(binary, 0, y, imageWidth, 1);
        return Leptonica.CopyBinary(clip).Select(p => p == 1).ToArray();
    }

    /// <summary>One row of a vertical rule with ink beside it on both sides, in a good part of its pixel rows.</summary>
    private static bool IsGlyphStem(Rule rule, Interval segment, PixHandle binary, double t)
    {
        // A rule of stroke-length pieces may be the aligned stems of a wrapped label's lines (机 over 获, two text heights and
        // more), no stem alone: it is judged by the ink beside it however long.
        if (segment.Length >= t * ShortVerticalRows && !rule.OfStrokeLengthPieces) return false;
        return InkedSides(rule, segment, binary, t) is (var left, var right) && left >= InkedSideShare && right >= InkedSideShare;
    }

    /// <summary>A stretch of a vertical rule with ink beside it on one side at least, in a good part of its pixel rows.</summary>
    private static bool HasGlyphInkBeside(Rule rule, Interval segment, PixHandle binary, double t) =>
        InkedSides(rule, segment, binary, t) is (var left, var right) && Math.Max(left, right) >= InkedSideShare;

    /// <summary>
    /// The share of the segment's pixel rows (less a margin at either end) with ink beside the rule, left and right, within
    /// half a text height; null where that reaches out of the image.
    /// </summary>
    private static (double Left, double Right)? InkedSides(Rule rule, Interval segment, PixHandle binary, double t)
    {
        var margin = (int)Math.Ceiling(t * 0.2);
        var top = segment.Start + margin;
        var height = segment.Length - 2 * margin;
        var width = (int)Math.Round(t * StemSideWidth);
        var offset = rule.Thickness / 2 + 2;
        int imageWidth = Leptonica.pixGetWidth(binary), imageHeight = Leptonica.pixGetHeight(binary);
        if (height <= 0 || top < 0 || top + height > imageHeight
            || rule.Position - offset - width < 0 || rule.Position + offset + width > imageWidth) return null;
        return (InkedRows(binary, rule.Position - offset - width, top, width, height), InkedRows(binary, rule.Position + offset, top, width, height));
    }

    private const double ShortVerticalRows = 2.2;
    private const double StemSideWidth = 0.5;

    /// <summary>
    /// Measured on a thin serif font in a hard scan (fresh corpus 0016): stems had ink beside them in 39–73% of their
    /// pixel rows on each side, cell borders in at most 22% on one side.
    /// </summary>
    private const double InkedSideShare = 0.35;

    /// <summary>The share of the rectangle's pixel rows that hold ink.</summary>
    private static double InkedRows(PixHandle binary, int x, int y, int width, int height)
    {
        using var clip = Leptonica.pixClipRectangle(binary, x, y, width, height);
        var pixels = Leptonica.CopyBinary(clip);
        var inked = 0;
        for (var row = 0; row < height; row++)
        {
            if (pixels.AsSpan(row * width, width).Contains((byte)1)) inked++;
        }
        return inked / (double)height;
    }

    /// <summary>
    /// A ruling line ends on another one; a run of glyph strokes that survived the opening ends in the
    /// middle of a cell. Rules none of whose ends meets a crossing rule are dropped, until none changes.
    /// A short vertical rule must meet crossing rules at both ends: a tall glyph stroke (丨 of 十, a
    /// bracket) blurred into the rule above it meets one, a cell border spanning one row meets two.
    /// </summary>
    private static (IReadOnlyList<Rule>, IReadOnlyList<Rule>) KeepConnected(List<Rule> horizontal, List<Rule> vertical, double t)
    {
        var tolerance = (int)Math.Max(4, t * 0.25);
        var shortVertical = t * ShortVerticalRows;
        while (true)
        {
            var verticals = vertical.Select(r => (r, new Interval(r.Start, r.End))).ToList();
            var h = horizontal.Where(r => ConnectedEnds(r, verticals, tolerance, shortVertical) > 0).ToList();
            var lines = WithLineSpans(h, tolerance);
            var v = vertical.Where(r => ConnectedEnds(r, lines, tolerance, shortVertical) >= (r.End - r.Start < shortVertical ? 2 : 1)).ToList();
            if (h.Count == horizontal.Count && v.Count == vertical.Count) return (h, v);
            horizontal = h;
            vertical = v;
        }
    }

    /// <summary>
    /// Each horizontal rule with the span of its whole line: the rules at its position, end to end. A scan can lose a
    /// third of a line, and the pieces on either side of the hole are separate rules (<see cref="SplitAtGaps"/>); a
    /// one-row cell border standing in the hole still meets the line at both ends.
    /// </summary>
    private static List<(Rule Rule, Interval Line)> WithLineSpans(List<Rule> rules, int tolerance) =>
        rules.Select(r =>
        {
            var collinear = rules.Where(o => Math.Abs(o.Position - r.Position) <= tolerance).ToList();
            return (r, new Interval(collinear.Min(o => o.Start), collinear.Max(o => o.End)));
        }).ToList();

    /// <summary>
    /// A rule crossing a line holds itself up only when it runs past it further than a glyph's stroke or a speck of
    /// show-through either side: half the length of a short rule at least. A faint piece 1.2 text heights long across a
    /// block's header border (`generate --count 60 --seed 4902 --show-through mixed --latin-font mixed --classes mild,hard`,
    /// 0040) made a column inside the 采购总金额 cell.
    /// </summary>
    private const double StubShare = 0.75;

    /// <summary>How many of the rule's two ends meet a crossing line (a rule crossing its middle counts for both).</summary>
    /// <param name="shortLine">A line shorter than this is too short to hold up a rule that crosses it.</param>
    private static int ConnectedEnds(Rule rule, List<(Rule Rule, Interval Line)> crossing, int tolerance, double shortLine)
    {
        bool start = false, end = false;
        foreach (var (other, line) in crossing)
        {
            if (rule.Position < line.Start - tolerance || rule.Position > line.End + tolerance) continue;
            start |= Math.Abs(other.Position - rule.Start) <= tolerance;
            end |= Math.Abs(other.Position - rule.End) <= tolerance;
            // A rule that crosses another (a long table border) is connected too; not one crossing a stroke: the stem of 稳
            // crossing the 一 before it, two glyph strokes of a thin serif font that held each other up and cut a label's
            // cell into four (`generate --count 50 --seed 6161 --classes clean,mild`, 0027: 一 2 text heights long).
            if (other.Position > rule.Start + tolerance && other.Position < rule.End - tolerance && line.Length >= shortLine
                && rule.End - rule.Start >= shortLine * StubShare
                && rule.Coverage(new Interval(other.Position - tolerance, other.Position + tolerance)) > 0.5) return 2;
        }
        return (start ? 1 : 0) + (end ? 1 : 0);
    }

    private static List<Rule> Cluster((int X, int Y, int W, int H)[] boxes, bool horizontal, double t)
    {
        // Pieces of one line lie within a few pixels across it (residual skew, thickness); distinct rules
        // of a table are at least a row apart. A doubled line (a table cut across pages) becomes one rule.
        var pieces = boxes
            .Select(b => horizontal
                ? (Across: b.Y + b.H / 2.0, Thick: b.H, Along: new Interval(b.X, b.X + b.W))
                : (Across: b.X + b.W / 2.0, Thick: b.W, Along: new Interval(b.Y, b.Y + b.H)))
            .Where(p => p.Thick <= Math.Max(6, t * ThinRuleShare) || p.Thick <= t * ThickRuleShare && p.Along.Length >= t * ThickRuleLength)
            .OrderBy(p => p.Across)
            .ToList();
        var rules = new List<Rule>();
        var tolerance = Math.Max(4, t * 0.35);
        var i = 0;
        while (i < pieces.Count)
        {
            var group = new List<(double Across, int Thick, Interval Along)> { pieces[i] };
            var j = i + 1;
            while (j < pieces.Count && pieces[j].Across - group[^1].Across <= tolerance)
            {
                group.Add(pieces[j]);
                j++;
            }
            rules.AddRange(SplitAtGaps(group, t).Select(g => MakeRule(g, horizontal, t) with
            {
                OfStrokeLengthPieces = g.All(p => p.Along.Length < t * GlyphStrokeLength),
            }));
            i = j;
        }
        return rules;
    }

    /// <summary>In text heights: a piece of rule is at most this thick, a glyph's bar or a dark band being thicker.</summary>
    private const double ThinRuleShare = 0.6;

    /// <summary>
    /// A piece this many text heights long may be up to <see cref="ThickRuleShare"/> thick: no glyph's bar runs that far, and a
    /// page whose text height was measured short keeps its thick borders (f50b 0020: thin kai glyphs a bilevel scan broke into
    /// pieces measured half their height, and the 3 px borders, 21 px at the scale that asked for, were all dropped).
    /// </summary>
    private const double ThickRuleLength = 10;

    private const double ThickRuleShare = 1.0;

    /// <summary>
    /// Tables stacked on a page share the x of their side borders; pieces far apart along the line are
    /// separate rules, or every table of the page would be tied into one. A line broken inside one table
    /// stays tied to it through the rules it crosses. A short piece (a glyph's stroke: the heading between two
    /// tables often starts flush with their border, and the stroke of its first glyph lands on the border's x)
    /// bridges no gap: it joins a rule only inside the rule's span or hard by its end.
    /// </summary>
    private static IEnumerable<List<(double Across, int Thick, Interval Along)>> SplitAtGaps(
        List<(double Across, int Thick, Interval Along)> group, double t)
    {
        var ordered = group.OrderBy(p => p.Along.Start).ToList();
        var solid = ordered.Where(p => p.Along.Length >= t * GlyphStrokeLength).ToList();
        if (solid.Count == 0)
        {
            solid = ordered; // a faint line found only in fragments
        }
        var rules = new List<List<(double Across, int Thick, Interval Along)>>();
        var current = new List<(double Across, int Thick, Interval Along)> { solid[0] };
        var end = solid[0].Along.End;
        foreach (var piece in solid.Skip(1))
        {
            if (piece.Along.Start - end > t * 2)
            {
                rules.Add(current);
                current = [];
            }
            current.Add(piece);
            end = Math.Max(end, piece.Along.End);
        }
        rules.Add(current);
        var nearEnd = t * 0.5;
        foreach (var piece in ordered.Except(solid))
        {
            var rule = rules.FirstOrDefault(r =>
                piece.Along.Start >= r.Min(p => p.Along.Start) - nearEnd && piece.Along.End <= r.Max(p => p.Along.End) + nearEnd);
            rule?.Add(piece);
        }
        return rules;
    }

    /// <summary>Pieces shorter than this, in text heights, may be a glyph's stroke (the opening keeps strokes from 1.15).</summary>
    private const double GlyphStrokeLength = 1.5;

    private static Rule MakeRule(List<(double Across, int Thick, Interval Along)> group, bool horizontal, double t)
    {
        double weight = 0, sum = 0;
        foreach (var p in group)
        {
            sum += p.Across * p.Along.Length;
            weight += p.Along.Length;
        }
        var stretches = new List<Interval>();
        var gapBridge = (int)Math.Max(3, t * 0.25);
        foreach (var s in group.Select(p => p.Along).OrderBy(s => s.Start))
        {
            if (stretches.Count > 0 && s.Start <= stretches[^1].End + gapBridge)
            {
                stretches[^1] = new Interval(stretches[^1].Start, Math.Max(stretches[^1].End, s.End));
            }
            else
            {
                stretches.Add(s);
            }
        }
        var thickness = (int)Math.Round(group.Max(p => p.Across) - group.Min(p => p.Across)) + group.Max(p => p.Thick);
        return new Rule(horizontal, (int)Math.Round(sum / weight), thickness, stretches);
    }
}

/// <summary>Boxes of the horizontal and vertical pieces of rule on a page, before clustering.</summary>
public sealed record RulePieces((int X, int Y, int W, int H)[] Horizontal, (int X, int Y, int W, int H)[] Vertical);
