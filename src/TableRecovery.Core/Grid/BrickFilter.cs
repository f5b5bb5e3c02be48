using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TableRecovery.Core.Grid;

/// <summary>
/// Gray opening, white top-hat and mean by a one-dimensional brick (a row or a column of pixels), in managed code. The
/// faint-line search opens a whole page four times with long bricks, for which Leptonica's general gray morphology took
/// about 230 ms a requests table (30 px glyphs, 5–6 megapixels); the same minimum and maximum filters (van Herk /
/// Gil-Werman: two passes per block of the brick's length, a column brick done a whole row at a time) give the same
/// bytes: the faint-line search took 140 ms instead of 242 on six requests tables (the whole grid stage 180 instead of
/// 288). Pixels beyond the image count for nothing (an erosion takes the minimum over the part of the brick inside the
/// image), as the border of 255 or 0 that Leptonica adds before eroding or dilating makes them.
/// </summary>
internal static class BrickFilter
{
    /// <summary>Dilation of the erosion: what survives is as long as the brick along its direction.</summary>
    /// <remarks>An even length is taken one longer, as the Leptonica bindings take it, so the brick has a centre.</remarks>
    public static byte[] Open(byte[] gray, int width, int height, int hsize, int vsize)
    {
        (hsize, vsize) = (Math.Max(1, hsize | 1), Math.Max(1, vsize | 1));
        if (hsize > 1 && vsize > 1) throw new ArgumentException("The brick must be one row or one column of pixels.");
        if (gray.Length != width * height) throw new ArgumentException("The pixels do not fill the width and height given.");
        if (vsize > 1) return AlongColumns<Max>(AlongColumns<Min>(gray, width, height, vsize), width, height, vsize);
        if (hsize == 1) return (byte[])gray.Clone();
        return AlongRows<Max>(AlongRows<Min>(gray, width, height, hsize), width, height, hsize);
    }

    /// <summary>The image less its opening: detail shorter than the brick along its direction.</summary>
    public static byte[] TophatWhite(byte[] gray, int width, int height, int hsize, int vsize)
    {
        var opened = Open(gray, width, height, hsize, vsize);
        // An opening never exceeds the image, so the difference needs no clamping.
        for (var i = 0; i < opened.Length; i++) opened[i] = (byte)(gray[i] - opened[i]);
        return opened;
    }

    /// <summary>The mean over a brick of one row or one column of pixels, the part of the brick inside the image only.</summary>
    public static byte[] Mean(byte[] gray, int width, int height, int hsize, int vsize)
    {
        (hsize, vsize) = (Math.Max(1, hsize | 1), Math.Max(1, vsize | 1));
        if (hsize > 1 && vsize > 1) throw new ArgumentException("The brick must be one row or one column of pixels.");
        if (gray.Length != width * height) throw new ArgumentException("The pixels do not fill the width and height given.");
        var result = new byte[gray.Length];
        bool along = hsize > 1;
        int size = along ? hsize : vsize, half = size / 2;
        int lines = along ? height : width, length = along ? width : height;
        int stride = along ? 1 : width, next = along ? width : 1;
        for (var line = 0; line < lines; line++)
        {
            var origin = line * next;
            int sum = 0, count = 0;
            for (var i = 0; i < Math.Min(half, length); i++) { sum += gray[origin + i * stride]; count++; }
            for (var i = 0; i < length; i++)
            {
                var enter = i + half;
                if (enter < length) { sum += gray[origin + enter * stride]; count++; }
                var leave = i - half - 1;
                if (leave >= 0) { sum -= gray[origin + leave * stride]; count--; }
                result[origin + i * stride] = (byte)((sum + count / 2) / count);
            }
        }
        return result;
    }

