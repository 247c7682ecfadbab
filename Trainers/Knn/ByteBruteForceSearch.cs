using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MlNetDl.Trainers.Knn;

/// <summary>
/// Brute-force k-NN for 8-bit level data (<see cref="ByteLevels"/>, e.g. image pixels) with exact integer
/// distances: with levels x, y ∈ [0, 255]ᵈ, ‖x − y‖² = ‖x‖² + (‖y‖² − 2x·y), and x·y = x·(y − 128) + 128·Σx,
/// so per query the order is that of s(y) = ‖y‖² − 2x·(y − 128), an exact int32. x·(y − 128) is an unsigned ×
/// signed byte dot product: VPDPBUSD does 32 of its multiply-adds per instruction, where a float FMA does 8, so
/// this path does the 2·n·q·d multiply-adds of a float SGEMM in about half its time.
/// The k + 8 smallest s per query (ties to the lower index) are re-ranked with <see cref="Neighbors"/>' double
/// distance over the float values (which differs from the level distance only by float rounding of v / 255), so
/// results equal the float path's and the naive search's.
/// Layout: training rows in panels of <see cref="NR"/>, each panel [d/4 groups][NR rows][4 bytes of y − 128];
/// queries packed per block the same way in slivers of <see cref="MR"/>. Memory: n·d bytes for the panels.
/// </summary>
internal sealed unsafe class ByteBruteForceSearch
{
    public const int MR = 4;
    public const int NR = 24;
    internal const int QueryBlock = 192;

    private readonly sbyte[] _panels;
    private readonly int[] _norms; // ‖y‖² in levels²; int.MaxValue for the padding rows of the last panel
    private readonly int _n, _d, _groups, _panelCount;

    private ByteBruteForceSearch(float[] train, int n, int d, float divisor)
    {
        _n = n; _d = d; Divisor = divisor;
        _groups = (d + 3) / 4;
        _panelCount = (n + NR - 1) / NR;
        _panels = GC.AllocateUninitializedArray<sbyte>(_panelCount * _groups * NR * 4, pinned: true);
        _norms = new int[_panelCount * NR];
        Parallel.For(0, _panelCount, p =>
        {
            var panel = _panels.AsSpan(p * _groups * NR * 4, _groups * NR * 4);
            panel.Clear();
            for (int c = 0; c < NR; c++)
            {
                int j = p * NR + c;
                if (j >= n)
                {
                    _norms[j] = int.MaxValue; // s = MaxValue − 2·0 is never below a pool's worst
                    continue;
                }
                int norm = 0;
                for (int t = 0; t < d; t++)
                {
                    int level = ByteLevels.Level(train[(long)j * d + t], divisor);
                    norm += level * level;
                    panel[(t / 4 * NR + c) * 4 + t % 4] = (sbyte)(level - 128);
                }
                _norms[j] = norm;
            }
        });
    }

    /// <summary>The divisor of the training levels (255 or 1); queries must use the same one.</summary>
    public float Divisor { get; }

    /// <summary>The integer path for this training set, or null when the CPU lacks AVX-VNNI or the values are not
    /// 8-bit levels (then the float SGEMM path is used).</summary>
    public static ByteBruteForceSearch? TryCreate(float[] train, int n, int d)
    {
        if (!AvxVnni.IsSupported || n == 0)
        {
            return null;
        }
        float divisor = ByteLevels.DetectDivisor(train.AsSpan(0, n * d));
        return divisor == 0 ? null : new ByteBruteForceSearch(train, n, d, divisor);
    }

    public bool Accepts(ReadOnlySpan<float> queries) => ByteLevels.Matches(queries, Divisor);

    /// <summary>Indices and exact distances of the k nearest training rows of each query, [q × k] row-major.</summary>
    public void Search(float[] train, float[] queries, int q, int k, int[] indices, double[] distances, int queryBlock = QueryBlock)
    {
        queryBlock = (queryBlock + MR - 1) / MR * MR;
        int m = Math.Min(_n, k + BruteForceSearch.Slack);
        BruteForceSearch.ForEachQueryBlock(q, queryBlock, () => new Scratch(queryBlock, _groups, m), (s, t0, rows) =>
        {
            PackQueries(queries, t0, rows, s.Packed);
            Array.Fill(s.Count, 0);
            Array.Fill(s.Worst, int.MaxValue);
            int slivers = (rows + MR - 1) / MR;
            fixed (byte* a = s.Packed)
            fixed (sbyte* b = _panels)
            fixed (int* tile = s.Tile)
            {
                for (int p = 0; p < _panelCount; p++)
                {
                    sbyte* bp = b + (long)p * _groups * NR * 4;
                    for (int sl = 0; sl < slivers; sl++)
                    {
                        Kernel(_groups, a + (long)sl * _groups * MR * 4, bp, tile);
                        for (int r = 0; r < MR && sl * MR + r < rows; r++)
                        {
                            Select(tile + r * NR, p * NR, s, (sl * MR + r) * m, m, sl * MR + r);
                        }
                    }
                }
            }
            for (int r = 0; r < rows; r++)
            {
                int row = t0 + r;
                BruteForceSearch.Refine(train, _d, queries.AsSpan(row * _d, _d), s.Index.AsSpan(r * m, s.Count[r]),
                    indices.AsSpan(row * k, k), distances.AsSpan(row * k, k));
            }
        });
    }

