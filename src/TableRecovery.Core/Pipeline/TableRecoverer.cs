using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TableRecovery.Core.Documents;
using TableRecovery.Core.Documents.Pdf;
using TableRecovery.Core.Documents.Word;
using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Interop;
using TableRecovery.Core.Layouts;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Results;

namespace TableRecovery.Core.Pipeline;

/// <summary>
/// The pipeline for one input: its pictures and text tables in document order (a picture file is its own single part;
/// a .docx or PDF has many) → per picture: decode → normalize (turn, deskew, scale, binarize) → find tables → read cells
/// (OCR, or the page's text layer) → assemble every table of the document at once (snap, join tables cut over pictures,
/// reconcile) into one result document. Thread-safe: each call rents its own engines from the pool.
/// </summary>
public sealed class TableRecoverer : ITableRecoverer, IDisposable
{
    private readonly RecoveryEngineOptions _options;
    private readonly EnginePool _pool;
    private readonly DocumentReader _documents;
    private readonly ImageDecoder _decoder;
    private readonly PageNormalizer _normalizer = new();
    private readonly TableReader _reader = new();
    private readonly ITableAssembler _assembler;
    private readonly LayoutSnapper _snapper = new();

    /// <summary>Assembles one page's tables to judge a look at it by, whatever assembler the document is given to.</summary>
    private readonly LayoutAssembler _judge = new();
    private readonly ILogger _logger;

