namespace MlOps.Gates.Evaluation;

/// <summary>
/// xoshiro256** (Blackman and Vigna, 2018), seeded through SplitMix64: a small, fast generator whose stream depends on
/// the seed alone, so a resample draws the same rows on any machine and any number of cores.
/// </summary>
internal struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;
    private ulong _spare;
    private bool _hasSpare;

    public Xoshiro256(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    public ulong Next()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without bias (Lemire's multiply-and-reject, 2019).</summary>
    public uint Below(uint bound)
    {
        var product = (ulong)Next32() * bound;
        var low = (uint)product;
        if (low < bound)
        {
            var threshold = unchecked(0u - bound) % bound;
            while (low < threshold)
            {
                product = (ulong)Next32() * bound;
                low = (uint)product;
            }
        }

        return (uint)(product >> 32);
    }

    /// <summary>32 random bits: each 64-bit output serves twice, its high half first.</summary>
    private uint Next32()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return (uint)_spare;
        }

        _spare = Next();
        _hasSpare = true;
        return (uint)(_spare >> 32);
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
