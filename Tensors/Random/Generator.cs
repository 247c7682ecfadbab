namespace MlNetDl.Tensors;

/// <summary>
/// Seeded random source for tensor creation, initialization, dropout and shuffling (PyTorch's
/// <c>torch.Generator</c>). xoshiro256** seeded through splitmix64: fast, statistically strong, and identical
/// on every platform. Streams differ from PyTorch's Mersenne Twister, so tests compare distributions, not draws.
/// Not thread-safe: use one generator per thread.
/// </summary>
public sealed class Generator
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpare;

    public Generator(long seed = 0) => ManualSeed(seed);

    /// <summary>The process-wide default generator (seeded with 0 until <see cref="ManualSeed"/>).</summary>
    public static Generator Default { get; } = new(0);

    public long InitialSeed { get; private set; }

    public Generator ManualSeed(long seed)
    {
        InitialSeed = seed;
        ulong x = unchecked((ulong)seed);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
        _hasSpare = false;
        return this;
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, 1) as float (24 random bits, never 1.0).</summary>
    public float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>Uniform integer in [0, n) without modulo bias (Lemire's method).</summary>
    public long NextInt64(long n)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n), n, "Upper bound must be positive.");
        }

        ulong un = (ulong)n;
        ulong threshold = (0 - un) % un;
        while (true)
        {
            ulong r = NextUInt64();
            ulong hi = Math.BigMul(r, un, out ulong lo);
            if (lo >= threshold)
            {
                return (long)hi;
            }
        }
    }

    /// <summary>Standard normal draw (Box–Muller in double, spare value cached).</summary>
    public double NextNormal()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareNormal;
        }

        double u1;
        do
        {
            u1 = NextDouble();
        }
        while (u1 <= double.Epsilon);
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        _spareNormal = r * Math.Sin(2 * Math.PI * u2);
        _hasSpare = true;
        return r * Math.Cos(2 * Math.PI * u2);
    }

    public void FillUniform(Span<float> dst, float low, float high)
    {
        float range = high - low;
        for (int i = 0; i < dst.Length; i++)
        {
            dst[i] = low + range * NextSingle();
        }
    }

    public void FillNormal(Span<float> dst, float mean, float std)
    {
        for (int i = 0; i < dst.Length; i++)
        {
            dst[i] = (float)(mean + std * NextNormal());
        }
    }

    /// <summary>A random permutation of 0..n-1 (Fisher–Yates), as <c>torch.randperm</c>.</summary>
    public int[] Permutation(int n)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = i;
        }

        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)NextInt64(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }

        return p;
    }
}
