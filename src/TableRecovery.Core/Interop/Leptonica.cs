using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TableRecovery.Core.Interop;

/// <summary>
/// Leptonica 1.82 (leptonica/allheaders.h). C names kept. Functions that hand back an owned object return
/// it wrapped in its handle; nothing outside Interop/ sees a native pointer.
/// </summary>
[SuppressMessage("Style", "IDE1006", Justification = "C names kept")]
internal static unsafe partial class Leptonica
{
    private const string Lib = NativeRuntime.LeptonicaLibrary;

    public const int L_ROTATE_AREA_MAP = 1;
    public const int L_BRING_IN_WHITE = 1;
    private const int L_CHOOSE_MAX = 2;
    public const int L_CLONE = 2;
    public const int IFF_PNG = 3;
    public const int IFF_UNKNOWN = 0;
    public const int L_SEVERITY_ERROR = 5;

    static Leptonica()
    {
        NativeRuntime.EnsureInitialized();
        // Leptonica logs warnings to stderr for routine conditions (e.g. images without resolution);
        // route what remains (errors) to a managed sink instead of the process's stderr.
        setMsgSeverity(L_SEVERITY_ERROR);
        leptSetStderrHandler(&OnMessage);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnMessage(byte* message) =>
        NativeMessages.Publish("leptonica", Marshal.PtrToStringUTF8((nint)message)?.TrimEnd() ?? "");

    [LibraryImport(Lib)] private static partial int setMsgSeverity(int newsev);
    [LibraryImport(Lib)] private static partial void leptSetStderrHandler(delegate* unmanaged[Cdecl]<byte*, void> handler);

    // Destructors: called only by the handles.
    [LibraryImport(Lib)] internal static partial void pixDestroy(ref nint ppix);
    [LibraryImport(Lib)] internal static partial void pixaDestroy(ref nint ppixa);
    [LibraryImport(Lib)] internal static partial void boxDestroy(ref nint pbox);
    [LibraryImport(Lib)] internal static partial void boxaDestroy(ref nint pboxa);
    [LibraryImport(Lib)] private static partial void lept_free(nint ptr);

    // Decoding and encoding.
    [LibraryImport(Lib, EntryPoint = "pixReadMem")] private static partial nint pixReadMem_(byte* data, nuint size);
    [LibraryImport(Lib, EntryPoint = "pixReadHeaderMem")]
    private static partial int pixReadHeaderMem_(byte* data, nuint size, out int format, out int w, out int h, out int bps, out int spp, out int iscmap);
    [LibraryImport(Lib, EntryPoint = "pixaReadMemMultipageTiff")] private static partial nint pixaReadMemMultipageTiff_(byte* data, nuint size);
    [LibraryImport(Lib, EntryPoint = "pixWriteMem")] private static partial int pixWriteMem_(out nint data, out nuint size, PixHandle pix, int format);

    public static PixHandle pixReadMem(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            return Owned.Wrap<PixHandle>(pixReadMem_(p, (nuint)data.Length), nameof(pixReadMem));
        }
    }

    /// <summary>Reads width, height and depth from the header alone; false when Leptonica cannot parse it.</summary>
    public static bool pixReadHeaderMem(ReadOnlySpan<byte> data, out int format, out int width, out int height, out int bitsPerSample, out int samplesPerPixel)
    {
        fixed (byte* p = data)
        {
            return pixReadHeaderMem_(p, (nuint)data.Length, out format, out width, out height, out bitsPerSample, out samplesPerPixel, out _) == 0;
        }
    }

