using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;

namespace TableRecovery.Core.Ocr;

/// <summary>
/// The ink of the cell boxes of one normalized page, each measured once: the orientation checks and the table reader
/// look at the same lattice cells (on a requests table about 660 measurements of 230 boxes, 100–200 ms, before).
/// </summary>
public sealed class CellInks(NormalizedImage image)
{
    private readonly Dictionary<PixelRect, CellInk> _measured = [];

    public CellInk Of(PixelRect box)
    {
        if (!_measured.TryGetValue(box, out var ink))
        {
            ink = CellInk.Measure(image.Binary, image.Width, image.Height, box, image.TextHeight);
            _measured[box] = ink;
        }
        return ink;
    }

    /// <summary>
    /// The box's ink is small and gone from the page smoothed against specks (<see cref="NormalizedImage.SmoothedInk"/>,
    /// made on the first call that needs it): specks, or a faint thin glyph the median erased too.
    /// </summary>
    public bool VanishesWhenSmoothed(PixelRect box) =>
        Of(box) is { IsBlank: false } ink && ink.LargestPiece < image.TextHeight * SpeckSized && image.SmoothedInk is { } smoothed
        && CellInk.Measure(smoothed, image.Width, image.Height, box, image.TextHeight).IsBlank;

    /// <summary>
    /// The box of the ink on the page smoothed against specks where it is narrower or shorter than the box measured, by
    /// specks beside a label, by at least <see cref="SpecksWidened"/> text heights; null where the page has no smoothed copy
    /// (a bilevel page) or the specks made no difference. Made on the first call that needs it.
    /// </summary>
    public PixelRect? BoxWithoutSpecks(PixelRect box)
    {
        if (Of(box) is not { InkBox: { } inkBox } || image.SmoothedInk is not { } smoothed) return null;
        if (CellInk.Measure(smoothed, image.Width, image.Height, box, image.TextHeight) is not { InkBox: { } clean }) return null;
        var widened = image.TextHeight * SpecksWidened;
        return inkBox.Width - clean.Width >= widened || inkBox.Height - clean.Height >= widened ? clean : null;
    }

    /// <summary>Less than this share of a text height is the jitter of binarizing a page twice, not specks.</summary>
    private const double SpecksWidened = 0.3;

    /// <summary>
    /// Ink whose pieces are all shorter than this share of the text height, any way, may be specks: it is looked for on the
    /// page smoothed against them. A glyph's stroke runs most of a text height; a blot of pepper noise, blurred and
    /// smeared by JPEG, a third of it.
    /// </summary>
    private const double SpeckSized = 0.6;
}
