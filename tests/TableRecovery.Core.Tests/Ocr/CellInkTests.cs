using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Ocr;

public sealed class CellInkTests
{
    /// <summary>
    /// A small, blurred, peppered scan (tests/fixtures/cases 0071) whose 150-odd zeros are all one size. Specks within half a
    /// text height of a zero (where a decimal point may stand) were kept as its ink: the box grew to twice the zero's size,
    /// the engine read the padded crop as nothing and the templates found no glyph in it. Only where a point, a comma or a
    /// minus stands does a speck belong to a number.
    /// </summary>
    [Fact]
    public void Pepper_around_a_lone_zero_is_not_part_of_its_ink()
    {
        var source = Fixtures.Case("0071_requests-2021_hard");
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var image = new PageNormalizer().Normalize(page, 0);
        var zeros = source.Tables.SelectMany(t => t.Cells.Values).Where(c => c.Text == "0" && c.Box is not null).ToList();
        var boxes = new List<PixelRect>();
        foreach (var table in TableFinder.Find(image))
        {
            foreach (var cell in table.Lattice.Cells.Where(c => c.RowSpan == 1 && c.ColumnSpan == 1))
            {
                var box = image.Transform.ToSource(cell.Box);
                if (zeros.Count(z => box.Contains(z.Box!.Value.CenterX, z.Box.Value.CenterY)) != 1) continue;
                if (CellInk.Measure(image.Binary, image.Width, image.Height, cell.Box, image.TextHeight).InkBox is { } ink) boxes.Add(ink);
            }
        }
        Assert.True(boxes.Count >= 100, $"only {boxes.Count} lone zeros found in their cells");
        var width = boxes.Select(b => b.Width).Order().ElementAt(boxes.Count / 2);
        var height = boxes.Select(b => b.Height).Order().ElementAt(boxes.Count / 2);
        var swollen = boxes.Where(b => b.Width > width * 1.4 || b.Height > height * 1.4).ToList();
        Assert.True(swollen.Count <= boxes.Count / 20,
            $"{swollen.Count} of {boxes.Count} zeros' ink swollen past 1.4 times the median {width}x{height}: {string.Join(", ", swollen.Select(b => $"{b.Width}x{b.Height}"))}");
    }
}
