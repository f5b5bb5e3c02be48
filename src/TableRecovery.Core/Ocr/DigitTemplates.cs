using TableRecovery.Core.Grid;

namespace TableRecovery.Core.Ocr;

/// <summary>
/// What each digit looks like in one table. A table prints all its numbers in one font and size, so the glyphs of
/// the numbers the engine read surely (cell and strip agreeing) are samples of its digits, and a glyph elsewhere
/// in the table reads as the digit whose samples it resembles most. That reading owes nothing to the line model's
/// mistakes in the cell itself: a thin zero the model reads as nothing, 8 or 9 still looks like the table's other zeros.
/// The slash many tables print for zero is learned and read the same way, alone in its cell; so is the 无 other
/// tables print for it, whole (the Chinese model reads a lone 无 as 元 or 天 as often as not, and nothing else tells a
/// weak 无 from a blot).
/// </summary>
/// <remarks>
/// A glyph is its gray darkness (scaled between the cell's darkest and lightest pixel), scaled to a fixed height
/// and centred in a fixed width, so a narrow 1 stays narrow; two glyphs compare by correlation. A cell never
/// reads against its own samples (they are left out), and a digit needs samples from at least
/// <see cref="MinSamples"/> other glyphs to be read at all: a glyph of a digit the table taught nothing about
/// resembles no sample well and gets no reading.
/// </remarks>
public sealed class DigitTemplates
{
    private const int RasterWidth = 24;
    private const int RasterHeight = 24;
    private const int MinSamples = 3;

    /// <summary>What a glyph can be: a digit, or the slash many tables print for zero.</summary>
    private const string GlyphClasses = "0123456789/";

    /// <summary>A glyph must correlate at least this well with its digit's samples to be read.</summary>
    private const double LeastResemblance = 0.75;

    /// <summary>How far under its samples' least typical resemblance a glyph may still be that digit.</summary>
    private const double TypicalTolerance = 0.03;

    /// <summary>The most a reading with a glyph under its digit's typical resemblance is trusted.</summary>
    private const double UntypicalConfidence = 0.3;

    /// <summary>How a margin of resemblance over the next digit becomes a confidence: 1 − e^(−margin / scale).</summary>
    private const double MarginScale = 0.08;

    private readonly byte[] _gray;
    private readonly int _width;
    private readonly int _height;
    private readonly double[][] _sums = new double[GlyphClasses.Length][];
    private readonly int[] _counts = new int[GlyphClasses.Length];
    private readonly double[] _leastTypical = new double[GlyphClasses.Length];
    private readonly double[][] _prototypes = new double[GlyphClasses.Length][];
    private readonly Dictionary<PixelRect, List<(int Digit, double[] Raster)>> _samplesByCell = [];
    private readonly WholeGlyphClass _none = new();
    private readonly List<double> _aspects = [];

    /// <summary>Width to height of the table's digits (not 1), from its samples; null while learning or with too few.</summary>
    private double? _digitAspect;

    private DigitTemplates(byte[] gray, int width, int height)
    {
        _gray = gray;
        _width = width;
        _height = height;
        for (var d = 0; d < GlyphClasses.Length; d++) _sums[d] = new double[RasterWidth * RasterHeight];
    }

    /// <summary>Width to height of the table's digits other than 1 (the median of its samples); null with too few samples.</summary>
    public double? DigitAspect => _digitAspect;

    /// <summary>Digits that have samples to be read by.</summary>
    public int KnownDigits => Enumerable.Range(0, GlyphClasses.Length).Count(d => _counts[d] >= MinSamples) + (_none.IsKnown ? 1 : 0);

    /// <summary>The printed zero read whole rather than glyph by glyph.</summary>
    public const string None = "无";

