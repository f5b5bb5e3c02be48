using System.Reflection;
using System.Runtime.InteropServices;

namespace TableRecovery.Core.Interop;

/// <summary>
/// Process-wide native set-up, done once before the first native call: library names, the OpenMP
/// thread limit and Leptonica's messages. Process-wide by nature (the loader and the C environment are).
/// </summary>
internal static partial class NativeRuntime
{
    internal const string LeptonicaLibrary = "lept";
    internal const string TesseractLibrary = "tesseract";

    private static readonly object Gate = new();
    private static bool _initialized;

    public static void EnsureInitialized()
    {
        lock (Gate)
        {
            if (_initialized)
            {
                return;
            }
            // The runtime packages ship only the versioned sonames; the unversioned ones come with -dev.
            NativeLibrary.SetDllImportResolver(typeof(NativeRuntime).Assembly, Resolve);
            // libgomp busy-waits on 2 cores and makes OCR ~5x slower; Environment.SetEnvironmentVariable
            // changes only the managed copy, so set it in the C environment before libtesseract starts.
            if (Environment.GetEnvironmentVariable("OMP_THREAD_LIMIT") is null)
            {
                _ = setenv("OMP_THREAD_LIMIT", "1", 0);
            }
            _initialized = true;
        }
    }

    private static nint Resolve(string name, Assembly assembly, DllImportSearchPath? path)
    {
        string[] candidates = name switch
        {
            LeptonicaLibrary => ["liblept.so.5", "libleptonica.so.6", "liblept.so"],
            TesseractLibrary => ["libtesseract.so.5", "libtesseract.so"],
            _ => [],
        };
        foreach (var candidate in candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out var h))
            {
                return h;
            }
        }
        return 0;
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);
}
