using TableRecovery.Core.Grid;
using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Ocr;

/// <summary>
/// Reads label ink of one normalized page with the Chinese model, each region once. A label read costs about
/// 20 ms, most of a table's time, and the orientation check reads a sample of label runs as they stand
/// before the table reader reads every label: the same crops, so the same words.
/// </summary>
public sealed class LabelReader(EngineSet engines, CropMaker crops)
{
    private readonly Dictionary<(PixelRect Ink, int Pad, PageSegmentation Mode), IReadOnlyList<OcrWord>> _read = [];

    /// <summary>The words in the ink region, padded with white.</summary>
    /// <param name="singleLine">The ink is one line: line mode skips the layout analysis, about a quarter of the time of a label.</param>
    public IReadOnlyList<OcrWord> Words(PixelRect ink, int pad, bool singleLine)
    {
        var mode = singleLine ? PageSegmentation.SingleLine : PageSegmentation.SingleBlock;
        if (_read.TryGetValue((ink, pad, mode), out var words)) return words;
        using var crop = crops.PaddedOnWhitePaper(ink.Inflate(2, 2), pad);
        words = engines.Labels.Recognize(crop, mode);
        if (words.Count == 0)
        {
            // A short bold word (其他) can read as nothing at one margin and right at a wider one.
            using var wider = crops.PaddedOnWhitePaper(ink.Inflate(2, 2), pad * 2);
            words = engines.Labels.Recognize(wider, mode);
        }
        if (words.Count == 0 && singleLine)
        {
            // A short word soft with blur (规章 on a mild scan) can read as nothing at any margin in line mode, whose
            // search for the line drops its blobs; fed to the line model as it is, it reads. Only a sure reading is
            // kept: on a hard scan the raw line model turns specks and garbled headers into glyphs, at 0.53 or less.
            var raw = engines.Labels.Recognize(crop, PageSegmentation.RawLine);
            if (raw.Count > 0 && raw.Average(w => w.Confidence) >= SureRawLine) words = raw;
        }
        _read[(ink, pad, mode)] = words;
        return words;
    }

    /// <summary>Measured on blurred 规章 (0.81, 0.83) against the specks and garbled headers of hard scans (0.53 at most).</summary>
    private const double SureRawLine = 0.6;

    /// <summary>The text of the ink region and the mean confidence of its words (0 when nothing was read).</summary>
    public (string Text, double Confidence) Read(PixelRect ink, int pad, bool singleLine = false)
    {
        return TextOf(Words(ink, pad, singleLine));
    }

    private static (string Text, double Confidence) TextOf(IReadOnlyList<OcrWord> words) =>
        words.Count == 0 ? ("", 0) : (string.Concat(words.Select(w => w.Text)), words.Average(w => w.Confidence));

    /// <summary>
    /// The text of a cell's ink and its mean confidence: one line in line mode, several in block mode, or line by line when
    /// block mode reads nothing. Block mode's layout analysis can drop a wrapped header whole (结果维 over a lone 持, 其他结 over
    /// 果, on a clean appeals table: nothing at any margin, while the same words in the next header read), and the layout
    /// then misses the column; each line alone reads.
    /// </summary>
    public (string Text, double Confidence) Read(CellInk ink, int pad, double textHeight)
    {
        var box = ink.InkBox!.Value;
        if (ink.Lines == 1) return Read(box, pad, singleLine: true);
        var block = Read(box, pad);
        if (block.Text.Length > 0) return block;
        var lines = ink.LineBoxes(textHeight).Select(line => Read(line, pad, singleLine: true)).ToList();
        return lines.Count < 2 || lines.All(l => l.Text.Length == 0)
            ? block
            : (string.Concat(lines.Select(l => l.Text)), lines.Average(l => l.Confidence));
    }

    /// <summary>
    /// The text of a peppered cell's ink with the specks apart from its strokes whitened (<see cref="CellInk.CorePieces"/>),
    /// line mode for one line, block mode for more; not kept.
    /// </summary>
    public (string Text, double Confidence) ReadWithoutSpecks(CellInk ink, int pad, double textHeight)
    {
        if (ink.CoreBox(textHeight) is not { } core) return ("", 0);
        using var crop = crops.PaddedKeeping(core.Inflate(2, 2), ink.CorePieces(textHeight), pad);
        return TextOf(engines.Labels.Recognize(crop, ink.Lines == 1 ? PageSegmentation.SingleLine : PageSegmentation.SingleBlock));
    }

    /// <summary>
    /// The regions stacked top to bottom with white between and read at once in block mode: each one's text and mean
    /// confidence. Each glyph then stands in a crop and among neighbours of its own: a second reading beside its cell's.
    /// (Side by side as the words of one line instead, neighbouring 无 read as one word, or as nothing.)
    /// </summary>
    public IReadOnlyList<(string Text, double Confidence)> ReadStacked(IReadOnlyList<PixelRect> inks, int pad, int gap)
    {
        using var strip = crops.Stacked(inks.Select(ink => ink.Inflate(2, 2)).ToList(), pad, gap, out var rows);
        var words = engines.Labels.Recognize(strip, PageSegmentation.SingleBlock);
        return rows.Select(row => TextOf(words.Where(w => w.Box.Y + w.Box.Height / 2 is var middle && middle >= row.Start && middle < row.End).ToList()))
            .ToList();
    }

    /// <summary>The words of one line of ink after <paramref name="turns"/> clockwise quarter turns; not kept.</summary>
    public IReadOnlyList<OcrWord> WordsTurned(PixelRect ink, int pad, int turns)
    {
        using var crop = crops.PaddedOnWhitePaper(ink.Inflate(2, 2), pad);
        using var turned = Leptonica.pixRotateOrth(crop, turns);
        return engines.Labels.Recognize(turned, PageSegmentation.SingleLine);
    }
}