    /// <summary>
    /// Learns the table's digits from numbers read surely: each (ink box, digits) whose ink splits into exactly
    /// as many glyphs as it has digits gives one sample per digit.
    /// </summary>
    public static DigitTemplates Learn(byte[] gray, int width, int height, IEnumerable<(PixelRect Ink, string Digits)> sure)
    {
        var templates = new DigitTemplates(gray, width, height);
        var numbers = new List<PixelRect>();
        foreach (var (ink, digits) in sure)
        {
            if (digits == None)
            {
                if (templates.Whole(ink) is { } whole) templates._none.Add(ink, whole);
                continue;
            }
            if (!IsNumberOrSlash(digits) || templates._samplesByCell.ContainsKey(ink)) continue;
            numbers.Add(ink);
            var glyphs = templates.Glyphs(ink, out _);
            if (digits.Length == 1 && glyphs is { Count: 2 } && templates.TwoPiecesWhole(ink) is { } oneGlyph) glyphs = [oneGlyph];
            if (glyphs is null || glyphs.Count != digits.Length) continue;
            var samples = new List<(int, double[])>(glyphs.Count);
            for (var i = 0; i < glyphs.Count; i++)
            {
                var d = GlyphClasses.IndexOf(digits[i]);
                Add(templates._sums[d], glyphs[i].Raster, 1);
                templates._counts[d]++;
                samples.Add((d, glyphs[i].Raster));
                if (digits[i] is not ('1' or '/')) templates._aspects.Add(glyphs[i].Aspect);
            }
            templates._samplesByCell[ink] = samples;
        }
        templates.MeasureTypicalResemblance();
        templates._digitAspect = templates._aspects.Count >= MinSamples ? Median(templates._aspects) : null;
        // Lazily: the sure numbers are rastered whole only in a table that has sure 无 to tell them from.
        templates._none.Complete(numbers.Select(templates.Whole).OfType<double[]>());
        for (var d = 0; d < GlyphClasses.Length; d++)
        {
            templates._prototypes[d] = templates.Prototype(templates._sums[d], templates._counts[d]);
        }
        return templates;
    }

    /// <summary>A digit's mean sample, normalized; empty when it has too few samples to be read by.</summary>
    private double[] Prototype(double[] sum, int count) => count >= MinSamples ? Normalized(sum) : [];

    /// <summary>The prototypes with a cell's own samples left out (only the digits it gave samples of change).</summary>
    private double[][] LeavingOut(List<(int Digit, double[] Raster)> own)
    {
        var prototypes = (double[][])_prototypes.Clone();
        foreach (var digit in own.Select(s => s.Digit).Distinct())
        {
            var sum = (double[])_sums[digit].Clone();
            var count = _counts[digit];
            foreach (var (_, raster) in own.Where(s => s.Digit == digit))
            {
                Add(sum, raster, -1);
                count--;
            }
            prototypes[digit] = Prototype(sum, count);
        }
        return prototypes;
    }

    /// <summary>
    /// How well a digit's own samples resemble the rest of its samples (each left out in turn): a glyph that
    /// resembles a digit clearly less than its samples do may be another digit, one the table taught nothing about
    /// (a 6 in a table whose sure numbers hold no 6 resembles its 0s best): its reading is only a weak candidate.
    /// </summary>
    private void MeasureTypicalResemblance()
    {
        var scores = Enumerable.Range(0, GlyphClasses.Length).Select(_ => new List<double>()).ToArray();
        foreach (var (digit, raster) in _samplesByCell.Values.SelectMany(s => s))
        {
            if (_counts[digit] < MinSamples) continue;
            var rest = (double[])_sums[digit].Clone();
            Add(rest, raster, -1);
            scores[digit].Add(Dot(Normalized(rest), raster));
        }
        for (var d = 0; d < GlyphClasses.Length; d++)
        {
            var sorted = scores[d].Order().ToList();
            _leastTypical[d] = sorted.Count == 0 ? double.PositiveInfinity : sorted[(int)(sorted.Count * 0.1)];
        }
    }

