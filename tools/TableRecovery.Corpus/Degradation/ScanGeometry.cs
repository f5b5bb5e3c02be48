namespace TableRecovery.Corpus.Degradation;

/// <summary>
/// Image sizes at each step of the degradation, enough to map a point of the rendering into the final image:
/// rendered → resized → skewed (canvas grows, centred) → turned sideways.
/// </summary>
public sealed record ScanGeometry((int Width, int Height) Rendered, (int Width, int Height) Resized, (int Width, int Height) Skewed, (int Width, int Height) Final)
{
    public (double X, double Y) Map(double x, double y, Planning.Degradation d)
    {
        x *= (double)Resized.Width / Rendered.Width;
        y *= (double)Resized.Height / Rendered.Height;
        (x, y) = Rotate(x, y, d.SkewDegrees, Resized, Skewed);
        return Rotate(x, y, d.Rotation, Skewed, Final);
    }

    /// <summary>Maps a rectangle to the axis-aligned box of its four mapped corners: [x, y, width, height].</summary>
    public int[] MapBox(double x, double y, double width, double height, Planning.Degradation d)
    {
        var corners = new[] { Map(x, y, d), Map(x + width, y, d), Map(x, y + height, d), Map(x + width, y + height, d) };
        var left = corners.Min(c => c.X);
        var top = corners.Min(c => c.Y);
        var right = corners.Max(c => c.X);
        var bottom = corners.Max(c => c.Y);
        return [(int)Math.Round(left), (int)Math.Round(top), (int)Math.Round(right - left), (int)Math.Round(bottom - top)];
    }

    /// <summary>Clockwise rotation (y down) about the centre, onto a canvas of the new size centred the same way.</summary>
    private static (double X, double Y) Rotate(double x, double y, double degrees, (int Width, int Height) from, (int Width, int Height) to)
    {
        if (degrees == 0)
        {
            return (x, y);
        }
        var radians = degrees * Math.PI / 180;
        var (cos, sin) = (Math.Cos(radians), Math.Sin(radians));
        var dx = x - from.Width / 2.0;
        var dy = y - from.Height / 2.0;
        return (cos * dx - sin * dy + to.Width / 2.0, sin * dx + cos * dy + to.Height / 2.0);
    }
}
