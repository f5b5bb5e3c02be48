using TableRecovery.Core.Grid;

namespace TableRecovery.Core.Documents;

/// <summary>A word of a page's text layer and its box in the picture's pixels.</summary>
public sealed record TextWord(string Text, double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;

    /// <summary>Area shared with a pixel rectangle.</summary>
    public double Overlap(PixelRect r)
    {
        var w = Math.Min(Right, r.Right) - Math.Max(X, r.X);
        var h = Math.Min(Bottom, r.Bottom) - Math.Max(Y, r.Y);
        return w > 0 && h > 0 ? w * h : 0;
    }
}

/// <summary>
/// The text layer of a picture (a born-digital PDF page rendered to pixels): its words in reading order, and whether
/// it may be trusted for table cells — an invisible OCR layer laid over a scan may not.
/// </summary>
public sealed record TextLayer(IReadOnlyList<TextWord> Words, bool TrustedForTables)
{
    /// <summary>Words lying mostly inside <paramref name="region"/>, in reading order.</summary>
    public IEnumerable<TextWord> WordsIn(PixelRect region) => Words.Where(w => w.Overlap(region) >= 0.5 * w.Width * w.Height);
}
