using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Ocr;

public sealed class FaintMinusTests
{
    [Fact]
    public void A_light_thin_minus_is_found_in_gray_and_nothing_is_found_before_unsigned_numbers()
    {
        // A mild scan of an active table (0141 of the benchmark corpus) printed in light gray: the minus of -10 is a
        // 1 px stroke of a small font, half as dark as its digits once scaled up; it once binarized into a dot and both
        // readings said 10.
        var source = Fixtures.Case("0141_active-2019_mild");
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var image = new PageNormalizer().Normalize(page, 0);
        var crops = CropMaker.For(image.Gray);
        var t = image.TextHeight;
        using var engines = new EngineSet(Fixtures.Tessdata);
        var read = new TableReader().Read(image, new CellInks(image), crops, TableFinder.Find(image).Single(), engines.Digits, new LabelReader(engines, crops), source.Name);

        var judged = source.Tables.Single().Cells
            .Where(c => c.Value.Box is not null && c.Value.Text.Length > 0 && char.IsAsciiDigit(c.Value.Text[^1]))
            .Select(c =>
            {
                var box = c.Value.Box!.Value;
                var cell = read.Cells.Single(r => r.SourceBox.Contains(box.CenterX, box.CenterY)).Cell;
                var ink = CellInk.Measure(image.Binary, image.Width, image.Height, cell.Box, t);
                return (Id: c.Key, Printed: c.Value.Text, Found: ink.InkBox is { } inkBox && crops.MinusBefore(inkBox, ink.Interior, t));
            })
            .ToList();

        var wrong = judged.Where(j => j.Found != j.Printed.StartsWith('-')).Select(j => $"{j.Id} printed '{j.Printed}': minus found {j.Found}").ToList();
        Assert.True(judged.Count(j => j.Printed.StartsWith('-')) == 1 && wrong.Count == 0,
            $"{judged.Count} numbers judged, {wrong.Count} wrong:\n{string.Join("\n", wrong)}");
    }
}
