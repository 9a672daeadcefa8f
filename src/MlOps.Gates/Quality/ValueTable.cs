using System.Numerics;
using System.Runtime.CompilerServices;

namespace MlOps.Gates.Quality;

/// <summary>
/// Distinct values by their 128-bit hash, each with the first row it occurred in, where, and whether it occurred again:
/// open addressing in one flat array, so an insert costs one probe into memory and consecutive inserts overlap, where
/// a <see cref="Dictionary{TKey, TValue}"/> would chase two. Two values are the same only when their hashes are, which
/// a false match would need a 128-bit collision to break.
/// </summary>
internal sealed class ValueTable
{
    // The empty slot's key; a value that hashes to it is stored under another constant, a 2^-128 chance either way.
    private static readonly UInt128 Stand = new(0x9E3779B97F4A7C15, 0xBF58476D1CE4E5B9);

    private Entry[] _entries;
    private int _mask;

    /// <summary>The most slots sized up front (128 MB): a file's row estimate can be far above its distinct values.</summary>
    private const int MaxInitialSlots = 1 << 22;

    public ValueTable(int expected)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Clamp(expected * 2L, 16, MaxInitialSlots));
        _entries = new Entry[size];
        _mask = size - 1;
    }

    /// <summary>How many distinct values.</summary>
    public int Count { get; private set; }

    /// <summary>The value's entry: found, or added with <paramref name="exists"/> false and its row to fill in.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref Entry Find(UInt128 key, out bool exists)
    {
        if (key == UInt128.Zero)
        {
            key = Stand;
        }

        if (Count * 2 >= _entries.Length)
        {
            Grow();
        }

        var slot = (int)(ulong)key & _mask;
        while (true)
        {
            ref var entry = ref _entries[slot];
            if (entry.Key == key)
            {
                exists = true;
                return ref entry;
            }

            if (entry.Key == UInt128.Zero)
            {
                entry.Key = key;
                Count++;
                exists = false;
                return ref entry;
            }

            slot = (slot + 1) & _mask;
        }
    }

    private void Grow()
    {
        var old = _entries;
        if (old.Length >= 1 << 30)
        {
            throw new GatesInputException(ErrorCodes.DataIo, "more than 500 million distinct values: too many to keep in memory for a uniqueness or distinct-count check");
        }

        _entries = new Entry[old.Length * 2];
        _mask = _entries.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Key != UInt128.Zero)
            {
                var slot = (int)(ulong)entry.Key & _mask;
                while (_entries[slot].Key != UInt128.Zero)
                {
                    slot = (slot + 1) & _mask;
                }

                _entries[slot] = entry;
            }
        }
    }

    /// <summary>A distinct value: its hash, the first row it occurred in and where, and whether it occurred again (32 bytes).</summary>
    internal struct Entry
    {
        public UInt128 Key;
        public int Line;
        public int Column;
        private long _rowAndRepeated;

        public long Row
        {
            readonly get => _rowAndRepeated & long.MaxValue;
            set => _rowAndRepeated = (_rowAndRepeated & long.MinValue) | value;
        }

        public bool Repeated
        {
            readonly get => _rowAndRepeated < 0;
            set => _rowAndRepeated = value ? _rowAndRepeated | long.MinValue : _rowAndRepeated & long.MaxValue;
        }
    }
}
