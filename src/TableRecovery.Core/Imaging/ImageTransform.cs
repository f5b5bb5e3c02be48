using TableRecovery.Core.Grid;

namespace TableRecovery.Core.Imaging;

/// <summary>
/// How a normalized image was made from its source: turned by quarter turns clockwise, padded by a
/// white border, rotated by the skew about its centre, then scaled (the normalizer scales before it rotates; about the
/// centre the two commute), and last, for a bent page, straightened (<see cref="Warp"/>). Maps boxes back to source
/// pixels, since the output promises boxes in the input's own coordinates.
/// </summary>
public sealed record ImageTransform(
    int SourceWidth,
    int SourceHeight,
    int QuarterTurns,
    int Border,
    double SkewDegrees,
    double Scale)
{
    public static ImageTransform Identity(int width, int height) => new(width, height, 0, 0, 0, 1);

    /// <summary>The bend taken out of the page after it was deskewed and scaled; null for a page that lay flat.</summary>
    public PageWarp? Warp { get; init; }

    /// <summary>Clockwise degrees the source was turned to be read upright: 0, 90, 180 or 270.</summary>
    public int RotationDegrees => QuarterTurns * 90;

    private int TurnedWidth => QuarterTurns % 2 == 0 ? SourceWidth : SourceHeight;
    private int TurnedHeight => QuarterTurns % 2 == 0 ? SourceHeight : SourceWidth;

    /// <summary>Maps a point of the normalized image back to the source image.</summary>
    public (double X, double Y) ToSource(double x, double y)
    {
        // Undo the straightening, the scale, then the skew rotation about the bordered image's centre, then the border.
        if (Warp is not null) (x, y) = Warp.ToBent(x, y);
        x /= Scale;
        y /= Scale;
        double cx = (TurnedWidth + 2 * Border) / 2.0, cy = (TurnedHeight + 2 * Border) / 2.0;
        var a = -SkewDegrees * Math.PI / 180;
        double dx = x - cx, dy = y - cy;
        x = cx + dx * Math.Cos(a) - dy * Math.Sin(a);
        y = cy + dx * Math.Sin(a) + dy * Math.Cos(a);
        x -= Border;
        y -= Border;
        // Undo the quarter turns (each clockwise turn maps (x, y) of a w×h image to (h-1-y, x)).
        return QuarterTurns switch
        {
            1 => (y, SourceHeight - 1 - x),
            2 => (SourceWidth - 1 - x, SourceHeight - 1 - y),
            3 => (SourceWidth - 1 - y, x),
            _ => (x, y),
        };
    }

    /// <summary>The source-image bounding box of a normalized-image rectangle, clipped to the source.</summary>
    public PixelRect ToSource(PixelRect r)
    {
        Span<(double X, double Y)> corners =
        [
            ToSource(r.X, r.Y), ToSource(r.Right, r.Y), ToSource(r.X, r.Bottom), ToSource(r.Right, r.Bottom),
        ];
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        foreach (var (x, y) in corners)
        {
            minX = Math.Min(minX, x); minY = Math.Min(minY, y);
            maxX = Math.Max(maxX, x); maxY = Math.Max(maxY, y);
        }
        int x0 = Math.Clamp((int)Math.Round(minX), 0, SourceWidth), y0 = Math.Clamp((int)Math.Round(minY), 0, SourceHeight);
        int x1 = Math.Clamp((int)Math.Round(maxX), 0, SourceWidth), y1 = Math.Clamp((int)Math.Round(maxY), 0, SourceHeight);
        return new PixelRect(x0, y0, x1 - x0, y1 - y0);
    }
}