    /// <summary>
    /// The digits the ink looks like, with a confidence from how clearly each glyph resembles its digit more than
    /// any other (the least clear glyph decides); null when the ink is not a plain run of digit glyphs (a sign, a
    /// point, specks, a blob too wide for one digit and too narrow for two) or a glyph resembles no digit the table
    /// taught; weak (<see cref="UntypicalConfidence"/>) when a glyph resembles its digit less than the digit's samples do.
    /// Ink that resembles the table's 无 reads as 无 first.
    /// </summary>
    public Reading? Read(PixelRect ink) => Read(ink, out _);

    /// <param name="splitTouching">How many glyphs were cut out of touching digits (see <see cref="Glyphs"/>): their
    /// number comes from the ink's width, not from gaps, so the reading may hold more digits than the engine saw.</param>
    public Reading? Read(PixelRect ink, out int splitTouching)
    {
        splitTouching = 0;
        if (KnownDigits == 0) return null;
        if (_none.IsKnown && Whole(ink) is { } whole && _none.Read(ink, whole) is { } none)
        {
            return new Reading(None, none, ReadingMethod.Template);
        }
        var glyphs = Glyphs(ink, out splitTouching);
        if (glyphs is null || glyphs.Count == 0) return null;
        var prototypes = _samplesByCell.TryGetValue(ink, out var own) ? LeavingOut(own) : _prototypes;
        var split = Classify(glyphs, prototypes);
        if (glyphs.Count == 2 && splitTouching == 0 && TwoPiecesWhole(ink) is { } oneGlyph
            && Classify([oneGlyph], prototypes) is { } merged && (split is null || merged.Weakest > split.Value.Weakest))
        {
            // A thin zero whose hairlines a bilevel scan lost (its two sides left, "( )"): as one glyph it resembles the
            // table's zeros better than its halves resemble anything; two 1s resemble 1s better apart.
            split = merged;
        }
        return split is { } read && IsNumberOrSlash(read.Text) ? new Reading(read.Text, read.Confidence, ReadingMethod.Template) : null;
    }

    /// <summary>The digit each glyph resembles most; null when one resembles no digit the table taught well enough.</summary>
    private (string Text, double Confidence, double Weakest)? Classify(List<Glyph> glyphs, double[][] prototypes)
    {
        var text = new char[glyphs.Count];
        var confidence = 1.0;
        var weakest = double.PositiveInfinity;
        for (var i = 0; i < glyphs.Count; i++)
        {
            double best = double.NegativeInfinity, second = double.NegativeInfinity;
            var bestDigit = -1;
            for (var d = 0; d < GlyphClasses.Length; d++)
            {
                if (prototypes[d].Length == 0) continue;
                var score = Dot(prototypes[d], glyphs[i].Raster);
                if (score > best)
                {
                    second = best;
                    best = score;
                    bestDigit = d;
                }
                else if (score > second)
                {
                    second = score;
                }
            }
            if (bestDigit < 0 || best < LeastResemblance) return null;
            weakest = Math.Min(weakest, best);
            if (best < _leastTypical[bestDigit] - TypicalTolerance)
            {
                // Less like the digit than its samples are: another digit the table taught nothing about, or this one under
                // more noise than the sure samples had (a hard scan's weak zeros, which the engine reads as 9, 6 or nothing).
                // A candidate the identities may pick, never a reading to vouch for.
                confidence = Math.Min(confidence, UntypicalConfidence);
            }
            // With one digit known there is nothing to tell it from: as sure as its resemblance is strong.
            var margin = double.IsNegativeInfinity(second) ? best - LeastResemblance : best - second;
            confidence = Math.Min(confidence, 1 - Math.Exp(-margin / MarginScale));
            text[i] = GlyphClasses[bestDigit];
        }
        return (new string(text), confidence, weakest);
    }

