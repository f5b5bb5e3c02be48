using TableRecovery.Corpus.Planning;

namespace TableRecovery.Corpus.Degradation;

/// <summary>
/// Image sizes at each step of the degradation, enough to map a point of the rendering into the final image:
/// rendered → resized → skewed (canvas grows, centred) → warped → turned sideways.
/// </summary>
public sealed record ScanGeometry((int Width, int Height) Rendered, (int Width, int Height) Resized, (int Width, int Height) Skewed, (int Width, int Height) Final)
{
    /// <summary>Size after the page warp (a curl adds twice its amplitude to the height); null when there is none.</summary>
    public (int Width, int Height)? Warped { get; init; }

    public (double X, double Y) Map(double x, double y, Planning.Degradation d)
    {
        x *= (double)Resized.Width / Rendered.Width;
        y *= (double)Resized.Height / Rendered.Height;
        (x, y) = Rotate(x, y, d.SkewDegrees, Resized, Skewed);
        if (d.Warp is { } warp)
        {
            (x, y) = Warp(x, y, warp, d.Scale);
        }
        return Rotate(x, y, d.Rotation, Warped ?? Skewed, Final);
    }

    /// <summary>Maps a rectangle to the axis-aligned box of its mapped outline: [x, y, width, height].</summary>
    public int[] MapBox(double x, double y, double width, double height, Planning.Degradation d)
    {
        // Rotations keep edges straight, so the corners bound the box; a warp bends them, so walk along the edges.
        var steps = d.Warp is null ? 1 : 16;
        var outline = Enumerable.Range(0, steps + 1).Select(i => (double)i / steps).SelectMany(t => new[]
        {
            Map(x + t * width, y, d), Map(x + t * width, y + height, d), Map(x, y + t * height, d), Map(x + width, y + t * height, d),
        }).ToList();
        var left = outline.Min(c => c.X);
        var top = outline.Min(c => c.Y);
        var right = outline.Max(c => c.X);
        var bottom = outline.Max(c => c.Y);
        return [(int)Math.Round(left), (int)Math.Round(top), (int)Math.Round(right - left), (int)Math.Round(bottom - top)];
    }

    /// <summary>Where ImageMagick's warp moves a point of the skewed image (the forward map of its inverse sampling).</summary>
    private (double X, double Y) Warp(double x, double y, PageWarp warp, double scale)
    {
        var (w, h) = Skewed;
        switch (warp)
        {
            case KeystoneWarp keystone:
                return Perspective(keystone.Corners.Select(c => (c.X * w, c.Y * h)).ToArray(), x / w, y / h);
            case BarrelWarp barrel:
            {
                // ImageMagick samples the source at radius r·(c·r/R + 1 − c) for an output radius r; solve for r.
                var (cx, cy) = (w / 2.0, h / 2.0);
                var source = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
                if (source < 1e-9)
                {
                    return (x, y);
                }
                var c = barrel.Coefficient;
                var halfDiagonal = Math.Sqrt((double)w * w + (double)h * h) / 2;
                var r = 2 * source / (1 - c + Math.Sqrt((1 - c) * (1 - c) + 4 * c / halfDiagonal * source));
                return (cx + (x - cx) * r / source, cy + (y - cy) * r / source);
            }
            case CurlWarp curl:
            {
                // -wave shifts pixel column i down by A + A·sin(2πi/L); column i spans x = i .. i + 1.
                var (amplitude, wavelength) = curl.Pixels(Rendered.Width, Rendered.Height, scale);
                return (x, y + amplitude + amplitude * Math.Sin(2 * Math.PI * (x - 0.5) / wavelength));
            }
            default:
                throw new ArgumentException($"Unknown warp {warp}.", nameof(warp));
        }
    }

    /// <summary>The projective map taking the unit square's corners (clockwise from the top-left) to <paramref name="quad"/>.</summary>
    private static (double X, double Y) Perspective((double X, double Y)[] quad, double u, double v)
    {
        var (p0, p1, p2, p3) = (quad[0], quad[1], quad[2], quad[3]);
        var sx = p0.X - p1.X + p2.X - p3.X;
        var sy = p0.Y - p1.Y + p2.Y - p3.Y;
        var (dx1, dx2, dy1, dy2) = (p1.X - p2.X, p3.X - p2.X, p1.Y - p2.Y, p3.Y - p2.Y);
        var den = dx1 * dy2 - dx2 * dy1;
        var g = (sx * dy2 - dx2 * sy) / den;
        var k = (dx1 * sy - sx * dy1) / den;
        var x = (p1.X - p0.X + g * p1.X) * u + (p3.X - p0.X + k * p3.X) * v + p0.X;
        var y = (p1.Y - p0.Y + g * p1.Y) * u + (p3.Y - p0.Y + k * p3.Y) * v + p0.Y;
        var z = g * u + k * v + 1;
        return (x / z, y / z);
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
