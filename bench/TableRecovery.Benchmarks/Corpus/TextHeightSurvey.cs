using System.Globalization;
using System.Text.Json;
using TableRecovery.Core.Imaging;

namespace TableRecovery.Benchmarks.Corpus;

/// <summary>
/// The text height the normalizer estimates beside the digit height the generator printed, per image: a scale set
/// from a wrong estimate reads everything after it at the wrong size.
/// </summary>
internal static class TextHeightSurvey
{
    public static int Run(string folder)
    {
        var decoder = new ImageDecoder(200_000_000);
        Console.WriteLine("image | class | rotation | digit px | estimated text px | ratio");
        foreach (var truthPath in Directory.GetFiles(folder, "*.truth.json").Order(StringComparer.Ordinal))
        {
            using var truth = JsonDocument.Parse(File.ReadAllText(truthPath));
            var root = truth.RootElement;
            if (!root.TryGetProperty("digit_height_px", out var digitProperty)) continue;
            var image = Path.Combine(folder, root.GetProperty("image").GetString()!);
            var rotation = root.TryGetProperty("rotation", out var r) ? r.GetInt32() : 0;
            var pages = decoder.Decode(image, File.ReadAllBytes(image));
            try
            {
                // The generator turned the page by `rotation` clockwise; the normalizer turns it back.
                using var normalized = new PageNormalizer().Normalize(pages[0], (360 - rotation) / 90 % 4);
                double? estimate = normalized.TextHeight / normalized.Transform.Scale;
                var digits = digitProperty.GetDouble();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Path.GetFileName(image)} | {root.GetProperty("scan_class").GetString()} | {rotation} | {digits:0.0} | {estimate:0.0} | {(estimate ?? 0) / digits:0.00}"));
            }
            finally
            {
                foreach (var page in pages) page.Dispose();
            }
        }
        return 0;
    }
}
