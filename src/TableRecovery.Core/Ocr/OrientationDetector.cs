using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Ocr;

/// <summary>
/// Finds how a table is turned, in two steps. Ruling lines look the same sideways, so the text decides
/// between upright and sideways: by the direction its label text runs in, or, when that is unclear, by
/// reading small cells (numbers, mostly) with the digits engine both ways.
/// Digits like 0 and 8 read as well upside down, so the structure decides between a half turn and none:
/// an upright table has its labels left of and its headers above its numbers.
/// </summary>
public static class OrientationDetector
{
    private const int SampleSize = 10;

    /// <summary>Fewer cells than this, read both ways, do not turn a page.</summary>
    private const int MinSamples = 4;

    /// <summary>True when the table reads better after a quarter turn clockwise than as it is.</summary>
    public static bool IsSideways(NormalizedImage image, IReadOnlyList<DetectedTable> tables, CellInks cellInks, CropMaker crops, OcrEngine digits)
    {
        var t = image.TextHeight;
        var inks = tables
            .SelectMany(tb => tb.Lattice.Cells)
            .Select(c => cellInks.Of(c.Box))
            .Where(ink => ink.InkBox is not null)
            .ToList();
        if (TextRunDirection(inks, t) is { } sideways) return sideways;
        var samples = inks
            .Select(ink => ink.InkBox!.Value)
            .Where(b => Math.Max(b.Width, b.Height) <= t * 4 && Math.Min(b.Width, b.Height) >= t * 0.4)
            .ToList();
        // Upright is the rule; two or three cells read both ways are too few to turn a page for (a grid found only in part,
        // on a bilevel page whose rules were mostly lost, gave two cells, and they read a little better turned).
        if (samples.Count < MinSamples) return false;
        // Spread the sample over the table rather than its first rows.
        var step = Math.Max(1, samples.Count / SampleSize);
        var chosen = samples.Where((_, i) => i % step == 0).Take(SampleSize).ToList();
        var pad = CropMaker.PadFor(t);
        var crops0 = chosen.Select(b => crops.Padded(b.Inflate(2, 2), pad)).ToList();
        try
        {
            var upright = Score(crops0, 0, digits);
            if (upright >= 0.85) return false;
            return Score(crops0, 1, digits) > upright + 0.1;
        }
        finally
        {
            foreach (var c in crops0) c.Dispose();
        }
    }

    /// <summary>
    /// Labels are runs of several glyphs written left to right, so their ink is much wider than tall; on a
    /// page turned a quarter the same runs stand upright. Counting the cells whose text runs each way is
    /// cheap and, unlike engine confidence, does not fade on a blurred scan. Null when too few cells say, or
    /// they disagree.
    /// </summary>
    private static bool? TextRunDirection(List<CellInk> inks, double t)
    {
        int across = 0, upright = 0;
        foreach (var box in inks.Select(i => i.InkBox!.Value))
        {
            // A run of three or more glyphs; single glyphs and digits say nothing.
            if (box.Width >= t * 2.5 && box.Width >= box.Height * 2.5) across++;
            else if (box.Height >= t * 2.5 && box.Height >= box.Width * 2.5) upright++;
        }
        // A few runs all one way still say it: a small table printing only zeros (which read as well turned) may
        // show just its four or five header runs.
        if (across + upright >= 3 && Math.Min(across, upright) == 0) return upright > 0;
        if (across + upright < 6) return null;
        if (upright >= 3 * Math.Max(1, across)) return true;
        if (across >= 3 * Math.Max(1, upright)) return false;
        return null;
    }

    /// <summary>Mean confidence (by the given engine) of the sample read after <paramref name="turns"/> clockwise quarter turns; empty reads count 0.</summary>
    private static double Score(List<PixHandle> crops, int turns, OcrEngine engine)
    {
        double sum = 0;
        foreach (var crop in crops)
        {
            using var turned = turns == 0 ? null : Leptonica.pixRotateOrth(crop, turns);
            var words = engine.Recognize(turned ?? crop, PageSegmentation.SingleLine);
            if (words.Count > 0) sum += words.Average(w => w.Confidence);
        }
        return sum / crops.Count;
    }

