using System.Diagnostics;
using TableRecovery.Corpus.Degradation;

namespace TableRecovery.Corpus.Tests.Degradation;

/// <summary>
/// The degrader as its tests drive it: one scan that sets every parameter, the <c>convert</c> arguments of a plan for a
/// 1000×800 rendering, and ImageMagick's <c>convert</c> itself for the tests that check what the arguments draw.
/// </summary>
internal static class DegraderHarness
{
    /// <summary>Sideways, skewed, scaled, blurred, noisy, peppered, unevenly lit, tinted, gray and JPEG: nothing left at its default.</summary>
    public static readonly Corpus.Planning.Degradation Scan = new(270, -2.5, 0.6, 0.8, 0.4, 0.05, 0.8, 90, true, 40);

    public static List<string> Arguments(Corpus.Planning.Degradation d, string? backSide = null) =>
        ScanDegrader.Arguments("in.png", d, 1000, 800, "out.jpg", 7, backSide);

    /// <summary>Runs <c>convert</c> with the arguments and returns what it wrote to standard output; fails the test on an error.</summary>
    public static async Task<byte[]> RunConvertAsync(params string[] args)
    {
        var start = new ProcessStartInfo("convert") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        using var bytes = new MemoryStream();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.BaseStream.CopyToAsync(bytes);
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stderr);
        return bytes.ToArray();
    }
}
