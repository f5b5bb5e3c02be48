namespace TableRecovery.Worker.Api;

/// <summary>
/// A request body that fails with <see cref="OversizedBodyException"/> once it has given more than its limit.
/// Kestrel's own limit sits higher, at the drain bound, so that the rest of an oversized upload can still be
/// read and discarded before the 413 answer is sent.
/// </summary>
internal sealed class OversizedBody(Stream inner, long limit) : Stream
{
    /// <summary>How far past the limit an upload is still read so its sender gets the 413 rather than a reset.</summary>
    public const long DrainAllowance = 16L * 1024 * 1024;

    private long _read;

    public static async Task DrainAsync(Stream body, CancellationToken cancellationToken)
    {
        try
        {
            await body.CopyToAsync(Stream.Null, cancellationToken);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException)
        {
            // Past the drain bound or cut by the client: the connection closes after the answer either way.
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw new OversizedBodyException(limit) : read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

internal sealed class OversizedBodyException(long limit) : IOException($"The request body is over its limit of {limit} bytes.");