    /// <summary>
    /// True when the table is upside down. Chinese read upside down gets low confidence from the Chinese
    /// model, so a few runs of label text read both ways decide; the layout of labels and numbers decides
    /// only when there is too little label text to read (an appeals table is nearly all numbers).
    /// </summary>
    public static bool IsUpsideDown(NormalizedImage image, IReadOnlyList<DetectedTable> tables, CellInks cellInks, LabelReader labels)
    {
        var inks = tables.SelectMany(tb => tb.Lattice.Cells).Distinct().ToDictionary(c => c, c => cellInks.Of(c.Box));
        return LabelsReadUpsideDown(image.TextHeight, inks.Values, labels) ?? StructureIsUpsideDown(tables, inks);
    }

    private const int LabelSampleSize = 6;

    /// <summary>Chinese-model confidence lead that decides; below it the text is too poor to say.</summary>
    private const double LabelConfidenceLead = 0.12;

    /// <summary>
    /// A sample read this well as it stands is upright, and is not read turned too (a third of the time of the
    /// check). Over the 146 tables of a generated corpus whose labels were sampled, Chinese read upside down
    /// scored at most 0.40 (an upright table's sample turned) and 0.36 (a half-turned table's as it stood).
    /// </summary>
    private const double ClearlyUpright = 0.6;

    private static bool? LabelsReadUpsideDown(double t, IEnumerable<CellInk> inks, LabelReader labels)
    {
        // In a peppered cell the run is its strokes without the noise around them.
        var runs = inks
            .Where(ink => ink.Lines == 1)
            .Select(ink => ink.Peppered ? ink.CoreBox(t) : ink.InkBox)
            .OfType<PixelRect>()
            .Where(b => b.Width >= t * 2.5 && b.Width <= t * 14 && b.Height <= t * 1.6)
            .ToList();
        if (runs.Count < 3) return null;
        var pad = CropMaker.PadFor(t);
        var sample = Spread(runs, LabelSampleSize);
        // As they stand the runs are read as the table reader will read them, and kept for it.
        var upright = sample.Average(run => MeanConfidence(labels.Words(run, pad, singleLine: true)));
        if (upright >= ClearlyUpright) return false;
        // The label reader keeps what it read as it stands, not turned: each run is read turned once, for either sample.
        var readTurned = new Dictionary<PixelRect, double>();
        double Turned(PixelRect run) =>
            readTurned.TryGetValue(run, out var read) ? read : readTurned[run] = MeanConfidence(labels.WordsTurned(run, pad, 2));
        var turned = sample.Average(Turned);
        if (Math.Abs(upright - turned) >= LabelConfidenceLead) return turned > upright;
        if (runs.Count <= sample.Count) return null;
        // On a hard scan most runs read as garble either way, and six of them may all be garble: the few that read (a
        // heading, 第二十条第（一）项 at 0.85 turned against 0.27) are then left out, and the structure, which faint digits
        // blur too, decided. Every run, up to a larger sample, lets them say (`generate --count 60 --seed 5151`, 0025: six
        // runs 0.16 against 0.17, seventeen 0.18 against 0.39).
        var wider = Spread(runs, WiderLabelSampleSize);
        upright = wider.Average(run => MeanConfidence(labels.Words(run, pad, singleLine: true)));
        turned = wider.Average(Turned);
        return Math.Abs(upright - turned) < LabelConfidenceLead ? null : turned > upright;
    }

    /// <summary>The sample read when the first is too garbled to say.</summary>
    private const int WiderLabelSampleSize = 24;

    /// <summary>At most <paramref name="size"/> of the runs, spread over the table rather than its first rows.</summary>
    private static List<PixelRect> Spread(List<PixelRect> runs, int size)
    {
        var step = Math.Max(1, runs.Count / size);
        return runs.Where((_, i) => i % step == 0).Take(size).ToList();
    }

    private static double MeanConfidence(IReadOnlyList<OcrWord> words) => words.Count > 0 ? words.Average(w => w.Confidence) : 0;

