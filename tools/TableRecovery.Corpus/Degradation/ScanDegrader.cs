using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using TableRecovery.Corpus.Planning;

namespace TableRecovery.Corpus.Degradation;

/// <summary>
/// Turns a clean rendering into a "scan" with one ImageMagick <c>convert</c> call: grayscale, resize, the other side
/// showing through, uneven light, paper tint, skew, page warp, blur, noise, specks, sideways rotation, lossy
/// encoding — as the plan says.
/// </summary>
public sealed class ScanDegrader
{
    private readonly string _convert;

    public ScanDegrader(string convertExecutable = "convert") => _convert = convertExecutable;

    /// <param name="noiseSeed">Seeds ImageMagick's noise so the same plan gives the same pixels.</param>
    public Task<ScanGeometry> DegradeAsync(byte[] png, Planning.Degradation d, int noiseSeed, string outputPath, CancellationToken cancellationToken) =>
        DegradeAsync(png, null, d, noiseSeed, outputPath, cancellationToken);

    /// <param name="backSide">The rendering of the sheet's other side; required when the plan has a show-through.</param>
    /// <param name="noiseSeed">Seeds ImageMagick's noise so the same plan gives the same pixels.</param>
    public async Task<ScanGeometry> DegradeAsync(byte[] png, byte[]? backSide, Planning.Degradation d, int noiseSeed, string outputPath,
        CancellationToken cancellationToken)
    {
        var (width, height) = PngSize(png);
        var input = Path.Combine(Path.GetTempPath(), $"corpus-{Guid.NewGuid():N}.png");
        var back = backSide is null ? null : Path.Combine(Path.GetTempPath(), $"corpus-{Guid.NewGuid():N}-back.png");
        await File.WriteAllBytesAsync(input, png, cancellationToken).ConfigureAwait(false);
        try
        {
            if (back is not null)
            {
                await File.WriteAllBytesAsync(back, backSide!, cancellationToken).ConfigureAwait(false);
            }
            var args = Arguments(input, d, width, height, outputPath, noiseSeed, back);
            var output = await RunAsync(args, cancellationToken).ConfigureAwait(false);
            var sizes = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(l => l.Split(' ').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray())
                .Select(v => (v[0], v[1])).ToList();
            return new ScanGeometry((width, height), sizes[0], sizes[1], sizes[^1]) { Warped = d.Warp is null ? null : sizes[2] };
        }
        finally
        {
            File.Delete(input);
            if (back is not null)
            {
                File.Delete(back);
            }
        }
    }

    /// <param name="backSide">Path of the other side's rendering, read only when <paramref name="d"/> has a show-through.</param>
    internal static List<string> Arguments(string input, Planning.Degradation d, int width, int height, string outputPath, int noiseSeed,
        string? backSide = null)
    {
        var inv = CultureInfo.InvariantCulture;
        var paper = $"gray({d.BackgroundLevel}%)";
        var args = new List<string> { "-seed", noiseSeed.ToString(inv), input, "-background", "white", "-alpha", "remove", "-alpha", "off" };
        if (d.Grayscale)
        {
            args.AddRange(["-colorspace", "Gray"]);
        }
        if (Math.Abs(d.Scale - 1) > 1e-6)
        {
            args.AddRange(["-filter", "Triangle", "-resize", string.Create(inv, $"{d.Scale * 100:0.###}%")]);
        }
        args.AddRange(["-print", "%w %h\\n"]);
        if (d.ShowThrough is { } showThrough)
        {
            // The back is printed on the sheet itself, so the light, tint, skew, warp, blur, noise and JPEG all act on it.
            args.AddRange(ShowThroughArguments(showThrough, backSide ?? throw new ArgumentException("A show-through needs the back side's rendering.",
                nameof(backSide)), d, width, height));
        }
        if (d.BackgroundLevel < 100)
        {
            args.AddRange(["+level", $"0%,{d.BackgroundLevel}%"]);
        }
        if (d.Illumination < 1)
        {
            var w = (int)Math.Round(width * d.Scale);
            var h = (int)Math.Round(height * d.Scale);
            args.AddRange(["(", "+clone", "-sparse-color", "Barycentric",
                string.Create(inv, $"0,0 gray(100%) {w},{h} gray({d.Illumination * 100:0}%)"), ")", "-compose", "Multiply", "-composite"]);
        }
        if (d.SkewDegrees != 0)
        {
            args.AddRange(["-background", paper, "-rotate", d.SkewDegrees.ToString("0.###", inv), "+repage"]);
        }
        args.AddRange(["-print", "%w %h\\n"]);
        if (d.Warp is { } warp)
        {
            // A page is bent or photographed at an angle before the sensor adds blur and noise.
            args.AddRange(["-background", paper]);
            args.AddRange(WarpArguments(warp, width, height, d.Scale));
            args.AddRange(["-print", "%w %h\\n"]);
        }
        if (d.BlurSigma > 0)
        {
            args.AddRange(["-blur", string.Create(inv, $"0x{d.BlurSigma:0.###}")]);
        }
        if (d.GaussianNoise > 0)
        {
            args.AddRange(["-attenuate", d.GaussianNoise.ToString("0.###", inv), "+noise", "Gaussian"]);
        }
        if (d.Bilevel is { } bilevel)
        {
            // The scanner's cut comes after its optics and sensor and before the dust on the glass.
            args.AddRange(["-threshold", string.Create(inv, $"{bilevel.ThresholdPercent}%")]);
        }
        if (d.SaltAndPepper > 0)
        {
            args.AddRange(["-attenuate", d.SaltAndPepper.ToString("0.###", inv), "+noise", "Impulse"]);
        }
        if (d.Rotation != 0)
        {
            args.AddRange(["-background", paper, "-rotate", d.Rotation.ToString(inv), "+repage"]);
        }
        if (d.JpegQuality is { } quality)
        {
            args.AddRange(["-quality", quality.ToString(inv)]);
        }
        if (d.Bilevel is not null)
        {
            args.AddRange(["-type", "bilevel"]);
            if (outputPath.EndsWith(".tif", StringComparison.OrdinalIgnoreCase))
            {
                args.AddRange(["-compress", "Group4"]);
            }
        }
        args.AddRange(["-strip", "-print", "%w %h\\n", outputPath]);
        return args;
    }

