using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Interop;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Results;

namespace TableRecovery.Core.Pipeline;

/// <summary>
/// The pipeline for one input: decode → normalize (turn, deskew, scale, binarize) → find tables → read
/// cells → assemble the result document. Thread-safe: each call rents its own engines from the pool.
/// </summary>
public sealed class TableRecoverer : ITableRecoverer, IDisposable
{
    private readonly RecoveryEngineOptions _options;
    private readonly EnginePool _pool;
    private readonly ImageDecoder _decoder;
    private readonly PageNormalizer _normalizer = new();
    private readonly TableReader _reader = new();
    private readonly ITableAssembler _assembler;
    private readonly ILogger _logger;

    public TableRecoverer(RecoveryEngineOptions options, ILoggerFactory? loggerFactory = null, ITableAssembler? assembler = null)
    {
        _options = options;
        _pool = new EnginePool(options.TessdataPath, options.EngineSlots);
        _decoder = new ImageDecoder(options.MaxPixels);
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
        IReadOnlyList<DecodedPage> pages;
        try
        {
            pages = _decoder.Decode(file.Name, file.Bytes.Span);
        }
        catch (ImageDecodeException e)
        {
            return Failed(file, sha, e.Code, e.Message);
        }
        try
        {
            using var lease = _pool.Rent(cancellationToken);
            var tables = new List<TableResult>();
            var overlays = new List<Overlay>();
            var errors = new List<ResultError>();
            foreach (var page in pages)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var found = RecoverPage(page, lease.Engines, request, overlays);
                tables.AddRange(found);
            }
            if (tables.Count == 0)
            {
                errors.Add(new ResultError(ErrorCodes.NoTableFound,
                    "No ruled table was found in the picture. Check that the file shows the report's table with its lines."));
            }
            return new RecoveryOutcome(new ResultDocument { Source = file.Name, Sha256 = sha, Tables = tables, Errors = errors }, overlays);
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
        finally
        {
            foreach (var page in pages) page.Dispose();
        }
    }

    private List<TableResult> RecoverPage(DecodedPage page, EngineSet engines, RecoveryRequest request, List<Overlay> overlays)
    {
        var turns = 0;
        var image = _normalizer.Normalize(page, turns);
        try
        {
            var tables = TableFinder.Find(image);
            if (tables.Count == 0) return [];
            var crops = CropMaker.For(image.Gray);
            if (OrientationDetector.IsSideways(image, tables, crops, engines.Digits))
            {
                turns = 1;
                Renormalize();
            }
            if (OrientationDetector.IsUpsideDown(image, tables))
            {
                turns += 2;
                Renormalize();
            }
            var read = tables.Select(t => _reader.Read(image, crops, t, engines, page.Name)).ToList();
            var results = _assembler.Assemble(read);
            if (request.RenderOverlay)
            {
                overlays.Add(new Overlay(page.Name, OverlayRenderer.Render(image, read, results)));
            }
            return results;

            void Renormalize()
            {
                image.Dispose();
                image = _normalizer.Normalize(page, turns);
                tables = TableFinder.Find(image);
                crops = CropMaker.For(image.Gray);
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
