using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace TableRecovery.Core.Interop;

/// <summary>
/// Tesseract 5.3 C API (tesseract/capi.h). C names kept; owned results come back as handles, owned text
/// is copied and freed with TessDeleteText at once.
/// </summary>
[SuppressMessage("Style", "IDE1006", Justification = "C names kept")]
internal static unsafe partial class Tesseract
{
    private const string Lib = NativeRuntime.TesseractLibrary;

    public const int RIL_BLOCK = 0, RIL_PARA = 1, RIL_TEXTLINE = 2, RIL_WORD = 3, RIL_SYMBOL = 4;
    public const int OEM_LSTM_ONLY = 1;

    static Tesseract() => NativeRuntime.EnsureInitialized();

    [LibraryImport(Lib)] internal static partial void TessBaseAPIDelete(nint handle);
    [LibraryImport(Lib)] internal static partial void TessResultIteratorDelete(nint handle);
    [LibraryImport(Lib)] internal static partial void TessChoiceIteratorDelete(nint handle);
    [LibraryImport(Lib)] private static partial void TessDeleteText(nint text);

    [LibraryImport(Lib, EntryPoint = "TessBaseAPICreate")] private static partial nint TessBaseAPICreate_();
    public static TessApiHandle TessBaseAPICreate() => Owned.Wrap<TessApiHandle>(TessBaseAPICreate_(), nameof(TessBaseAPICreate));

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int TessBaseAPIInit2(TessApiHandle handle, string datapath, string language, int oem);

    public static void Init(TessApiHandle handle, string datapath, string language)
    {
        if (TessBaseAPIInit2(handle, datapath, language, OEM_LSTM_ONLY) != 0)
        {
            throw new NativeException($"Tesseract could not load '{language}' from '{datapath}'.");
        }
    }

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int TessBaseAPISetVariable(TessApiHandle handle, string name, string value);

    /// <summary>Sets a variable; an unknown name returns 0 in C, which we refuse to ignore.</summary>
    public static void SetVariable(TessApiHandle handle, string name, string value)
    {
        if (TessBaseAPISetVariable(handle, name, value) == 0)
        {
            throw new NativeException($"Tesseract has no variable '{name}'.");
        }
    }

    [LibraryImport(Lib)] public static partial void TessBaseAPISetPageSegMode(TessApiHandle handle, int mode);
    [LibraryImport(Lib)] public static partial void TessBaseAPISetImage2(TessApiHandle handle, PixHandle pix);
    [LibraryImport(Lib)] public static partial void TessBaseAPISetSourceResolution(TessApiHandle handle, int ppi);
    [LibraryImport(Lib)] public static partial void TessBaseAPIClear(TessApiHandle handle);
    [LibraryImport(Lib)] private static partial int TessBaseAPIRecognize(TessApiHandle handle, nint monitor);

    public static void Recognize(TessApiHandle handle) =>
        Owned.Check(TessBaseAPIRecognize(handle, 0), nameof(TessBaseAPIRecognize));

    [LibraryImport(Lib, EntryPoint = "TessBaseAPIGetIterator")] private static partial nint TessBaseAPIGetIterator_(TessApiHandle handle);

    /// <summary>The result iterator, or null when nothing was recognized.</summary>
    public static TessResultIteratorHandle? GetIterator(TessApiHandle handle) =>
        Owned.WrapOrNull<TessResultIteratorHandle>(TessBaseAPIGetIterator_(handle));

    [LibraryImport(Lib)] private static partial int TessResultIteratorNext(TessResultIteratorHandle handle, int level);
    [LibraryImport(Lib)] private static partial float TessResultIteratorConfidence(TessResultIteratorHandle handle, int level);
    [LibraryImport(Lib)] private static partial nint TessResultIteratorGetUTF8Text(TessResultIteratorHandle handle, int level);
    [LibraryImport(Lib)] private static partial nint TessResultIteratorGetPageIteratorConst(TessResultIteratorHandle handle);
    [LibraryImport(Lib)] private static partial int TessPageIteratorBoundingBox(nint handle, int level, out int left, out int top, out int right, out int bottom);
    [LibraryImport(Lib)] private static partial int TessPageIteratorIsAtBeginningOf(nint handle, int level);
    [LibraryImport(Lib, EntryPoint = "TessResultIteratorGetChoiceIterator")] private static partial nint TessResultIteratorGetChoiceIterator_(TessResultIteratorHandle handle);
    [LibraryImport(Lib)] private static partial int TessChoiceIteratorNext(TessChoiceIteratorHandle handle);
    [LibraryImport(Lib)] private static partial nint TessChoiceIteratorGetUTF8Text(TessChoiceIteratorHandle handle);
    [LibraryImport(Lib)] private static partial float TessChoiceIteratorConfidence(TessChoiceIteratorHandle handle);

    public static bool Next(TessResultIteratorHandle it, int level) => TessResultIteratorNext(it, level) != 0;
    public static float Confidence(TessResultIteratorHandle it, int level) => TessResultIteratorConfidence(it, level);

    public static bool IsAtBeginningOf(TessResultIteratorHandle it, int level) =>
        TessPageIteratorIsAtBeginningOf(TessResultIteratorGetPageIteratorConst(it), level) != 0;

    public static string Text(TessResultIteratorHandle it, int level)
    {
        var p = TessResultIteratorGetUTF8Text(it, level);
        if (p == 0)
        {
            return "";
        }
        try
        {
            return Marshal.PtrToStringUTF8(p) ?? "";
        }
        finally
        {
            TessDeleteText(p);
        }
    }

    public static bool BoundingBox(TessResultIteratorHandle it, int level, out int left, out int top, out int right, out int bottom) =>
        TessPageIteratorBoundingBox(TessResultIteratorGetPageIteratorConst(it), level, out left, out top, out right, out bottom) != 0;

    /// <summary>Alternatives of the current symbol, best first (the first is the symbol itself).</summary>
    public static List<(string Text, float Confidence)> Choices(TessResultIteratorHandle it)
    {
        var result = new List<(string, float)>();
        using var choices = Owned.WrapOrNull<TessChoiceIteratorHandle>(TessResultIteratorGetChoiceIterator_(it));
        if (choices is null)
        {
            return result;
        }
        do
        {
            // Choice text belongs to the iterator: not freed here.
            var text = Marshal.PtrToStringUTF8(TessChoiceIteratorGetUTF8Text(choices)) ?? "";
            result.Add((text, TessChoiceIteratorConfidence(choices)));
        }
        while (TessChoiceIteratorNext(choices) != 0);
        return result;
    }
}
