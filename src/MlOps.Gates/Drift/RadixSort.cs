using System.Runtime.CompilerServices;
using System.Buffers;
using System.Runtime.InteropServices;

namespace MlOps.Gates.Drift;

/// <summary>
/// Sorts finite doubles by a least-significant-digit radix sort on their IEEE bits (11-bit digits, passes whose digit
/// is the same for every value skipped): linear time, several times faster than a comparison sort on the million-value
/// columns drift tests read. Values compare as <see cref="double.CompareTo(double)"/> orders them.
/// </summary>
public static class RadixSort
{
    private const int Bits = 11;
    private const int Buckets = 1 << Bits;
    private const int Passes = (64 + Bits - 1) / Bits;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sort(Span<double> values)
    {
        if (values.Length < 4096)
        {
            values.Sort();
            return;
        }

        // The values are turned into order-preserving keys in place, sorted between their own memory and one
        // scratch buffer, and turned back: one extra buffer, no copies besides the passes themselves.
        var keys = MemoryMarshal.Cast<double, ulong>(values);
        var rented = ArrayPool<ulong>.Shared.Rent(values.Length);
        var counts = new int[Passes * Buckets];
        try
        {
            var n = keys.Length;
            for (var i = 0; i < n; i++)
            {
                var key = ToKey(keys[i]);
                keys[i] = key;
                for (var p = 0; p < Passes; p++)
                {
                    counts[(p * Buckets) + (int)((key >> (p * Bits)) & (Buckets - 1))]++;
                }
            }

            var scratch = rented.AsSpan(0, n);
            var inKeys = true;
            for (var p = 0; p < Passes; p++)
            {
                var source = inKeys ? keys : scratch;
                var target = inKeys ? scratch : keys;
                var histogram = counts.AsSpan(p * Buckets, Buckets);
                if (histogram[(int)((source[0] >> (p * Bits)) & (Buckets - 1))] == n)
                {
                    continue;
                }

                var offset = 0;
                for (var b = 0; b < Buckets; b++)
                {
                    var count = histogram[b];
                    histogram[b] = offset;
                    offset += count;
                }

                var shift = p * Bits;
                for (var i = 0; i < n; i++)
                {
                    var key = source[i];
                    target[histogram[(int)((key >> shift) & (Buckets - 1))]++] = key;
                }

                inKeys = !inKeys;
            }

            if (!inKeys)
            {
                scratch.CopyTo(keys);
            }

            for (var i = 0; i < n; i++)
            {
                keys[i] = FromKey(keys[i]);
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// The indices of finite values in ascending order of value, ties in index order: a stable least-significant-digit
    /// radix sort (16-bit digits) that moves only indices and reads each digit from the value, so it needs two index
    /// arrays and no copy of the values.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int[] Order(ReadOnlySpan<double> values)
    {
        const int bits = 16;
        const int buckets = 1 << bits;
        const int passes = 64 / bits;
        var n = values.Length;
        var order = new int[n];
        if (n < 4096)
        {
            var keys = values.ToArray();
            for (var i = 0; i < n; i++)
            {
                order[i] = i;
            }

            // A small input: a comparison sort, made stable by the index as the second key.
            Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
            return order;
        }

        var counts = new int[passes * buckets];
        for (var i = 0; i < n; i++)
        {
            var key = ToKey(BitConverter.DoubleToUInt64Bits(values[i]));
            for (var p = 0; p < passes; p++)
            {
                counts[(p * buckets) + (int)((key >> (p * bits)) & (buckets - 1))]++;
            }
        }

        var scratch = new int[n];
        var source = order;
        var target = scratch;
        for (var i = 0; i < n; i++)
        {
            source[i] = i;
        }

        for (var p = 0; p < passes; p++)
        {
            var histogram = counts.AsSpan(p * buckets, buckets);
            var shift = p * bits;
            if (histogram[(int)((ToKey(BitConverter.DoubleToUInt64Bits(values[0])) >> shift) & (buckets - 1))] == n)
            {
                continue;
            }

            var offset = 0;
            for (var b = 0; b < buckets; b++)
            {
                var count = histogram[b];
                histogram[b] = offset;
                offset += count;
            }

            for (var i = 0; i < n; i++)
            {
                var index = source[i];
                var key = ToKey(BitConverter.DoubleToUInt64Bits(values[index]));
                target[histogram[(int)((key >> shift) & (buckets - 1))]++] = index;
            }

            (source, target) = (target, source);
        }

        return source;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong ToKey(ulong bits) =>
        (bits & 0x8000_0000_0000_0000UL) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong FromKey(ulong key) =>
        (key & 0x8000_0000_0000_0000UL) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key;
}
