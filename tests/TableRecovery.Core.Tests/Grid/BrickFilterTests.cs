using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Interop;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Grid;

/// <summary>
/// The managed brick filters stand in for Leptonica's gray opening and top-hat in the faint-line search, which must find
/// the same lines as before: every byte as Leptonica computes it, on real pages and on small pictures narrower and
/// shorter than the brick (where the border rule decides every pixel). The mean along a brick, which Leptonica has no
/// one-dimensional form of, is held to its definition.
/// </summary>
public sealed class BrickFilterTests
{
    [Fact]
    public void Opening_and_top_hat_by_a_brick_give_leptonicas_bytes()
    {
        var mismatches = new List<string>();
        foreach (var (name, gray, width, height, t) in Pictures())
        {
            using var pix = Leptonica.FromGray(gray, width, height);
            var thin = (int)(t * 0.35);
            foreach (var (h, v, tophat) in new[] { (1, thin, true), (thin, 1, true), ((int)(t * 2.4), 1, false), (1, (int)(t * 1.15), false) })
            {
                using var lept = tophat ? Leptonica.pixTophatWhite(pix, h, v) : Leptonica.pixOpenGray(pix, h, v);
                var expected = Leptonica.CopyGray(lept);
                var actual = tophat ? BrickFilter.TophatWhite(gray, width, height, h, v) : BrickFilter.Open(gray, width, height, h, v);
                var differ = expected.Where((b, i) => actual[i] != b).Count();
                if (differ > 0) mismatches.Add($"{name} {width}x{height}, {(tophat ? "top-hat" : "opening")} by {h}x{v}: {differ} pixels differ");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void The_mean_along_a_brick_is_the_rounded_mean_of_the_pixels_inside_the_picture()
    {
        var mismatches = new List<string>();
        foreach (var (name, gray, width, height, _) in Pictures())
        {
            foreach (var (h, v) in new[] { (3, 1), (1, 3), (7, 1), (1, 7) })
            {
                var actual = BrickFilter.Mean(gray, width, height, h, v);
                var differ = 0;
                for (var y = 0; y < height; y++)
                {
                    for (var x = 0; x < width; x++)
                    {
                        int sum = 0, count = 0;
                        for (var dy = -(v / 2); dy <= v / 2; dy++)
                        {
                            for (var dx = -(h / 2); dx <= h / 2; dx++)
                            {
                                if (x + dx < 0 || x + dx >= width || y + dy < 0 || y + dy >= height) continue;
                                sum += gray[(y + dy) * width + x + dx];
                                count++;
                            }
                        }
                        if (actual[y * width + x] != (sum + count / 2) / count) differ++;
                    }
                }
                if (differ > 0) mismatches.Add($"{name} {width}x{height}, mean over {h}x{v}: {differ} pixels differ");
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    private static IEnumerable<(string Name, byte[] Gray, int Width, int Height, double TextHeight)> Pictures()
    {
        foreach (var source in Fixtures.Corpus().Where(c => c.ScanClass == "hard").Take(2))
        {
            using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
            using var image = new PageNormalizer().Normalize(page, 0);
            yield return (source.Name, Leptonica.CopyGray(image.Gray), Leptonica.pixGetWidth(image.Gray), Leptonica.pixGetHeight(image.Gray), image.TextHeight);
        }
        var random = new Random(2026);
        foreach (var (width, height) in new[] { (1, 1), (5, 70), (70, 5), (33, 41) })
        {
            var gray = new byte[width * height];
            random.NextBytes(gray);
            yield return ($"noise", gray, width, height, 30);
        }
    }
}