    public TableRecoverer(RecoveryEngineOptions options, ILoggerFactory? loggerFactory = null, ITableAssembler? assembler = null)
    {
        if (options.PdfRenderDpi < 200)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PdfRenderDpi, "PdfRenderDpi must be at least 200.");
        }
        _options = options;
        _pool = new EnginePool(options.TessdataPath, options.EngineSlots);
        _decoder = new ImageDecoder(options.MaxPixels);
        _documents = new DocumentReader(
            new DocxReader(options.MaxInputBytes * 4),
            new PdfReader(new PopplerTools(options.PopplerDirectory, options.PdfToolTimeout),
                new PdfReadOptions(options.PdfRenderDpi, options.MaxPdfPages, options.MaxPixels)));
        _assembler = assembler ?? new LayoutAssembler();
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TableRecoverer>();
    }

    public RecoveryOutcome Recover(SourceFile file, RecoveryRequest request, CancellationToken cancellationToken)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(file.Bytes.Span));
        if (file.Bytes.Length > _options.MaxInputBytes)
        {
            return Failed(file, sha, ErrorCodes.ImageTooLarge, $"The file has {file.Bytes.Length:N0} bytes, over the limit of {_options.MaxInputBytes:N0}.");
        }
        DocumentContent content;
        try
        {
            content = _documents.Read(file.Name, file.Bytes, cancellationToken);
        }
        catch (DocumentReadException e)
        {
            return Failed(file, sha, e.Code, e.Message);
        }
        catch (PopplerToolException e)
        {
            _logger.LogError(e, "Reading the PDF {Source} failed", file.Name);
            return Failed(file, sha, ErrorCodes.InternalError, $"The PDF could not be read: {e.Message}");
        }
        // A picture file is its own only part: a bad one is the whole file's error, not a note beside nothing.
        var single = content.Parts is [PicturePart { Text: null } only] && only.Name == file.Name;
        try
        {
            using var lease = _pool.Rent(cancellationToken);
            var read = new List<ReadTable>();
            var overlays = new List<Overlay>();
            var errors = content.Problems.Select(p => new ResultError(p.Code, p.Message)).ToList();
            foreach (var part in content.Parts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (part)
                {
                    case TablePart table:
                        read.Add(table.Table);
                        break;
                    case PicturePart picture:
                        IReadOnlyList<DecodedPage> pages;
                        try
                        {
                            pages = _decoder.Decode(picture.Name, picture.Bytes.Span);
                        }
                        catch (ImageDecodeException e) when (!single)
                        {
                            errors.Add(new ResultError(e.Code, $"{picture.Name}: {e.Message} The picture was skipped."));
                            continue;
                        }
                        catch (ImageDecodeException e)
                        {
                            return Failed(file, sha, e.Code, e.Message);
                        }
                        try
                        {
                            var found = new List<ReadTable>();
                            foreach (var page in pages)
                            {
                                cancellationToken.ThrowIfCancellationRequested();
                                var name = pages.Count == 1 ? picture.Name : single ? page.Name : $"{picture.Name}/{page.Name}";
                                found.AddRange(ReadPage(page, name, picture.Text, lease.Engines, request, overlays));
                            }
                            read.AddRange(HeadingHints.Apply(found, picture.Headings));
                        }
                        finally
                        {
                            foreach (var page in pages) page.Dispose();
                        }
                        break;
                }
            }
            var tables = _assembler.Assemble(read);
            if (tables.Count == 0)
            {
                errors.Add(new ResultError(ErrorCodes.NoTableFound, single
                    ? "No table was found in the picture: no ruled grid, nor rows and columns of text that a known layout fits. Check that the file shows the report's table."
                    : $"No table was found in the document's {content.Parts.Count} picture(s) and table(s). Check that it holds the report's statistics tables."));
            }
            var report = content.Title is { } title ? new ReportInfo(title.Agency, title.Year, title.Title) : null;
            return new RecoveryOutcome(new ResultDocument { Source = file.Name, Sha256 = sha, Tables = tables, Errors = errors, Report = report }, overlays);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception e) when (e is NativeException or InvalidOperationException or ArgumentException)
        {
            _logger.LogError(e, "Recovery of {Source} failed", file.Name);
            return Failed(file, sha, ErrorCodes.InternalError, $"Recovery failed: {e.Message}");
        }
    }

    /// <summary>The tables of one picture, read from its text layer where that covers them, else by OCR.</summary>
    private List<ReadTable> ReadPage(DecodedPage page, string name, TextLayer? text, EngineSet engines, RecoveryRequest request, List<Overlay> overlays)
    {
        var first = ReadPageAt(page, name, text, engines, turns: null, scaleFactor: 1, sharpen: false, GridLook.Rules, request.RenderOverlay);
        if (text is null && first.Fits.All(f => f == 0))
        {
            // Nothing a layout fits: the page's light rules may be lost in grain, and with them its orientation, which the
            // text in the cells of the grid found tells. The look through grain finds them and the orientation anew.
            first = TakenIfBetter(first, GridLook.RulesThroughGrain);
        }
        if (text is null && first.Tables.Count > 0 && first.Fits.All(f => f == 0))
        {
            // Still nothing a layout fits: the rules a bilevel scan kept may be scraps (light rules cut into a few strokes, which
            // make a table of a cell or two), with the table standing in its text alone. The text is looked at as if no rule
            // had made a table (UnruledTable). Where no rule made one, the first look already did.
            first = TakenIfBetter(first, GridLook.TextAlone);
        }
        var chosen = first;
        if (text is null && first.Tables.Count > 0 && first.Fits.Min() < WeakFit)
        {
            var second = ReadPageAt(page, name, text, engines, first.Turns, SecondLookScale, sharpen: false, first.Look, request.RenderOverlay);
            var better = second.FitsBetterThan(first);
            _logger.LogDebug("Second look at {Name} at {Scale}x: layout fits {First} -> {Second}, {Outcome}", name, SecondLookScale,
                string.Join(", ", first.Fits.Select(f => f.ToString("0.00", CultureInfo.InvariantCulture))),
                string.Join(", ", second.Fits.Select(f => f.ToString("0.00", CultureInfo.InvariantCulture))), better ? "taken" : "kept the first");
            chosen = better ? second : first;
        }
        if (text is null && chosen.Tables.Count > 0 && chosen.Scale >= PageNormalizer.SharpenedFromScale)
        {
            chosen = SharpenedIfBetter(page, name, engines, chosen, request.RenderOverlay);
        }
        if (chosen.Overlay is { } overlay) overlays.Add(overlay);
        return chosen.Tables;

        // The page looked at anew, its orientation found anew too, kept when it identifies more or fits clearly better.
        PageRead TakenIfBetter(PageRead current, GridLook look)
        {
            var other = ReadPageAt(page, name, text, engines, turns: null, scaleFactor: 1, sharpen: false, look, request.RenderOverlay);
            var better = other.FitsBetterThan(current);
            _logger.LogDebug("Look at {Name} by {Look}: {Tables} table(s) a layout fits, {Outcome}", name, look, other.Fits.Count(f => f > 0),
                better ? "taken" : "kept the first");
            return better ? other : current;
        }
    }

    /// <summary>
    /// A page enlarged to be read is as blurred as its print was small (a table pictured a few hundred pixels wide): its
    /// 0s read as 6s, its 3s as 5s. Sharpened, such a page reads far better (page 2 of q43 0023, 773 px wide: none of its
    /// 161 cells vouched for, 152 right; sharpened, 145 vouched for, 155 right), but sharpening every enlarged page lifts
    /// JPEG blocks and noise too (bench150's hard scans: 97.1 % of cells right became 90.9 %, with rules found in the
    /// artifacts). So a page that leaves many of its cells for review is read once more sharpened, and that look is taken
    /// only where it vouches for clearly more cells with every table identified as before: a cell vouched for is right (no
    /// silent error in any corpus), so more of them is better.
    /// </summary>
    private PageRead SharpenedIfBetter(DecodedPage page, string name, EngineSet engines, PageRead chosen, bool renderOverlay)
    {
        var before = Vouching.Of(_judge.Assemble(chosen.Tables));
        if (before.ForReview < before.Cells * SharpenWhenForReview) return chosen;
        var sharp = ReadPageAt(page, name, null, engines, chosen.Turns, chosen.ScaleFactor, sharpen: true, chosen.Look, renderOverlay);
        var after = Vouching.Of(_judge.Assemble(sharp.Tables));
        var taken = after.Identifies(before) && after.Vouched >= before.Vouched + Math.Max(MinimumVouchedGain, before.Cells * MinimumVouchedGainShare);
        _logger.LogDebug("Sharpened look at {Name}: cells vouched for {Before} -> {After} of {Cells}, {Outcome}", name, before.Vouched, after.Vouched,
            before.Cells, taken ? "taken" : "kept the first");
        return taken ? sharp : chosen;
    }

    /// <summary>
    /// A page leaving at least this share of its cells for review gets a sharpened look. The looks taken over four corpora
    /// (bench150, g80, n41, q43) were of pages leaving 32 % to all of their cells; from a tenth, the look cost 40 % more time
    /// per image for nothing more.
    /// </summary>
    private const double SharpenWhenForReview = 0.25;

    /// <summary>How many more cells a sharpened look must vouch for to be taken, at least, and as a share of the cells.</summary>
    private const int MinimumVouchedGain = 5;

    private const double MinimumVouchedGainShare = 0.02;

    /// <summary>How the tables of one look came out: the layouts identified, and of their cells how many vouched for or for review.</summary>
    private sealed record Vouching(IReadOnlyList<string> Layouts, int Cells, int Vouched, int ForReview)
    {
        public static Vouching Of(IReadOnlyList<TableResult> tables)
        {
            var identified = tables.Where(t => t.Layout != RawLatticeAssembler.Unidentified).ToList();
            var cells = identified.SelectMany(t => t.Cells).ToList();
            return new Vouching([.. identified.Select(t => t.Layout)], cells.Count,
                cells.Count(c => c.Status is Statuses.Ok or Statuses.Corrected),
                cells.Count(c => c.Status == Statuses.NeedsReview));
        }

        /// <summary>Every table the other look identified is identified here as the same layout.</summary>
        public bool Identifies(Vouching other) =>
            other.Layouts.GroupBy(l => l, StringComparer.Ordinal).All(g => Layouts.Count(l => l == g.Key) >= g.Count());
    }

    /// <summary>
    /// A table whose labels fit its layout this poorly, or no layout at all, was likely read at a size its print does not
    /// read well at: a blurred light font broken into pieces misjudged as smaller text, or labels the Chinese model garbles
    /// at one size and reads at another.
    /// </summary>
    private const double WeakFit = 0.75;

    /// <summary>The size of the second look, relative to the first.</summary>
    /// <remarks>
    /// Over the 16 pages of two corpora (bench150, g80) that read this poorly, the second look fitted clearly better
    /// (<see cref="ClearlyBetterFit"/>) three times at 1.25, twice at 1.5 and seven times at 0.8. At 0.8 two faint thin digits
    /// of bench150 0148 (a 7 reduced to its bar, read as a dash both ways; a 7 the smoothing erased) passed silently until
    /// a faint glyph's ink below a stroke and a sure blank's height were checked (<see cref="FaintGlyph"/>).
    /// </remarks>
    private const double SecondLookScale = 0.8;

    /// <summary>
    /// How much better the second look's layouts must fit, summed over the page, to be taken: fits move by a few hundredths
    /// with the scale alone (bench150 0122: 1.92 to 1.94 and 20 more cells misread).
    /// </summary>
    private const double ClearlyBetterFit = 0.05;

    /// <summary>
    /// The tables of one picture as read at one scale, sharpened or not, with how well each fits its layout (0 for none).
    /// <c>ScaleFactor</c> is the look's factor past the scale the text height asks for; <c>Scale</c> the
    /// page's whole enlargement; <c>Look</c> how its grid was looked for.
    /// </summary>
    private sealed record PageRead(List<ReadTable> Tables, IReadOnlyList<double> Fits, int Turns, double ScaleFactor, double Scale, GridLook Look,
        Overlay? Overlay)
    {
        /// <summary>More tables identified, or as many and a clearly better fit in all.</summary>
        public bool FitsBetterThan(PageRead other)
        {
            int identified = Fits.Count(f => f > 0), otherIdentified = other.Fits.Count(f => f > 0);
            return identified != otherIdentified ? identified > otherIdentified : Fits.Sum() >= other.Fits.Sum() + ClearlyBetterFit;
        }
    }

    /// <summary>How a look finds the page's grids.</summary>
    private enum GridLook
    {
        /// <summary>By the rules (<see cref="TableFinder.Find"/>), and by the text where no rule makes a table.</summary>
        Rules,
        /// <summary>By the rules, light ones looked for through grain.</summary>
        RulesThroughGrain,
        /// <summary>By the text alone, whatever scraps of rules there are (<see cref="UnruledTable.Find"/>).</summary>
        TextAlone,
    }

    private static IReadOnlyList<DetectedTable> FindTables(NormalizedImage image, GridLook look) => look == GridLook.TextAlone
        ? UnruledTable.Find(image)
        : TableFinder.Find(image, throughGrain: look == GridLook.RulesThroughGrain);

    /// <param name="turns">The page's quarter turns when known (a second look); null to find them.</param>
    /// <param name="look">How the grid is looked for: by its rules, through grain or not, or in its text alone.</param>
    private PageRead ReadPageAt(DecodedPage page, string name, TextLayer? text, EngineSet engines, int? turns, double scaleFactor, bool sharpen,
        GridLook look, bool renderOverlay)
    {
        var knownTurns = turns ?? 0;
        var image = _normalizer.Normalize(page, knownTurns, scaleFactor, sharpen);
        try
        {
            var tables = FindTables(image, look);
            if (tables.Count == 0) return new PageRead([], [], knownTurns, scaleFactor, image.Transform.Scale, look, null);
            var crops = CropMaker.For(image.Gray);
            var inks = new CellInks(image);
            var labels = new LabelReader(engines, crops);
            // A page with a text layer is upright as rendered; its orientation is not guessed from the pixels.
            if (text is null && turns is null)
            {
                if (OrientationDetector.IsSideways(image, tables, inks, crops, engines.Digits))
                {
                    knownTurns = 1;
                    Renormalize();
                    if (tables.Count == 0)
                    {
                        // A quarter turn that loses every table the page showed upright is no turn of the page (faint rules
                        // the normalization of the turned page no longer finds): the page is read as it stood.
                        knownTurns = 0;
                        Renormalize();
                    }
                }
                if (OrientationDetector.IsUpsideDown(image, tables, inks, labels))
                {
                    knownTurns += 2;
                    Renormalize();
                }
            }
            // A table read from the text layer is as printed: its fit asks for no second look.
            var fitted = tables.Select(t => text is not null && TextLayerTableReader.Covers(text, image, t)
                ? (Read: TextLayerTableReader.Read(image, t, text, name), Fit: 1.0)
                : WithLostRulesRestored(_reader.Read(image, inks, crops, t, engines.Digits, labels, name), t)).ToList();
            // A lattice drawn from text alone is kept only where a layout fits it: any picture of text has rows and columns.
            fitted = fitted.Where((f, i) => !tables[i].FromText || f.Fit > 0).ToList();
            var read = fitted.Select(f => f.Read).ToList();
            var overlay = renderOverlay ? new Overlay(name, OverlayRenderer.Render(image, read, [])) : null;
            return new PageRead(read, [.. fitted.Select(f => f.Fit)], knownTurns, scaleFactor, image.Transform.Scale, look, overlay);

            // A table no layout fits, or one that fits with layout rows, columns or cells not placed, may have lost rules
            // whole (a bilevel scan thresholds thin gray rules away): read again on the lattice its text shows, and kept
            // only when a layout fits that one (the same layout, with fewer of its parts not placed and no lower score, if
            // one fitted before). A table that fits whole costs nothing more. Returned with how well its layout fits (0 for
            // none), which decides on a second look.
            (ReadTable Read, double Fit) WithLostRulesRestored(ReadTable read, DetectedTable table)
            {
                var before = _snapper.Snap(read).Table;
                if (before is { WordsWhereNumbersGo.Count: > 0 }
                    && _reader.Read(image, inks, crops, table, engines.Digits, labels, name, before.WordsWhereNumbersGo) is var asNumbers
                    && _snapper.Snap(asNumbers).Table is { } numbersFit
                    && numbersFit.Layout.Id == before.Layout.Id && Missing(numbersFit) < Missing(before) && numbersFit.Score >= before.Score)
                {
                    // Words where the layout puts numbers, read again as numbers: kept when the same layout then places more.
                    (read, before) = (asNumbers, numbersFit);
                }
                var kept = (read, before?.Score ?? 0);
                if (before is not null && Missing(before) == 0) return kept;
                if (TextLattice.Complete(table.Lattice, inks.Of, image.TextHeight) is not { } completed) return kept;
                var again = _reader.Read(image, inks, crops, table with { Lattice = completed }, engines.Digits, labels, name);
                if (_snapper.Snap(again).Table is not { } after) return kept;
                return before is null || after.Layout.Id == before.Layout.Id && Missing(after) < Missing(before) && after.Score >= before.Score
                    ? (again, after.Score)
                    : kept;

                // Rows and columns not found, and cells whose number could not be told from a neighbour's.
                static int Missing(SnappedTable fit) => fit.MissingRowKeys.Count + fit.MissingColumnKeys.Count + fit.UnresolvedCellIds.Count;
            }

            void Renormalize()
            {
                image.Dispose();
                image = _normalizer.Normalize(page, knownTurns, scaleFactor, sharpen);
                tables = FindTables(image, look);
                crops = CropMaker.For(image.Gray);
                inks = new CellInks(image);
                labels = new LabelReader(engines, crops);
            }
        }
        finally
        {
            image.Dispose();
        }
    }

    private static RecoveryOutcome Failed(SourceFile file, string sha, string code, string message) =>
        new(ResultDocument.Failed(file.Name, sha, code, message), []);

    public void Dispose() => _pool.Dispose();
}
