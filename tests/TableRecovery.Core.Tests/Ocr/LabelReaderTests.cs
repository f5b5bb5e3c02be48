using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Layouts;
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

    /// <summary>
    /// A bilevel scan peppered with specks (`generate --bilevel mixed --count 40 --seed 3505`, image 0002): the specks in a
    /// label's crop read as glyphs. The strokes alone, the specks apart from them whitened, read the row labels.
    /// </summary>
    [Fact]
    public void Labels_in_pepper_noise_read_from_their_strokes()
    {
        using var table = new LabelsOfACase("0002_active-2021_hard_bilevel_peppered.png");
        string[] rowLabels = ["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"];
        var inks = table.Lattice.Cells.Where(c => c.Column == 0 && c.ColumnSpan == 1).Select(table.Ink).Where(ink => ink.Peppered).ToList();
        var read = inks.Select(ink => table.Reader.ReadWithoutSpecks(ink, table.Pad, table.Image.TextHeight).Text).ToList();

        var found = rowLabels.Where(label => read.Any(text => LabelNormalizer.Normalize(text) == label)).ToList();
        Assert.True(found.Count >= 5, $"row labels read {found.Count} of {rowLabels.Length}: [{string.Join(", ", read)}]");
    }

    /// <summary>
    /// A dim scan (paper at about 200 of 255) padded with white margins shows the engine three tones; its own
    /// threshold fell between the paper and the margin, and whole headers read as nothing.
    /// </summary>
    [Fact]
    public void Headers_on_dim_paper_are_read()
    {
        using var table = new LabelsOfACase("0061_page-2021_mild_appeals.jpg");
        var headers = table.Lattice.Cells
            .Where(c => c.Row <= 2)
            .Select(table.Ink)
            .Where(ink => !ink.IsBlank)
            .Select(ink => table.Reader.Read(ink.InkBox!.Value, table.Pad, ink.Lines == 1).Text)
            .ToList();

        string[] expected = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "行政复议", "行政诉讼", "未经复议直接起诉", "复议后起诉"];
        var missing = expected.Where(e => !headers.Contains(e)).ToList();
        Assert.True(missing.Count == 0, $"not read: {string.Join(", ", missing)}; read: {string.Join(" | ", headers)}");
    }

    /// <summary>
    /// A noisy scan spreads the paper's tones over thirty values, while a short dense label (规章, 行政强制) fills most
    /// of its tight ink box with strokes of a few tones: the most common tone of the box was the ink, so whitening the
    /// "paper" turned the strokes white and chi_sim read 和计 and 计生. The paper is looked for on the light side only.
    /// </summary>
    [Fact]
    public void Short_dense_labels_on_a_noisy_scan_keep_their_strokes()
    {
        var labels = FirstColumnLabels("0041_page-2019_mild_fresh.jpg");

        string[] expected = ["规章", "行政强制"];
        var missing = expected.Where(e => !labels.Contains(e)).ToList();
        Assert.True(missing.Count == 0, $"not read: {string.Join(", ", missing)}; read: {string.Join(" | ", labels)}");
    }

    /// <summary>
    /// 规章, soft with blur on a mild scan, reads as nothing in line mode at any margin: the line search drops its blobs.
    /// Fed to the line model as it is (raw line), it reads.
    /// </summary>
    [Fact]
    public void A_short_soft_label_that_line_mode_reads_as_nothing_is_read_as_a_raw_line()
    {
        var labels = FirstColumnLabels("0000_active-2019_mild_fresh.jpeg");

        Assert.True(labels.Contains("规章"), $"规章 not read; read: {string.Join(" | ", labels)}");
    }

    /// <summary>
    /// Block mode's layout analysis dropped clean wrapped headers whole: 结果维 over a lone 持 and 其他结 over 果 read as nothing
    /// at any margin, while the same words in the next header read. Each line alone reads.
    /// </summary>
    [Fact]
    public void Wrapped_headers_block_mode_reads_as_nothing_are_read_line_by_line()
    {
        using var table = new LabelsOfACase("0022_appeals_mild_wrapped_headers.jpeg");
        var headers = table.Lattice.Cells
            .Where(c => c.Row <= 2)
            .Select(table.Ink)
            .Where(ink => ink.Lines == 2)
            .Select(table.Read)
            .ToList();

        var unread = headers.Count(h => h.Length == 0);
        var upheld = headers.Count(h => h == "结果维持");
        Assert.True(unread == 0 && upheld == 3, $"{unread} of {headers.Count} wrapped headers read as nothing, 结果维持 read {upheld} times of 3; read: {string.Join(" | ", headers)}");
    }

    /// <summary>The labels of the first table's first column in a case image, read as the table reader reads them.</summary>
    private static List<string> FirstColumnLabels(string caseImage)
    {
        using var table = new LabelsOfACase(caseImage);
        return table.Lattice.Cells
            .Where(c => c.Column == 0 && c.ColumnSpan == 1)
            .Select(table.Ink)
            .Where(ink => !ink.IsBlank)
            .Select(ink => table.Reader.Read(ink.InkBox!.Value, table.Pad, ink.Lines == 1).Text)
            .ToList();
    }
}
