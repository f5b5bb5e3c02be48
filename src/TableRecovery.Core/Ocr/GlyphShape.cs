using TableRecovery.Core.Grid;

namespace TableRecovery.Core.Ocr;

/// <summary>
/// The shape of a lone glyph, measured on its largest piece at full contrast, without the engine: its enclosed
/// loops and whether it is one slanting stroke. A speck on a zero's outline makes the line model read a confident
/// 6, 9, 8 or 2; the zero still encloses one tall loop centred on its height, which no other digit does (a 6 or a
/// 9 a short one low or high, an 8 two, a 4 a small one high up). Whether the ink is a zero left open by a bilevel cut,
/// or two strokes side by side, is measured on all its pieces that are not specks.
/// </summary>
/// <param name="Loops">Enclosed background regions of the glyph's largest piece, top to bottom, as fractions of its height, and
/// whether each tapers to a point at one end (see <see cref="Tapers"/>).</param>
/// <param name="Slash">The piece is one thin stroke leaning right as it rises: a printed "/" for zero.</param>
/// <param name="Upright">The piece is one thin upright stroke, perhaps with a flag or a foot: the shape of a 1.</param>
/// <param name="OpenZero">The glyph's pieces are a zero whose hairline top or bottom is gone (see <see cref="IsOpenZero"/>).</param>
public sealed record GlyphShape(int GlyphHeight, IReadOnlyList<(double Top, double Bottom, bool Tapered)> Loops, bool Slash = false, bool Upright = false, bool OpenZero = false)
{
    /// <summary>
    /// How wide the glyph stands near its foot (rows at 0.8–0.9 of its height, leftmost to rightmost ink), as a share of its
    /// width: a zero's lower arc spans most of it, a 4's stem under its bar a fifth or so.
    /// </summary>
    public double FootWidth { get; init; } = 1;

    /// <summary>
    /// One tall loop from near the top to near the bottom, over a foot as wide as a zero's lower arc. Only this verdict is
    /// used: on the benchmark corpus it was right in 314 of 315 disagreements with the engine, where loops read as 6, 8 or 9
    /// were wrong in all 20.
    /// </summary>
    public bool IsZero => Loops is [var (top, bottom, tapered)] && !tapered && bottom - top >= 0.45 && top <= 0.3 && bottom >= 0.7
        && FootWidth >= ZeroFootWidth;

    /// <summary>
    /// A zero's lower arc spans half its width or more near its foot (0.46 and up over the zeros of three hard pages of
    /// bench150, where their loops passed). A sans 4's triangular counter, cut near the ink, lost its apex and passed for a
    /// zero's loop (0.24–0.71 of the glyph; `generate --count 50 --seed 8383 --classes clean,mild` 0004, read 4 by the
    /// engine at only 0.29), but under the loop it stands on its stem alone: 0.22 of its width.
    /// </summary>
    private const double ZeroFootWidth = 0.35;

    /// <summary>
    /// Where between its darkest and lightest tone the glyph's ink is cut, by default: thin serif strokes blurred into the
    /// paper break at a midway cut and open the loop; nearer the paper's tone they hold.
    /// </summary>
    public const double InkShare = 0.7;

    /// <summary>
    /// A cut at mid-tone, for a zero blurred thick: at <see cref="InkShare"/> its strokes swell into the loop and leave a
    /// short hole (0.32–0.64 of its height, which a 6 or a 9 also has); nearer the ink the hole runs 0.2–0.8 (hard corpus 0071).
    /// A thinner cut only opens loops, it closes none; it could join an 8's two through a waist broken at mid-tone, which the
    /// four benchmark corpora did not show (no reading made wrong by it, 25 misreads and 87 reviews fewer on bench150).
    /// </summary>
    public const double BlurredInkShare = 0.5;