    /// <summary>
    /// Ink of exactly two pieces side by side, no wider together than one digit (0.95 of its height, as in
    /// <see cref="Glyphs"/>), as one glyph; null otherwise.
    /// </summary>
    private Glyph? TwoPiecesWhole(PixelRect ink)
    {
        var r = ink.Inflate(1, 1).Intersect(new PixelRect(0, 0, _width, _height));
        if (r.Width < 3 || r.Height < 6) return null;
        var (darkest, lightest) = CropMaker.ToneRange(_gray, _width, r);
        if (lightest - darkest < 40) return null;
        var threshold = darkest + (lightest - darkest) * 0.65;
        var (top, bottom) = VerticalExtent(r, 0, r.Width, threshold);
        int left = r.Width, right = -1;
        for (var x = 0; x < r.Width; x++)
        {
            for (var y = top; y <= bottom && top >= 0; y++)
            {
                if (_gray[(r.Y + y) * _width + r.X + x] >= threshold) continue;
                left = Math.Min(left, x);
                right = Math.Max(right, x);
                break;
            }
        }
        var h = bottom - top + 1;
        var w = right - left + 1;
        if (top < 0 || right < 0 || h < 6 || w > h * 0.95) return null;
        return new Glyph(Raster(r.X + left, r.Y + top, w, h, darkest, lightest), w / (double)h);
    }

    /// <summary>
    /// How many digits the ink holds when touching digits had to be cut apart by the table's digit width (see
    /// <see cref="Glyphs"/>); 0 when nothing was cut or the ink is not a run of digit glyphs. It counts digits the
    /// templates cannot name: a table that printed no other 3 still shows its 32 two digits wide.
    /// </summary>
    /// <remarks>
    /// Counted with digits a fifth wider than the table's median: a 4 or a 0 is wider than most, and 44 touching, cut by
    /// the median width, made three glyphs (fresh corpus 0000); the count must hold for the widest digits.
    /// </remarks>
    public int CutGlyphCount(PixelRect ink)
    {
        if (KnownDigits == 0) return 0;
        var glyphs = Glyphs(ink, out var splitTouching, WidestDigitShare);
        return splitTouching > 0 && glyphs is not null ? glyphs.Count : 0;
    }

    private const double WidestDigitShare = 1.2;

    /// <summary>A piece too wide for the generic one-digit test is still one glyph up to this share of the table's digit width.</summary>
    private const double OneDigitWidthShare = 1.3;

    /// <summary>Digits, or a lone slash; a slash among digits is a misreading.</summary>
    internal static bool IsNumberOrSlash(string text) => text == "/" || text.Length > 0 && text.All(char.IsAsciiDigit);

