namespace TableRecovery.Core.Interop;

/// <summary>A native call failed (returned NULL or an error status).</summary>
public sealed class NativeException(string message) : Exception(message);

/// <summary>
/// The one place where native results become managed ones: a NULL owned pointer or a failing status
/// becomes a <see cref="NativeException"/>, a non-NULL one is wrapped in its handle at once.
/// </summary>
internal static class Owned
{
    public static T Wrap<T>(nint pointer, string function) where T : NativeHandle, new()
    {
        if (pointer == 0)
        {
            throw new NativeException($"{function} returned NULL.");
        }
        var handle = new T();
        handle.Adopt(pointer);
        return handle;
    }

    public static T? WrapOrNull<T>(nint pointer) where T : NativeHandle, new()
    {
        if (pointer == 0)
        {
            return null;
        }
        var handle = new T();
        handle.Adopt(pointer);
        return handle;
    }

    /// <summary>Leptonica's l_ok: 0 is success.</summary>
    public static void Check(int status, string function)
    {
        if (status != 0)
        {
            throw new NativeException($"{function} failed (status {status}).");
        }
    }
}