    public static GlyphShape? Measure(byte[] gray, int width, int height, PixelRect region, double inkShare = InkShare, bool closeGaps = false)
    {
        var r = region.Intersect(new PixelRect(0, 0, width, height));
        if (r.Width < 4 || r.Height < 6) return null;
        // One pixel of background all round, so the outside is one connected region.
        int w = r.Width + 2, h = r.Height + 2;
        var (darkest, lightest) = CropMaker.ToneRange(gray, width, r);
        if (lightest - darkest < 40) return null;
        var threshold = darkest + (lightest - darkest) * inkShare;
        var ink = new bool[w * h];
        for (var y = 0; y < r.Height; y++)
        {
            for (var x = 0; x < r.Width; x++)
            {
                ink[(y + 1) * w + x + 1] = gray[(r.Y + y) * width + r.X + x] < threshold;
            }
        }
        if (closeGaps) ink = Closed(ink, w, h);
        var labels = Label(ink, w, h, eightConnected: true, out var sizes);
        if (sizes.Count == 0) return null;
        var largest = sizes.IndexOf(sizes.Max()) + 1;
        int top = h, bottom = -1;
        var glyph = new bool[w * h];
        for (var i = 0; i < glyph.Length; i++)
        {
            if (labels[i] != largest) continue;
            glyph[i] = true;
            top = Math.Min(top, i / w);
            bottom = Math.Max(bottom, i / w);
        }
        var glyphHeight = bottom - top + 1;
        // Background regions of the glyph alone (other pieces count as background) that do not reach the border.
        var background = new bool[w * h];
        for (var i = 0; i < background.Length; i++) background[i] = !glyph[i];
        var regions = Label(background, w, h, eightConnected: false, out var areas);
        var outside = regions[0];
        var minArea = Math.Max(3, glyphHeight * glyphHeight / 60);
        var loops = new List<(double Top, double Bottom, bool Tapered)>();
        var rowWidths = new int[h];
        for (var label = 1; label <= areas.Count; label++)
        {
            if (label == outside || areas[label - 1] < minArea) continue;
            int lt = h, lb = -1;
            Array.Clear(rowWidths);
            for (var i = 0; i < regions.Length; i++)
            {
                if (regions[i] != label) continue;
                lt = Math.Min(lt, i / w);
                lb = Math.Max(lb, i / w);
                rowWidths[i / w]++;
            }
            loops.Add(((double)(lt - top) / glyphHeight, (double)(lb + 1 - top) / glyphHeight, Tapers(rowWidths.AsSpan(lt, lb - lt + 1))));
        }
        loops.Sort((a, b) => a.Top.CompareTo(b.Top));
        var extents = RowExtents(glyph, w, top, bottom);
        var stroke = loops.Count == 0 && glyphHeight >= MinStrokeHeight ? extents : null;
        var openZero = loops.Count == 0 && IsOpenZero(labels, sizes, w, h);
        var upright = stroke is { } u && IsUpright(u.Left, u.Right) && !openZero && !StrokeBeside(labels, sizes, largest, w);
        return new GlyphShape(glyphHeight, loops, stroke is { } s && IsSlash(s.Left, s.Right), upright, openZero)
        {
            FootWidth = extents is { } e ? FootWidthOf(e.Left, e.Right) : 0,
        };
    }

    /// <summary>
    /// The loop narrows to a point at one end: its widest quarter of rows (top or bottom) is several times as wide as the
    /// other. A 4's counter is a triangle, its apex at the top and its base on the bar: in a thin serif 4 (AR PL UMing, a
    /// clean scan) it runs from the top to 0.7 of the height, as tall as a zero's, which the engine then read as 4 at only
    /// 0.29. A zero's counter is an oval or a rounded box, as wide in its top quarter as in its bottom one.
    /// </summary>
    private static bool Tapers(ReadOnlySpan<int> widths)
    {
        var quarter = Math.Max(1, widths.Length / 4);
        double Mean(ReadOnlySpan<int> rows)
        {
            var sum = 0;
            foreach (var v in rows) sum += v;
            return (double)sum / rows.Length;
        }
        double upper = Mean(widths[..quarter]), lower = Mean(widths[^quarter..]);
        return Math.Max(upper, lower) >= TaperRatio * Math.Max(1, Math.Min(upper, lower));
    }