    /// <summary>
    /// The other side mirrored, scaled like the page, blurred, lightened so its black is <c>Level</c> % gray, and
    /// multiplied into the page centred and shifted: white paper on the back leaves the page as it is.
    /// </summary>
    private static List<string> ShowThroughArguments(ShowThrough showThrough, string backSide, Planning.Degradation d, int width, int height)
    {
        var inv = CultureInfo.InvariantCulture;
        var back = new List<string> { "(", backSide, "-alpha", "remove", "-alpha", "off" };
        if (d.Grayscale)
        {
            back.AddRange(["-colorspace", "Gray"]);
        }
        back.Add("-flop");
        if (Math.Abs(d.Scale - 1) > 1e-6)
        {
            back.AddRange(["-filter", "Triangle", "-resize", string.Create(inv, $"{d.Scale * 100:0.###}%")]);
        }
        var dx = (int)Math.Round(showThrough.ShiftX * Math.Round(width * d.Scale));
        var dy = (int)Math.Round(showThrough.ShiftY * Math.Round(height * d.Scale));
        back.AddRange([
            "-blur", string.Create(inv, $"0x{showThrough.BlurSigma:0.###}"), "+level", string.Create(inv, $"{showThrough.Level}%,100%"), ")",
            "-gravity", "center", "-geometry", string.Create(inv, $"{dx:+0;-0}{dy:+0;-0}"), "-compose", "Multiply", "-composite",
            "+gravity", "+geometry",
        ]);
        return back;
    }

    /// <remarks>
    /// The distortions read the canvas size through percent escapes because the skewed size is only known to
    /// ImageMagick; <c>-wave</c> takes no escapes, so the curl is sized from the resized image instead.
    /// </remarks>
    private static List<string> WarpArguments(PageWarp warp, int width, int height, double scale)
    {
        var inv = CultureInfo.InvariantCulture;
        List<string> Distort(string method, string arguments) =>
            ["-virtual-pixel", "Background", "-distort", method, arguments, "+virtual-pixel", "+repage"];
        switch (warp)
        {
            case KeystoneWarp keystone:
                string[] from = ["0,0", "%w,0", "%w,%h", "0,%h"];
                var to = keystone.Corners.Select(c => string.Create(inv, $"%[fx:w*{c.X:0.####}],%[fx:h*{c.Y:0.####}]"));
                return Distort("Perspective", string.Join("  ", from.Zip(to, (f, t) => f + " " + t)));
            case BarrelWarp barrel:
                // ImageMagick measures the radius in halves of the shorter side; on a wide table that pushes the side
                // columns off the canvas, so the coefficient is rescaled to half-diagonals, which keep the corners put.
                return Distort("Barrel", string.Create(inv, $"0 0 %[fx:{barrel.Coefficient:0.####}*min(w,h)/hypot(w,h)] {1 - barrel.Coefficient:0.####}"));
            case CurlWarp curl:
                var (amplitude, wavelength) = curl.Pixels(width, height, scale);
                return ["-wave", string.Create(inv, $"{amplitude}x{wavelength}")];
            default:
                throw new ArgumentException($"Unknown warp {warp}.", nameof(warp));
        }
    }

    private async Task<string> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_convert) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {_convert}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"convert failed ({process.ExitCode}): {await stderr.ConfigureAwait(false)}");
        }
        return await stdout.ConfigureAwait(false);
    }

    private static (int Width, int Height) PngSize(byte[] png) =>
        ((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16, 4)), (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20, 4)));
}