    /// <summary>
    /// The ink split into glyphs at the columns it leaves blank, each as a normalized raster with its width to height;
    /// null when a piece is not digit-like: much shorter than the tallest (a sign, a point, a comma, a speck) or too
    /// wide for one digit. Too wide for one digit but as wide as two or more of the table's digits (known once it has
    /// learned some), it is touching digits (a tight font: the 5 and 4 of 544484 printed as one blob, which the engine
    /// reads as 44484): cut where the ink is thinnest near each expected boundary, and counted in <paramref name="splitTouching"/>.
    /// </summary>
    private List<Glyph>? Glyphs(PixelRect ink, out int splitTouching, double digitWidthShare = 1)
    {
        splitTouching = 0;
        var r = ink.Inflate(1, 1).Intersect(new PixelRect(0, 0, _width, _height));
        if (r.Width < 3 || r.Height < 6) return null;
        var (darkest, lightest) = CropMaker.ToneRange(_gray, _width, r);
        if (lightest - darkest < 40) return null;
        // Nearer the paper's tone than midway: thin strokes blurred into the paper stay whole.
        var threshold = darkest + (lightest - darkest) * 0.65;
        var inked = new bool[r.Width];
        var darkness = new double[r.Width];
        for (var x = 0; x < r.Width; x++)
        {
            for (var y = 0; y < r.Height; y++)
            {
                var g = _gray[(r.Y + y) * _width + r.X + x];
                inked[x] |= g < threshold;
                darkness[x] += lightest - g;
            }
        }
        var runs = new List<(int X0, int X1)>();
        for (var x = 0; x < r.Width;)
        {
            if (!inked[x]) { x++; continue; }
            var start = x;
            while (x < r.Width && inked[x]) x++;
            runs.Add((start, x));
        }
        if (runs.Count == 0) return null;
        var extents = runs.Select(run => VerticalExtent(r, run.X0, run.X1, threshold)).ToList();
        var tallest = extents.Max(e => e.Bottom - e.Top + 1);
        if (tallest < 6) return null;
        var glyphs = new List<Glyph>(runs.Count);
        for (var i = 0; i < runs.Count; i++)
        {
            var (x0, x1) = runs[i];
            var (top, bottom) = extents[i];
            var h = bottom - top + 1;
            if (h < tallest * 0.7) return null;
            if (x1 - x0 <= h * 0.95)
            {
                glyphs.Add(new Glyph(Raster(r.X + x0, r.Y + top, x1 - x0, h, darkest, lightest), (x1 - x0) / (double)h));
                continue;
            }
            var parts = _digitAspect is { } a ? (int)Math.Round((x1 - x0) / (a * digitWidthShare * h)) : 0;
            if (parts == 1 && x1 - x0 <= _digitAspect!.Value * OneDigitWidthShare * h)
            {
                // As wide as one of this table's digits: blur spreads a glyph sideways (a hard scan's 0 as wide as tall).
                glyphs.Add(new Glyph(Raster(r.X + x0, r.Y + top, x1 - x0, h, darkest, lightest), (x1 - x0) / (double)h));
                continue;
            }
            if (parts < 2) return null;
            var cuts = new List<int> { x0 };
            for (var k = 1; k < parts; k++)
            {
                var expected = x0 + (x1 - x0) * k / parts;
                var reach = Math.Max(1, (x1 - x0) / (parts * 4));
                cuts.Add(Enumerable.Range(expected - reach, 2 * reach + 1).Where(x => x > cuts[^1] && x < x1).MinBy(x => darkness[x]));
            }
            cuts.Add(x1);
            for (var k = 0; k < parts; k++)
            {
                var (partTop, partBottom) = VerticalExtent(r, cuts[k], cuts[k + 1], threshold);
                var partHeight = partBottom - partTop + 1;
                if (partBottom < 0 || partHeight < tallest * 0.7) return null;
                glyphs.Add(new Glyph(Raster(r.X + cuts[k], r.Y + partTop, cuts[k + 1] - cuts[k], partHeight, darkest, lightest), (cuts[k + 1] - cuts[k]) / (double)partHeight));
            }
            splitTouching += parts;
        }
        return glyphs;
    }

    private readonly record struct Glyph(double[] Raster, double Aspect);