    private sealed class Scratch(int rows, int groups, int m)
    {
        public readonly byte[] Packed = new byte[rows * groups * 4];
        public readonly int[] Tile = new int[MR * NR];
        public readonly int[] Score = new int[rows * m];
        public readonly int[] Index = new int[rows * m];
        public readonly int[] Count = new int[rows];
        public readonly int[] Worst = new int[rows];
    }

    /// <summary>Queries [t0, t0 + rows) as levels, [slivers][groups][MR][4]; padding rows and depth are 0, so
    /// they add nothing to any dot product.</summary>
    private void PackQueries(float[] queries, int t0, int rows, byte[] packed)
    {
        Array.Clear(packed);
        for (int r = 0; r < rows; r++)
        {
            int sl = r / MR, lane = r % MR;
            var x = queries.AsSpan((t0 + r) * _d, _d);
            for (int t = 0; t < _d; t++)
            {
                packed[((sl * _groups + t / 4) * MR + lane) * 4 + t % 4] = ByteLevels.Level(x[t], Divisor);
            }
        }
    }

    /// <summary>Adds the columns of one tile row whose score s = ‖y‖² − 2·dot is below the pool's worst.</summary>
    private void Select(int* dots, int j0, Scratch s, int offset, int m, int r)
    {
        var worst = Vector256.Create(s.Worst[r]);
        for (int c = 0; c < NR; c += 8)
        {
            var score = Vector256.Create(_norms.AsSpan(j0 + c, 8)) - Vector256.ShiftLeft(Vector256.Load(dots + c), 1);
            uint mask = Vector256.LessThan(score, worst).ExtractMostSignificantBits();
            while (mask != 0)
            {
                int lane = System.Numerics.BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
                int count = BruteForceSearch.Insert(s.Score.AsSpan(offset, m), s.Index.AsSpan(offset, m), s.Count[r], score[lane], j0 + c + lane);
                s.Count[r] = count;
                if (count == m)
                {
                    s.Worst[r] = s.Score[offset + m - 1];
                    worst = Vector256.Create(s.Worst[r]);
                }
            }
        }
    }

    /// <summary>tile[MR × NR] = Σ_g a[g] · b[g] over 4-byte groups (unsigned queries × signed training bytes);
    /// twelve ymm accumulators, three for the training panel and one broadcast: 16 registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void Kernel(int groups, byte* a, sbyte* b, int* tile)
    {
        Vector256<int> c00 = default, c01 = default, c02 = default;
        Vector256<int> c10 = default, c11 = default, c12 = default;
        Vector256<int> c20 = default, c21 = default, c22 = default;
        Vector256<int> c30 = default, c31 = default, c32 = default;
        for (int g = 0; g < groups; g++)
        {
            var b0 = Vector256.Load(b); var b1 = Vector256.Load(b + 32); var b2 = Vector256.Load(b + 64);
            var x = Vector256.Create(*(int*)a).AsByte();
            c00 = AvxVnni.MultiplyWideningAndAdd(c00, x, b0); c01 = AvxVnni.MultiplyWideningAndAdd(c01, x, b1); c02 = AvxVnni.MultiplyWideningAndAdd(c02, x, b2);
            x = Vector256.Create(*(int*)(a + 4)).AsByte();
            c10 = AvxVnni.MultiplyWideningAndAdd(c10, x, b0); c11 = AvxVnni.MultiplyWideningAndAdd(c11, x, b1); c12 = AvxVnni.MultiplyWideningAndAdd(c12, x, b2);
            x = Vector256.Create(*(int*)(a + 8)).AsByte();
            c20 = AvxVnni.MultiplyWideningAndAdd(c20, x, b0); c21 = AvxVnni.MultiplyWideningAndAdd(c21, x, b1); c22 = AvxVnni.MultiplyWideningAndAdd(c22, x, b2);
            x = Vector256.Create(*(int*)(a + 12)).AsByte();
            c30 = AvxVnni.MultiplyWideningAndAdd(c30, x, b0); c31 = AvxVnni.MultiplyWideningAndAdd(c31, x, b1); c32 = AvxVnni.MultiplyWideningAndAdd(c32, x, b2);
            a += MR * 4; b += NR * 4;
        }
        Vector256.Store(c00, tile); Vector256.Store(c01, tile + 8); Vector256.Store(c02, tile + 16);
        Vector256.Store(c10, tile + 24); Vector256.Store(c11, tile + 32); Vector256.Store(c12, tile + 40);
        Vector256.Store(c20, tile + 48); Vector256.Store(c21, tile + 56); Vector256.Store(c22, tile + 64);
        Vector256.Store(c30, tile + 72); Vector256.Store(c31, tile + 80); Vector256.Store(c32, tile + 88);
    }
}
