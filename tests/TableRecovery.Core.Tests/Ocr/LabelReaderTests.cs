using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Ocr;

public sealed class LabelReaderTests
{
    /// <summary>
    /// The orientation check reads a sample of label runs as they stand; the table reader then reads every
    /// label. A Chinese read costs about 20 ms, so a region is read once per page and the words kept.
    /// </summary>
    [Fact]
    public void A_label_region_is_read_once_per_page_and_read_right()
    {
        var source = Fixtures.CorpusWhere(c => c.Name == "0001_requests-2021_clean.png");
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var image = new PageNormalizer().Normalize(page, 0);
        var lattice = TableFinder.Find(image).Single().Lattice;
        var firstRowLabel = lattice.Cells
            .Where(c => c.Column == 0 && c.RowSpan == 1 && c.ColumnSpan >= 1)
            .Select(c => CellInk.Measure(image.Binary, image.Width, image.Height, c.Box, image.TextHeight))
            .First(ink => ink.Lines == 1 && ink.InkBox is { } b && b.Width > image.TextHeight * 6);
        using var engines = new EngineSet(Fixtures.Tessdata);
        var reader = new LabelReader(engines, CropMaker.For(image.Gray));
        var pad = CropMaker.PadFor(image.TextHeight);

        var first = reader.Words(firstRowLabel.InkBox!.Value, pad, singleLine: true);
        var again = reader.Words(firstRowLabel.InkBox!.Value, pad, singleLine: true);

        var text = string.Concat(first.Select(w => w.Text));
        Assert.True(ReferenceEquals(first, again), $"the region '{text}' was read twice");
        Assert.True(text.Contains("政府信息公开申请"), $"read '{text}'");
    }
}
