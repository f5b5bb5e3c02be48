using TableRecovery.Core.Results;

namespace TableRecovery.Core.Pipeline;

/// <summary>An input file as it arrived: its name (for the document's <c>source</c>) and its bytes.</summary>
public sealed record SourceFile(string Name, ReadOnlyMemory<byte> Bytes);

/// <summary>What a caller wants beside the result document.</summary>
public sealed record RecoveryRequest(bool RenderOverlay = false);

/// <summary>A PNG of a normalized picture with the detected grid and each cell's reading drawn on it.</summary>
public sealed record Overlay(string Image, byte[] Png);

public sealed record RecoveryOutcome(ResultDocument Document, IReadOnlyList<Overlay> Overlays);

/// <summary>
/// The whole pipeline for one input file. Implementations are thread-safe: each call borrows its own
/// OCR engines from a pool, so callers may run as many calls at once as the pool has slots.
/// A file that cannot be read yields a document with an error, never an exception.
/// </summary>
public interface ITableRecoverer
{
    RecoveryOutcome Recover(SourceFile file, RecoveryRequest request, CancellationToken cancellationToken);
}