    /// <summary>
    /// True when the numbers sit left of and above the labels: the table is upside down. Measured in
    /// table-relative coordinates so one wide or tall table does not dominate, and weighed by how much each table
    /// shows of both: a few cells of a grid found only in part weigh as little as they say (h99 0036, `generate --count 40
    /// --seed 9999 --classes hard`: a 3x3 scrap beside the faint upright 34x11 table, three labels and three numbers, outvoted
    /// its 59 labels and 11 numbers, and the page was turned over). Within a row, numbers right of
    /// its label decide first: over the whole table, the unmerged numbers of an active table all sit in its
    /// first block, above most of its labels, which alone would read as upside down.
    /// </summary>
    private static bool StructureIsUpsideDown(IReadOnlyList<DetectedTable> tables, IReadOnlyDictionary<LatticeCell, CellInk> inks)
    {
        double score = 0;
        var rows = 0;
        var told = false;
        foreach (var table in tables)
        {
            var lattice = table.Lattice;
            var numeric = NumericCellClassifier.Classify(lattice, inks);
            var labels = lattice.Cells.Where(c => !numeric.Contains(c) && !inks[c].IsBlank).ToList();
            var numbers = lattice.Cells.Where(c => numeric.Contains(c) && !inks[c].IsBlank).ToList();
            if (labels.Count == 0 || numbers.Count == 0) continue;
            told = true;
            var b = lattice.Bounds;
            double X(LatticeCell c) => (c.Box.CenterX - b.X) / (double)b.Width;
            double Y(LatticeCell c) => (c.Box.CenterY - b.Y) / (double)b.Height;
            score += Math.Min(labels.Count, numbers.Count) * (numbers.Average(X) - labels.Average(X) + numbers.Average(Y) - labels.Average(Y));
            foreach (var row in numbers.GroupBy(c => c.Row))
            {
                // A row votes only when its label is clearly beside all its numbers: left (upright) or right (turned).
                var beside = labels.Where(l => l.Row == row.Key && l.RowSpan == 1).ToList();
                if (beside.Count == 0) continue;
                if (beside.Max(l => l.LastColumn) < row.Min(n => n.Column)) rows++;
                else if (beside.Min(l => l.Column) > row.Max(n => n.LastColumn)) rows--;
            }
        }
        if (!told) return GroupHeadersBelow(tables);
        // Two rows agreeing outweigh the whole-table average; fewer (an appeals table has one number row) do not. Nor do a few
        // rows of a long table: on a thin serif bilevel page whose labels broke into specks, the numbers with commas of the
        // total column (407,465) passed for labels right of four rows' dashes, and the upright page was turned over
        // (`generate --bilevel mixed --count 40 --seed 7777`, page 0003: 4 rows against 1 of 41).
        var rowsTold = tables.Sum(tb => tb.Lattice.RowCount);
        return Math.Abs(rows) >= Math.Max(2, rowsTold * DecisiveRowShare) ? rows < 0 : score < 0;
    }

    /// <summary>
    /// The rows a table's labels and numbers sit beside each other in outvote its average only when they are this share of
    /// its rows at least, net: an upside-down table has its labels right of the numbers in most of its rows.
    /// </summary>
    private const double DecisiveRowShare = 0.2;

    /// <summary>
    /// Neither the labels nor the numbers could be told (a hard warped scan read upside down: its digits not taken for
    /// digits, its labels garbled either way): the group headers decide. Every layout heads its columns with cells merged
    /// over a group of them (行政复议 over five, 行政诉讼 over ten, 法人或其他组织 over five) above the leaf headers, so
    /// merged cells short of the table's width lie in its upper half; upside down, in its lower half.
    /// </summary>
    private static bool GroupHeadersBelow(IReadOnlyList<DetectedTable> tables)
    {
        int above = 0, below = 0;
        foreach (var lattice in tables.Select(t => t.Lattice))
        {
            foreach (var cell in lattice.Cells.Where(c => c.ColumnSpan >= 3 && c.ColumnSpan < lattice.ColumnCount && c.RowSpan == 1))
            {
                if (cell.Row * 2 + 1 < lattice.RowCount) above++;
                else if (cell.Row * 2 + 1 > lattice.RowCount) below++;
            }
        }
        return below >= 2 && above == 0;
    }
}