    public static PixaHandle pixaReadMemMultipageTiff(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            return Owned.Wrap<PixaHandle>(pixaReadMemMultipageTiff_(p, (nuint)data.Length), nameof(pixaReadMemMultipageTiff));
        }
    }

    public static byte[] pixWriteMem(PixHandle pix, int format)
    {
        Owned.Check(pixWriteMem_(out var data, out var size, pix, format), nameof(pixWriteMem));
        try
        {
            return new ReadOnlySpan<byte>((void*)data, checked((int)size)).ToArray();
        }
        finally
        {
            lept_free(data);
        }
    }

    // Pixa.
    [LibraryImport(Lib)] public static partial int pixaGetCount(PixaHandle pixa);
    [LibraryImport(Lib, EntryPoint = "pixaGetPix")] private static partial nint pixaGetPix_(PixaHandle pixa, int index, int accesstype);
    public static PixHandle pixaGetPix(PixaHandle pixa, int index) => Owned.Wrap<PixHandle>(pixaGetPix_(pixa, index, L_CLONE), nameof(pixaGetPix));

    // Geometry of a pix.
    [LibraryImport(Lib)] public static partial int pixGetWidth(PixHandle pix);
    [LibraryImport(Lib)] public static partial int pixGetHeight(PixHandle pix);
    [LibraryImport(Lib)] public static partial int pixGetDepth(PixHandle pix);
    [LibraryImport(Lib)] private static partial int pixGetWpl(PixHandle pix);
    [LibraryImport(Lib)] private static partial uint* pixGetData(PixHandle pix);

    // Conversions.
    [LibraryImport(Lib, EntryPoint = "pixConvertTo8")] private static partial nint pixConvertTo8_(PixHandle pixs, int cmapflag);
    [LibraryImport(Lib, EntryPoint = "pixConvertTo32")] private static partial nint pixConvertTo32_(PixHandle pixs);
    [LibraryImport(Lib, EntryPoint = "pixCreate")] private static partial nint pixCreate_(int width, int height, int depth);
    public static PixHandle pixConvertTo8(PixHandle pixs) => Owned.Wrap<PixHandle>(pixConvertTo8_(pixs, 0), nameof(pixConvertTo8));
    public static PixHandle pixConvertTo32(PixHandle pixs) => Owned.Wrap<PixHandle>(pixConvertTo32_(pixs), nameof(pixConvertTo32));
    public static PixHandle pixCreate(int width, int height, int depth) => Owned.Wrap<PixHandle>(pixCreate_(width, height, depth), nameof(pixCreate));

    // Rotation, skew, scale.
    [LibraryImport(Lib, EntryPoint = "pixRotateOrth")] private static partial nint pixRotateOrth_(PixHandle pixs, int quads);
    [LibraryImport(Lib, EntryPoint = "pixRotate")] private static partial nint pixRotate_(PixHandle pixs, float angle, int type, int incolor, int width, int height);
    [LibraryImport(Lib, EntryPoint = "pixFindSkewSweepAndSearch")]
    private static partial int pixFindSkewSweepAndSearch_(PixHandle pixs, out float angle, out float conf, int redsweep, int redsearch, float sweeprange, float sweepdelta, float minbsdelta);
    [LibraryImport(Lib, EntryPoint = "pixScale")] private static partial nint pixScale_(PixHandle pixs, float scalex, float scaley);
    [LibraryImport(Lib, EntryPoint = "pixMedianFilter")] private static partial nint pixMedianFilter_(PixHandle pixs, int wf, int hf);
    [LibraryImport(Lib, EntryPoint = "pixUnsharpMaskingGray")] private static partial nint pixUnsharpMaskingGray_(PixHandle pixs, int halfwidth, float fract);
    [LibraryImport(Lib, EntryPoint = "pixScaleGrayMinMax")] private static partial nint pixScaleGrayMinMax_(PixHandle pixs, int xfact, int yfact, int type);
    [LibraryImport(Lib, EntryPoint = "pixExpandReplicate")] private static partial nint pixExpandReplicate_(PixHandle pixs, int factor);
    [LibraryImport(Lib, EntryPoint = "pixReduceRankBinary2")] private static partial nint pixReduceRankBinary2_(PixHandle pixs, int level, nint intab);
    public static PixHandle pixRotateOrth(PixHandle pixs, int quads) => Owned.Wrap<PixHandle>(pixRotateOrth_(pixs, quads), nameof(pixRotateOrth));

    /// <summary>Rotates by <paramref name="radians"/> about the centre, area-mapped, bringing in white.</summary>
    public static PixHandle pixRotate(PixHandle pixs, float radians) =>
        Owned.Wrap<PixHandle>(pixRotate_(pixs, radians, L_ROTATE_AREA_MAP, L_BRING_IN_WHITE, 0, 0), nameof(pixRotate));

    /// <summary>Skew angle in degrees of a 1 bpp image and a confidence; false when no angle was found.</summary>
    public static bool pixFindSkew(PixHandle binary, float sweepRangeDegrees, out float degrees, out float confidence) =>
        pixFindSkewSweepAndSearch_(binary, out degrees, out confidence, 4, 2, sweepRangeDegrees, 1.0f, 0.01f) == 0;

    public static PixHandle pixMedianFilter(PixHandle pixs, int wf, int hf) => Owned.Wrap<PixHandle>(pixMedianFilter_(pixs, wf, hf), nameof(pixMedianFilter));
    /// <summary>An 8 bpp image with <paramref name="fract"/> of its difference from a box blur of <paramref name="halfwidth"/> added back.</summary>
    public static PixHandle pixUnsharpMaskingGray(PixHandle pixs, int halfwidth, float fract) =>
        Owned.Wrap<PixHandle>(pixUnsharpMaskingGray_(pixs, halfwidth, fract), nameof(pixUnsharpMaskingGray));
    public static PixHandle pixScale(PixHandle pixs, float scalex, float scaley) => Owned.Wrap<PixHandle>(pixScale_(pixs, scalex, scaley), nameof(pixScale));

    /// <summary>An 8 bpp image shrunk by a whole factor, each pixel the lightest of the block it stands for.</summary>
    public static PixHandle pixScaleGrayLightest(PixHandle gray, int factor) =>
        Owned.Wrap<PixHandle>(pixScaleGrayMinMax_(gray, factor, factor, L_CHOOSE_MAX), "pixScaleGrayMinMax");

    /// <summary>A 1 bpp image halved, each pixel ink when any of the four it stands for is (thin lines survive).</summary>
    public static PixHandle pixReduceBinaryHalf(PixHandle binary) =>
        Owned.Wrap<PixHandle>(pixReduceRankBinary2_(binary, 1, 0), "pixReduceRankBinary2");

    /// <summary>An image grown by a whole factor, each pixel repeated.</summary>
    public static PixHandle pixExpandReplicate(PixHandle pixs, int factor) =>
        Owned.Wrap<PixHandle>(pixExpandReplicate_(pixs, factor), nameof(pixExpandReplicate));

    // Binarization and morphology (1 bpp: 1 = ink).
    [LibraryImport(Lib, EntryPoint = "pixSauvolaBinarizeTiled")]
    private static partial int pixSauvolaBinarizeTiled_(PixHandle pixs, int whsize, float factor, int nx, int ny, nint ppixth, out nint ppixd);
    [LibraryImport(Lib, EntryPoint = "pixThresholdToBinary")] private static partial nint pixThresholdToBinary_(PixHandle pixs, int thresh);
    [LibraryImport(Lib, EntryPoint = "pixOpenBrick")] private static partial nint pixOpenBrick_(nint pixd, PixHandle pixs, int hsize, int vsize);
    [LibraryImport(Lib, EntryPoint = "pixCloseBrick")] private static partial nint pixCloseBrick_(nint pixd, PixHandle pixs, int hsize, int vsize);
    [LibraryImport(Lib, EntryPoint = "pixDilateBrick")] private static partial nint pixDilateBrick_(nint pixd, PixHandle pixs, int hsize, int vsize);
    [LibraryImport(Lib, EntryPoint = "pixOr")] private static partial nint pixOr_(nint pixd, PixHandle pixs1, PixHandle pixs2);
    [LibraryImport(Lib, EntryPoint = "pixSubtract")] private static partial nint pixSubtract_(nint pixd, PixHandle pixs1, PixHandle pixs2);
    [LibraryImport(Lib, EntryPoint = "pixBackgroundNormSimple")] private static partial nint pixBackgroundNormSimple_(PixHandle pixs, nint pixim, nint pixg);

    // Grayscale morphology (8 bpp; brick sizes odd) and arithmetic.
    [LibraryImport(Lib, EntryPoint = "pixOpenGray")] private static partial nint pixOpenGray_(PixHandle pixs, int hsize, int vsize);
    [LibraryImport(Lib, EntryPoint = "pixCloseGray")] private static partial nint pixCloseGray_(PixHandle pixs, int hsize, int vsize);
    [LibraryImport(Lib, EntryPoint = "pixErodeGray")] private static partial nint pixErodeGray_(PixHandle pixs, int hsize, int vsize);
    [LibraryImport(Lib, EntryPoint = "pixSubtractGray")] private static partial nint pixSubtractGray_(nint pixd, PixHandle pixs1, PixHandle pixs2);
    [LibraryImport(Lib, EntryPoint = "pixTophat")] private static partial nint pixTophat_(PixHandle pixs, int hsize, int vsize, int type);
    [LibraryImport(Lib, EntryPoint = "pixInvert")] private static partial nint pixInvert_(nint pixd, PixHandle pixs);

    public static PixHandle pixSauvolaBinarizeTiled(PixHandle gray, int halfWindow, float factor, int tilesX, int tilesY)
    {
        Owned.Check(pixSauvolaBinarizeTiled_(gray, halfWindow, factor, tilesX, tilesY, 0, out var d), nameof(pixSauvolaBinarizeTiled));
        return Owned.Wrap<PixHandle>(d, nameof(pixSauvolaBinarizeTiled));
    }

    public static PixHandle pixThresholdToBinary(PixHandle gray, int threshold) => Owned.Wrap<PixHandle>(pixThresholdToBinary_(gray, threshold), nameof(pixThresholdToBinary));
    public static PixHandle pixOpenBrick(PixHandle pixs, int hsize, int vsize) => Owned.Wrap<PixHandle>(pixOpenBrick_(0, pixs, hsize, vsize), nameof(pixOpenBrick));
    public static PixHandle pixCloseBrick(PixHandle pixs, int hsize, int vsize) => Owned.Wrap<PixHandle>(pixCloseBrick_(0, pixs, hsize, vsize), nameof(pixCloseBrick));
    public static PixHandle pixDilateBrick(PixHandle pixs, int hsize, int vsize) => Owned.Wrap<PixHandle>(pixDilateBrick_(0, pixs, hsize, vsize), nameof(pixDilateBrick));
    public static PixHandle pixOr(PixHandle a, PixHandle b) => Owned.Wrap<PixHandle>(pixOr_(0, a, b), nameof(pixOr));
    public static PixHandle pixSubtract(PixHandle a, PixHandle b) => Owned.Wrap<PixHandle>(pixSubtract_(0, a, b), nameof(pixSubtract));
    public static PixHandle pixOpenGray(PixHandle pixs, int hsize, int vsize) => Owned.Wrap<PixHandle>(pixOpenGray_(pixs, Odd(hsize), Odd(vsize)), nameof(pixOpenGray));
    public static PixHandle pixCloseGray(PixHandle pixs, int hsize, int vsize) => Owned.Wrap<PixHandle>(pixCloseGray_(pixs, Odd(hsize), Odd(vsize)), nameof(pixCloseGray));
    /// <summary>The darkest value over the brick at each pixel: dark ink on light paper grows by the brick.</summary>
    public static PixHandle pixErodeGray(PixHandle pixs, int hsize, int vsize) => Owned.Wrap<PixHandle>(pixErodeGray_(pixs, Odd(hsize), Odd(vsize)), nameof(pixErodeGray));

    /// <summary>a - b per pixel, clipped at 0 (8 bpp).</summary>
    public static PixHandle pixSubtractGray(PixHandle a, PixHandle b) => Owned.Wrap<PixHandle>(pixSubtractGray_(0, a, b), nameof(pixSubtractGray));

    /// <summary>White top-hat: the bright detail smaller than the brick (the image minus its opening).</summary>
    public static PixHandle pixTophatWhite(PixHandle pixs, int hsize, int vsize) => Owned.Wrap<PixHandle>(pixTophat_(pixs, Odd(hsize), Odd(vsize), 0), nameof(pixTophatWhite));

    public static PixHandle pixInvert(PixHandle pixs) => Owned.Wrap<PixHandle>(pixInvert_(0, pixs), nameof(pixInvert));

    private static int Odd(int size) => Math.Max(1, size | 1);

    public static PixHandle pixBackgroundNormSimple(PixHandle pixs) => Owned.Wrap<PixHandle>(pixBackgroundNormSimple_(pixs, 0, 0), nameof(pixBackgroundNormSimple));

    // Connected components and boxes.
    [LibraryImport(Lib, EntryPoint = "pixConnComp")] private static partial nint pixConnComp_(PixHandle pixs, nint ppixa, int connectivity);
    [LibraryImport(Lib)] private static partial int boxaGetCount(BoxaHandle boxa);
    [LibraryImport(Lib)] private static partial int boxaGetBoxGeometry(BoxaHandle boxa, int index, out int x, out int y, out int w, out int h);
    [LibraryImport(Lib, EntryPoint = "boxCreate")] private static partial nint boxCreate_(int x, int y, int w, int h);
    [LibraryImport(Lib, EntryPoint = "pixClipRectangle")] private static partial nint pixClipRectangle_(PixHandle pixs, BoxHandle box, nint pboxc);

    /// <summary>Bounding boxes (x, y, w, h) of the 8-connected components of a 1 bpp image.</summary>
    public static (int X, int Y, int W, int H)[] pixConnCompBoxes(PixHandle binary)
    {
        using var boxa = Owned.Wrap<BoxaHandle>(pixConnComp_(binary, 0, 8), nameof(pixConnComp_));
        var n = boxaGetCount(boxa);
        var result = new (int, int, int, int)[n];
        for (var i = 0; i < n; i++)
        {
            Owned.Check(boxaGetBoxGeometry(boxa, i, out var x, out var y, out var w, out var h), nameof(boxaGetBoxGeometry));
            result[i] = (x, y, w, h);
        }
        return result;
    }

    public static PixHandle pixClipRectangle(PixHandle pixs, int x, int y, int w, int h)
    {
        using var box = Owned.Wrap<BoxHandle>(boxCreate_(x, y, w, h), nameof(boxCreate_));
        return Owned.Wrap<PixHandle>(pixClipRectangle_(pixs, box, 0), nameof(pixClipRectangle));
    }

    // Drawing (overlays).
    [LibraryImport(Lib)] private static partial int pixRenderLineArb(PixHandle pix, int x1, int y1, int x2, int y2, int width, byte r, byte g, byte b);
    public static void RenderLine(PixHandle pix32, int x1, int y1, int x2, int y2, int width, byte r, byte g, byte b) =>
        Owned.Check(pixRenderLineArb(pix32, x1, y1, x2, y2, width, r, g, b), nameof(pixRenderLineArb));

    // Pixel access: copies between a pix and managed rows, so pixel loops stay managed (style point 7).

    /// <summary>Copies an 8 bpp pix into a row-major byte array.</summary>
    public static byte[] CopyGray(PixHandle pix8)
    {
        int w = pixGetWidth(pix8), h = pixGetHeight(pix8), wpl = pixGetWpl(pix8);
        if (pixGetDepth(pix8) != 8)
        {
            throw new NativeException("CopyGray needs an 8 bpp image.");
        }
        var result = new byte[w * h];
        var data = pixGetData(pix8);
        for (var y = 0; y < h; y++)
        {
            var line = (byte*)(data + y * wpl);
            var row = result.AsSpan(y * w, w);
            // Leptonica keeps bytes in big-endian order within each 32-bit word.
            for (var x = 0; x < w; x++)
            {
                row[x] = line[x ^ 3];
            }
        }
        return result;
    }

    /// <summary>Makes an 8 bpp pix from a row-major byte array.</summary>
    public static PixHandle FromGray(ReadOnlySpan<byte> pixels, int width, int height)
    {
        var pix = pixCreate(width, height, 8);
        int wpl = pixGetWpl(pix);
        var data = pixGetData(pix);
        for (var y = 0; y < height; y++)
        {
            var line = (byte*)(data + y * wpl);
            var row = pixels.Slice(y * width, width);
            for (var x = 0; x < width; x++)
            {
                line[x ^ 3] = row[x];
            }
        }
        return pix;
    }

    /// <summary>Copies a 1 bpp pix into a row-major byte array of 0 (white) and 1 (ink).</summary>
    public static byte[] CopyBinary(PixHandle pix1)
    {
        int w = pixGetWidth(pix1), h = pixGetHeight(pix1), wpl = pixGetWpl(pix1);
        if (pixGetDepth(pix1) != 1)
        {
            throw new NativeException("CopyBinary needs a 1 bpp image.");
        }
        var result = new byte[w * h];
        var data = pixGetData(pix1);
        for (var y = 0; y < h; y++)
        {
            var line = data + y * wpl;
            var row = result.AsSpan(y * w, w);
            for (var x = 0; x < w; x++)
            {
                row[x] = (byte)((line[x >> 5] >> (31 - (x & 31))) & 1);
            }
        }
        return result;
    }

    /// <summary>Makes a 32 bpp RGB pix from row-major R, G, B byte triples.</summary>
    public static PixHandle FromRgb(ReadOnlySpan<byte> rgb, int width, int height)
    {
        var pix = pixCreate(width, height, 32);
        int wpl = pixGetWpl(pix);
        var data = pixGetData(pix);
        for (var y = 0; y < height; y++)
        {
            var line = data + y * wpl;
            var row = rgb.Slice(y * width * 3, width * 3);
            for (var x = 0; x < width; x++)
            {
                line[x] = ((uint)row[3 * x] << 24) | ((uint)row[3 * x + 1] << 16) | ((uint)row[3 * x + 2] << 8);
            }
        }
        return pix;
    }
}