    /// <summary>The first and last row of the region's columns [x0, x1) holding a pixel darker than the threshold; (−1, −1) for none.</summary>
    private (int Top, int Bottom) VerticalExtent(PixelRect r, int x0, int x1, double threshold)
    {
        int top = int.MaxValue, bottom = -1;
        for (var y = 0; y < r.Height; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                if (_gray[(r.Y + y) * _width + r.X + x] < threshold)
                {
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y);
                    break;
                }
            }
        }
        return bottom < 0 ? (-1, -1) : (top, bottom);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>The whole ink as one raster, its longer side scaled to the raster's; null for ink too small or faint to tell.</summary>
    private double[]? Whole(PixelRect ink)
    {
        var r = ink.Inflate(1, 1).Intersect(new PixelRect(0, 0, _width, _height));
        if (r.Width < 6 || r.Height < 6) return null;
        var (darkest, lightest) = CropMaker.ToneRange(_gray, _width, r);
        if (lightest - darkest < 40) return null;
        return Raster(r.X, r.Y, r.Width, r.Height, darkest, lightest, (double)RasterHeight / Math.Max(r.Width, r.Height));
    }

    /// <summary>The glyph's darkness scaled to the raster's height (3×3 samples a pixel), centred across, zero mean, unit length.</summary>
    private double[] Raster(int x0, int y0, int w, int h, byte darkest, byte lightest) =>
        Raster(x0, y0, w, h, darkest, lightest, (double)RasterHeight / h);

    private double[] Raster(int x0, int y0, int w, int h, byte darkest, byte lightest, double scale)
    {
        var raster = new double[RasterWidth * RasterHeight];
        var offset = (RasterWidth - w * scale) / 2;
        var range = (double)(lightest - darkest);
        for (var v = 0; v < RasterHeight; v++)
        {
            for (var u = 0; u < RasterWidth; u++)
            {
                double sum = 0;
                for (var sy = 0; sy < 3; sy++)
                {
                    for (var sx = 0; sx < 3; sx++)
                    {
                        var x = (u + (sx + 0.5) / 3 - offset) / scale;
                        var y = (v + (sy + 0.5) / 3) / scale;
                        if (x < 0 || x >= w || y >= h) continue;
                        var g = _gray[(y0 + Math.Min(h - 1, (int)y)) * _width + x0 + (int)x];
                        sum += Math.Clamp((lightest - g) / range, 0, 1);
                    }
                }
                raster[v * RasterWidth + u] = sum / 9;
            }
        }
        return Normalized(raster);
    }

    /// <summary>
    /// A printed zero mark read whole (无): its samples, how well they resemble each other, and how well the table's
    /// sure numbers resemble them. A glyph reads as the mark only when it resembles the samples as well as they
    /// resemble each other and better than any sure number does; its confidence grows with that lead.
    /// </summary>
    private sealed class WholeGlyphClass
    {
        private readonly double[] _sum = new double[RasterWidth * RasterHeight];
        private readonly Dictionary<PixelRect, double[]> _samples = [];
        private double[] _prototype = [];
        private double _leastTypical = double.PositiveInfinity;
        private double _bestNumber = LeastResemblance;

        public bool IsKnown => _prototype.Length > 0;

        public void Add(PixelRect ink, double[] raster)
        {
            if (_samples.TryAdd(ink, raster)) DigitTemplates.Add(_sum, raster, 1);
        }

        public void Complete(IEnumerable<double[]> sureNumbers)
        {
            if (_samples.Count < MinSamples) return;
            _prototype = Normalized(_sum);
            var typical = _samples.Values.Select(r => Dot(LeavingOut(r), r)).Order().ToList();
            _leastTypical = typical[(int)(typical.Count * 0.1)];
            foreach (var number in sureNumbers)
            {
                _bestNumber = Math.Max(_bestNumber, Dot(_prototype, number));
            }
        }

        public double? Read(PixelRect ink, double[] raster)
        {
            var prototype = _samples.TryGetValue(ink, out var own) ? LeavingOut(own) : _prototype;
            if (prototype.Length == 0) return null;
            var score = Dot(prototype, raster);
            if (score < _leastTypical - TypicalTolerance || score <= _bestNumber) return null;
            return 1 - Math.Exp(-(score - _bestNumber) / MarginScale);
        }

        private double[] LeavingOut(double[] own)
        {
            if (_samples.Count - 1 < MinSamples) return [];
            var rest = (double[])_sum.Clone();
            DigitTemplates.Add(rest, own, -1);
            return Normalized(rest);
        }
    }

    private static double[] Normalized(double[] values)
    {
        var mean = values.Average();
        var result = new double[values.Length];
        double norm = 0;
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = values[i] - mean;
            norm += result[i] * result[i];
        }
        norm = Math.Sqrt(norm);
        if (norm < 1e-9) return result;
        for (var i = 0; i < result.Length; i++) result[i] /= norm;
        return result;
    }

    private static void Add(double[] sum, double[] raster, int sign)
    {
        for (var i = 0; i < sum.Length; i++) sum[i] += sign * raster[i];
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (var i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