    private static byte[] AlongRows<TPick>(byte[] gray, int width, int height, int size) where TPick : struct, IPick
    {
        var half = size / 2;
        var n = width + size - 1;
        var padded = new byte[n];
        var prefix = new byte[n];
        var suffix = new byte[n];
        var result = new byte[gray.Length];
        padded.AsSpan().Fill(TPick.Outside);
        ref var p = ref MemoryMarshal.GetArrayDataReference(padded);
        ref var pre = ref MemoryMarshal.GetArrayDataReference(prefix);
        ref var suf = ref MemoryMarshal.GetArrayDataReference(suffix);
        for (var y = 0; y < height; y++)
        {
            gray.AsSpan(y * width, width).CopyTo(padded.AsSpan(half));
            for (var start = 0; start < n; start += size)
            {
                // Indices stay inside [start, end) ⊂ [0, n), the length of all three buffers.
                var end = Math.Min(n, start + size);
                var run = Unsafe.Add(ref p, start);
                Unsafe.Add(ref pre, start) = run;
                for (var i = start + 1; i < end; i++) Unsafe.Add(ref pre, i) = run = TPick.Of(run, Unsafe.Add(ref p, i));
                run = Unsafe.Add(ref p, end - 1);
                Unsafe.Add(ref suf, end - 1) = run;
                for (var i = end - 2; i >= start; i--) Unsafe.Add(ref suf, i) = run = TPick.Of(run, Unsafe.Add(ref p, i));
            }
            // The brick over padded [x, x + size - 1] spans the end of one block and the start of the next.
            PickRows<TPick>(suffix.AsSpan(0, width), prefix.AsSpan(size - 1, width), result.AsSpan(y * width, width));
        }
        return result;
    }

    private static byte[] AlongColumns<TPick>(byte[] gray, int width, int height, int size) where TPick : struct, IPick
    {
        var half = size / 2;
        var n = height + size - 1;
        var outside = new byte[width];
        outside.AsSpan().Fill(TPick.Outside);
        ReadOnlySpan<byte> Row(int i) => i < half || i >= half + height ? outside : gray.AsSpan((i - half) * width, width);
        // Per block of `size` padded rows, its running extremes from the end (suffix) and, of the next block, from the start
        // (prefix): the brick starting at padded row y spans the end of y's block and the start of the next.
        var suffix = new byte[size * width];
        var prefix = new byte[size * width];
        var result = new byte[gray.Length];
        for (var start = 0; start < height; start += size)
        {
            var end = Math.Min(n, start + size);
            Row(end - 1).CopyTo(suffix.AsSpan((end - 1 - start) * width, width));
            for (var i = end - 2; i >= start; i--)
            {
                PickRows<TPick>(suffix.AsSpan((i + 1 - start) * width, width), Row(i), suffix.AsSpan((i - start) * width, width));
            }
            var next = start + size;
            var nextEnd = Math.Min(n, next + size);
            if (next < nextEnd) Row(next).CopyTo(prefix.AsSpan(0, width));
            for (var i = next + 1; i < nextEnd; i++)
            {
                PickRows<TPick>(prefix.AsSpan((i - 1 - next) * width, width), Row(i), prefix.AsSpan((i - next) * width, width));
            }
            for (var y = start; y < Math.Min(height, start + size); y++)
            {
                var o = y - start;
                var target = result.AsSpan(y * width, width);
                if (o == 0) suffix.AsSpan(0, width).CopyTo(target); // the brick is this whole block
                else PickRows<TPick>(suffix.AsSpan(o * width, width), prefix.AsSpan((o - 1) * width, width), target);
            }
        }
        return result;
    }

    private static void PickRows<TPick>(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> target) where TPick : struct, IPick
    {
        var i = 0;
        var lanes = Vector<byte>.Count;
        for (; i + lanes <= target.Length; i += lanes)
        {
            TPick.Of(new Vector<byte>(a.Slice(i, lanes)), new Vector<byte>(b.Slice(i, lanes))).CopyTo(target.Slice(i, lanes));
        }
        for (; i < target.Length; i++) target[i] = TPick.Of(a[i], b[i]);
    }

    /// <summary>Erosion takes the minimum, dilation the maximum; as type arguments, the choice costs nothing per pixel.</summary>
    private interface IPick
    {
        static abstract byte Outside { get; }
        static abstract byte Of(byte a, byte b);
        static abstract Vector<byte> Of(Vector<byte> a, Vector<byte> b);
    }

    private readonly struct Min : IPick
    {
        public static byte Outside => byte.MaxValue;
        public static byte Of(byte a, byte b) => Math.Min(a, b);
        public static Vector<byte> Of(Vector<byte> a, Vector<byte> b) => Vector.Min(a, b);
    }

    private readonly struct Max : IPick
    {
        public static byte Outside => byte.MinValue;
        public static byte Of(byte a, byte b) => Math.Max(a, b);
        public static Vector<byte> Of(Vector<byte> a, Vector<byte> b) => Vector.Max(a, b);
    }
}
