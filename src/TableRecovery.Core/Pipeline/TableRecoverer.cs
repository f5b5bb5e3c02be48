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
                    ? "No ruled table was found in the picture. Check that the file shows the report's table with its lines."
                    : $"No ruled table was found in the document's {content.Parts.Count} picture(s) and table(s). Check that it holds the report's statistics tables."));
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
        var turns = 0;
        var image = _normalizer.Normalize(page, turns);
        try
        {
            var tables = TableFinder.Find(image);
            if (tables.Count == 0) return [];
            var crops = CropMaker.For(image.Gray);
            var inks = new CellInks(image);
            var labels = new LabelReader(engines, crops);
            // A page with a text layer is upright as rendered; its orientation is not guessed from the pixels.
            if (text is null)
            {
                if (OrientationDetector.IsSideways(image, tables, inks, crops, engines.Digits))
                {
                    turns = 1;
                    Renormalize();
                    if (tables.Count == 0)
                    {
                        // A quarter turn that loses every table the page showed upright is no turn of the page (faint rules
                        // the normalization of the turned page no longer finds): the page is read as it stood.
                        turns = 0;
                        Renormalize();
                    }
                }
                if (OrientationDetector.IsUpsideDown(image, tables, inks, labels))
                {
                    turns += 2;
                    Renormalize();
                }
            }
            var read = tables.Select(t => text is not null && TextLayerTableReader.Covers(text, image, t)
                ? TextLayerTableReader.Read(image, t, text, name)
                : WithLostRulesRestored(_reader.Read(image, inks, crops, t, engines.Digits, labels, name), t)).ToList();
            if (request.RenderOverlay)
            {
                overlays.Add(new Overlay(name, OverlayRenderer.Render(image, read, [])));
            }
            return read;

            // A table no layout fits, or one that fits with layout rows, columns or cells not placed, may have lost rules
            // whole (a bilevel scan thresholds thin gray rules away): read again on the lattice its text shows, and kept
            // only when a layout fits that one (the same layout, with fewer of its parts not placed and no lower score, if
            // one fitted before). A table that fits whole costs nothing more.
            ReadTable WithLostRulesRestored(ReadTable read, DetectedTable table)
            {
                var before = _snapper.Snap(read).Table;
                if (before is not null && Missing(before) == 0) return read;
                if (TextLattice.Complete(table.Lattice, inks.Of, image.TextHeight) is not { } completed) return read;
                var again = _reader.Read(image, inks, crops, table with { Lattice = completed }, engines.Digits, labels, name);
                if (_snapper.Snap(again).Table is not { } after) return read;
                return before is null || after.Layout.Id == before.Layout.Id && Missing(after) < Missing(before) && after.Score >= before.Score
                    ? again
                    : read;

                // Rows and columns not found, and cells whose number could not be told from a neighbour's.
                static int Missing(SnappedTable fit) => fit.MissingRowKeys.Count + fit.MissingColumnKeys.Count + fit.UnresolvedCellIds.Count;
            }

            void Renormalize()
            {
                image.Dispose();
                image = _normalizer.Normalize(page, turns);
                tables = TableFinder.Find(image);
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
