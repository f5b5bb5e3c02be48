using Microsoft.Win32.SafeHandles;

namespace TableRecovery.Core.Interop;

/// <summary>
/// Base of every native handle: counts live instances so tests can assert that image processing leaks
/// nothing (style point 14). Each subclass frees its one native type in <see cref="Free"/>.
/// </summary>
public abstract class NativeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private static long _live;

    /// <summary>Native objects currently owned by managed handles, across the process.</summary>
    public static long LiveCount => Interlocked.Read(ref _live);

    protected NativeHandle() : base(ownsHandle: true)
    {
    }

    protected sealed override bool ReleaseHandle()
    {
        Free(handle);
        Interlocked.Decrement(ref _live);
        return true;
    }

    protected abstract void Free(nint pointer);

    internal nint Pointer => handle;

    /// <summary>Takes ownership of a freshly returned native pointer (never zero: see <see cref="Owned"/>).</summary>
    internal void Adopt(nint pointer)
    {
        SetHandle(pointer);
        Interlocked.Increment(ref _live);
    }
}

public sealed class PixHandle : NativeHandle
{
    public PixHandle() { }
    protected override void Free(nint pointer) => Leptonica.pixDestroy(ref pointer);
}

public sealed class PixaHandle : NativeHandle
{
    public PixaHandle() { }
    protected override void Free(nint pointer) => Leptonica.pixaDestroy(ref pointer);
}

public sealed class BoxHandle : NativeHandle
{
    public BoxHandle() { }
    protected override void Free(nint pointer) => Leptonica.boxDestroy(ref pointer);
}

public sealed class BoxaHandle : NativeHandle
{
    public BoxaHandle() { }
    protected override void Free(nint pointer) => Leptonica.boxaDestroy(ref pointer);
}

public sealed class TessApiHandle : NativeHandle
{
    public TessApiHandle() { }
    protected override void Free(nint pointer) => Tesseract.TessBaseAPIDelete(pointer);
}

public sealed class TessResultIteratorHandle : NativeHandle
{
    public TessResultIteratorHandle() { }
    protected override void Free(nint pointer) => Tesseract.TessResultIteratorDelete(pointer);
}

public sealed class TessChoiceIteratorHandle : NativeHandle
{
    public TessChoiceIteratorHandle() { }
    protected override void Free(nint pointer) => Tesseract.TessChoiceIteratorDelete(pointer);
}
