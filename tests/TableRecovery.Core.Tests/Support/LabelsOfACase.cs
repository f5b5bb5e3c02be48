using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Tests.Support;

/// <summary>
/// A case image (tests/fixtures/cases) normalized, its first table found, and a label reader over it: the real engines
/// reading the real cells, as the table reader does.
/// </summary>
public sealed class LabelsOfACase : IDisposable
{
    private readonly DecodedPage _page;
    private readonly EngineSet _engines;

    /// <param name="turns">Clockwise quarter turns that set the picture upright (a page scanned sideways).</param>
    public LabelsOfACase(string caseImage, int turns = 0)
    {
        var path = Path.Combine(Fixtures.CasesDirectory, caseImage);
        _page = new ImageDecoder(100_000_000).Decode(Path.GetFileName(path), File.ReadAllBytes(path))[0];
        Image = new PageNormalizer().Normalize(_page, turns);
        Lattice = TableFinder.Find(Image)[0].Lattice;
        _engines = new EngineSet(Fixtures.Tessdata);
        Reader = new LabelReader(_engines, CropMaker.For(Image.Gray));
        Pad = CropMaker.PadFor(Image.TextHeight);
    }

    public NormalizedImage Image { get; }

    public Lattice Lattice { get; }

    public LabelReader Reader { get; }

    public int Pad { get; }

    public CellInk Ink(LatticeCell cell) => CellInk.Measure(Image.Binary, Image.Width, Image.Height, cell.Box, Image.TextHeight);

    /// <summary>The text of the ink as the table reader reads a label cell's.</summary>
    public string Read(CellInk ink) => ink.IsBlank ? "" : Reader.Read(ink, Pad, Image.TextHeight).Text;

    public void Dispose()
    {
        _engines.Dispose();
        Image.Dispose();
        _page.Dispose();
    }
}