    /// <summary>How many times wider the broad end of a tapering loop is than its narrow end.</summary>
    private const double TaperRatio = 2.5;

    /// <summary>
    /// Another piece, not a speck, standing clear of the largest one's columns: the ink is two strokes side by side, not
    /// a lone 1 (a brush 0 whose curves the cut took leaves two plumb bars, as an 11 would), so neither is its shape.
    /// </summary>
    private static bool StrokeBeside(int[] labels, List<int> sizes, int largest, int w)
    {
        var minPiece = sizes[largest - 1] * StrokeBesideShare;
        var columns = new Dictionary<int, (int Left, int Right)>();
        for (var i = 0; i < labels.Length; i++)
        {
            var label = labels[i];
            if (label == 0 || sizes[label - 1] < minPiece) continue;
            var x = i % w;
            columns[label] = columns.TryGetValue(label, out var c) ? (Math.Min(c.Left, x), Math.Max(c.Right, x)) : (x, x);
        }
        var own = columns[largest];
        return columns.Any(c => c.Key != largest && (c.Value.Right < own.Left || c.Value.Left > own.Right));
    }

    /// <summary>A piece this share of the largest or more is a stroke, not a speck.</summary>
    private const double StrokeBesideShare = 0.3;

    /// <summary>
    /// A zero whose thin top or bottom (or both) fell below the cut of a bilevel scan or a light binarization: a thin serif
    /// 0 left as a U, an upturned U or two facing arcs "()", with no loop to close. Over the middle of its height every row
    /// crosses two thin arms with paper between them, and the arms bow outward (wider at mid-height than near the ends);
    /// two 1s side by side are as tall and two-armed but straight, a 4, 6, 8 or 9 has a row of one run or a loop, a 7 one arm.
    /// Measured on every piece that is not a speck, since the arms of "()" are two pieces.
    /// </summary>
    private static bool IsOpenZero(int[] labels, List<int> sizes, int w, int h)
    {
        var minPiece = Math.Max(4, sizes.Max() * OpenZeroMinPieceShare);
        int top = h, bottom = -1, left = w, right = -1;
        var ink = new bool[w * h];
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] == 0 || sizes[labels[i] - 1] < minPiece) continue;
            ink[i] = true;
            int x = i % w, y = i / w;
            top = Math.Min(top, y);
            bottom = Math.Max(bottom, y);
            left = Math.Min(left, x);
            right = Math.Max(right, x);
        }
        int height = bottom - top + 1, width = right - left + 1;
        if (height < MinStrokeHeight || width < height * OpenZeroMinAspect || width > height * OpenZeroMaxAspect) return false;
        int from = top + (int)Math.Round(height * OpenZeroBand), to = bottom - (int)Math.Round(height * OpenZeroBand);
        var twoArmed = 0;
        var spans = new List<(int Left, int Right)>();
        for (var y = from; y <= to; y++)
        {
            var runs = new List<(int Start, int End)>();
            for (var x = left; x <= right; x++)
            {
                if (!ink[y * w + x]) continue;
                var start = x;
                while (x <= right && ink[y * w + x]) x++;
                runs.Add((start, x - 1));
            }
            if (runs is [var a, var b] && b.Start - a.End - 1 >= width * OpenZeroMinGap
                && a.End - a.Start + 1 <= width * OpenZeroMaxArm && b.End - b.Start + 1 <= width * OpenZeroMaxArm)
            {
                twoArmed++;
                spans.Add((a.Start, b.End));
            }
            else
            {
                spans.Add((-1, -1));
            }
        }
        var rows = to - from + 1;
        if (twoArmed < rows * OpenZeroTwoArmedShare) return false;
        // Outer width at mid-height against the band's ends: a zero's sides bow out, a pair of 1s stands straight.
        double OuterWidth(int row0, int row1)
        {
            var known = spans.Skip(row0).Take(row1 - row0).Where(s => s.Left >= 0).ToList();
            return known.Count == 0 ? double.NaN : known.Average(s => s.Right - s.Left + 1.0);
        }
        var quarter = Math.Max(1, rows / 4);
        var middle = OuterWidth(rows / 2 - quarter / 2, rows / 2 - quarter / 2 + quarter);
        var ends = (OuterWidth(0, quarter) + OuterWidth(rows - quarter, rows)) / 2;
        return middle - ends >= Math.Max(OpenZeroMinBow, width * OpenZeroBowShare);
    }

    /// <summary>A piece under this share of the largest is a speck, not an arm.</summary>
    private const double OpenZeroMinPieceShare = 0.2;

    /// <summary>Width to height of a zero, thin serif to round sans.</summary>
    private const double OpenZeroMinAspect = 0.4, OpenZeroMaxAspect = 1.0;

    /// <summary>The rows measured leave out this share of the height at the top and at the bottom, where the hairlines were.</summary>
    private const double OpenZeroBand = 0.2;

    /// <summary>Paper between the arms, as a share of the glyph's width.</summary>
    private const double OpenZeroMinGap = 0.25;

    /// <summary>An arm is a stroke, at most this share of the glyph's width.</summary>
    private const double OpenZeroMaxArm = 0.4;

    /// <summary>Rows of the band that must cross two arms; a blot or a break may spoil one or two.</summary>
    private const double OpenZeroTwoArmedShare = 0.9;

    /// <summary>How much wider at mid-height than near the band's ends, in pixels and in shares of the width.</summary>
    private const double OpenZeroMinBow = 2, OpenZeroBowShare = 0.1;

    /// <summary>Below this height a stroke's slant and thickness are a pixel or two: too few to tell a slash from a 1.</summary>
    private const int MinStrokeHeight = 12;

    /// <summary>The mean width of the glyph's rows at 0.8–0.9 of its height, leftmost to rightmost ink, as a share of its width.</summary>
    private static double FootWidthOf(int[] left, int[] right)
    {
        var height = left.Length;
        var from = (int)Math.Round(height * 0.8);
        var to = Math.Min(height, Math.Max(from + 1, (int)Math.Round(height * 0.9)));
        if (from >= to) return 0;
        var width = right.Max() - left.Min() + 1.0;
        return Enumerable.Range(from, to - from).Average(y => right[y] - left[y] + 1.0) / width;
    }

    /// <summary>The leftmost and rightmost ink of each pixel row of the glyph, top to bottom; null when a row holds none.</summary>
    private static (int[] Left, int[] Right)? RowExtents(bool[] glyph, int w, int top, int bottom)
    {
        var height = bottom - top + 1;
        var left = new int[height];
        var right = new int[height];
        for (var y = 0; y < height; y++)
        {
            left[y] = -1;
            right[y] = -1;
            for (var x = 0; x < w; x++)
            {
                if (!glyph[(top + y) * w + x]) continue;
                if (left[y] < 0) left[y] = x;
                right[y] = x;
            }
            if (right[y] < 0) return null;
        }
        return (left, right);
    }

    /// <summary>
    /// Tall and narrow, its middle moving right as it rises, thin at the top: a slash. A 1 stands upright; a 7
    /// leans too but is as wide as the glyph at the top. The bottom quarter is left out: noise gathers there
    /// (a blot at the foot of a blurred slash made the engine read nothing).
    /// </summary>
    private static bool IsSlash(int[] left, int[] right)
    {
        var height = left.Length;
        var width = right.Max() - left.Min() + 1;
        if (height < width * 1.4) return false;
        double Thickness(int from, int to) => Enumerable.Range(from, to - from).Average(y => right[y] - left[y] + 1.0);
        int quarter = height / 4;
        var rise = Centre(left, right, 0, quarter) - Centre(left, right, 2 * quarter, 3 * quarter);
        return rise >= width * 0.2 && Thickness(0, quarter) <= width * 0.6 && Thickness(quarter, 3 * quarter) <= width * 0.6;
    }

    /// <summary>
    /// Tall, and thin and plumb through its middle half: a 1 (its flag and foot, where a font has them, lie outside the
    /// middle half). A 7 leans, a slash drifts right as it rises, a 4 or a 0 is wide in the middle.
    /// </summary>
    private static bool IsUpright(int[] left, int[] right)
    {
        var height = left.Length;
        int quarter = height / 4, half = height / 2;
        for (var y = quarter; y < 3 * quarter; y++)
        {
            if (right[y] - left[y] + 1 > Math.Max(3, height * UprightThickness)) return false;
        }
        return Math.Abs(Centre(left, right, quarter, half) - Centre(left, right, half, 3 * quarter)) <= Math.Max(1.5, height * UprightDrift);
    }

    /// <summary>The mean middle of the ink over pixel rows [from, to).</summary>
    private static double Centre(int[] left, int[] right, int from, int to) =>
        Enumerable.Range(from, to - from).Average(y => (left[y] + right[y]) / 2.0);

    /// <summary>A 1's stem is at most this share of its height thick, blurred and scaled up included.</summary>
    private const double UprightThickness = 0.4;

    /// <summary>How far the upper middle of the stem may stand from the lower middle, in shares of the height.</summary>
    private const double UprightDrift = 0.06;

    /// <summary>
    /// The ink closed by a 3×3 square: a gap of a pixel or two in a stroke (a grain of salt on a small zero's outline, scaled
    /// up) is filled, so the loop it opened is whole again; an opening as wide as a 6's stays open.
    /// </summary>
    private static bool[] Closed(bool[] ink, int w, int h)
    {
        bool[] Apply(bool[] src, bool dilate)
        {
            var dst = new bool[src.Length];
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    var any = false;
                    var all = true;
                    for (var dy = -1; dy <= 1; dy++)
                    {
                        for (var dx = -1; dx <= 1; dx++)
                        {
                            int yy = y + dy, xx = x + dx;
                            var v = yy >= 0 && yy < h && xx >= 0 && xx < w && src[yy * w + xx];
                            any |= v;
                            all &= v;
                        }
                    }
                    dst[y * w + x] = dilate ? any : all;
                }
            }
            return dst;
        }
        var closed = Apply(Apply(ink, dilate: true), dilate: false);
        // The one-pixel border stays background, so the outside is still one region.
        for (var x = 0; x < w; x++) closed[x] = closed[(h - 1) * w + x] = false;
        for (var y = 0; y < h; y++) closed[y * w] = closed[y * w + w - 1] = false;
        return closed;
    }

    private static int[] Label(bool[] set, int w, int h, bool eightConnected, out List<int> sizes)
    {
        var labels = new int[set.Length];
        sizes = [];
        var stack = new Stack<int>();
        for (var start = 0; start < set.Length; start++)
        {
            if (!set[start] || labels[start] != 0) continue;
            var label = sizes.Count + 1;
            var size = 0;
            labels[start] = label;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                size++;
                int x = i % w, y = i / w;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        if (dx == 0 && dy == 0 || !eightConnected && dx != 0 && dy != 0) continue;
                        int nx = x + dx, ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
                        var j = ny * w + nx;
                        if (set[j] && labels[j] == 0)
                        {
                            labels[j] = label;
                            stack.Push(j);
                        }
                    }
                }
            }
            sizes.Add(size);
        }
        return labels;
    }
}
