using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MlNetDl.Trainers.Linear;

/// <summary>
/// The two products of a softmax-regression step when the class count K is small (10 for digits) and the batch
/// fits in L2: logits = X·W and ∇W = Xᵀ·G, with W and ∇W held transposed ([K × d], one class per row). A packed
/// SGEMM pads K up to its 32-wide tile and hands half of each product to another core, which for a 128 × 784 × 10
/// batch costs more than the multiply-adds (measured: 341 µs per batch through SGEMM). Here four classes at a
/// time share each 16-float load of X, on the calling thread.
/// </summary>
internal static class FewClassProducts
{
    /// <summary>logits[i, c] = x_i · wt_c for x [m × d] and wt [k × d]; logits is [m × k].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Logits(ReadOnlySpan<float> x, int m, int d, ReadOnlySpan<float> wt, int k, Span<float> logits)
    {
        for (int i = 0; i < m; i++)
        {
            var xi = x.Slice(i * d, d);
            for (int c0 = 0; c0 < k; c0 += 4)
            {
                // Classes past the end repeat the last one; their sums are computed and dropped.
                var w0 = wt.Slice(Math.Min(c0, k - 1) * d, d);
                var w1 = wt.Slice(Math.Min(c0 + 1, k - 1) * d, d);
                var w2 = wt.Slice(Math.Min(c0 + 2, k - 1) * d, d);
                var w3 = wt.Slice(Math.Min(c0 + 3, k - 1) * d, d);
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                int j = 0;
                for (; j + 16 <= d; j += 16)
                {
                    var xv = Vector512.Create(xi.Slice(j, 16));
                    a0 = Vector512.FusedMultiplyAdd(xv, Vector512.Create(w0.Slice(j, 16)), a0);
                    a1 = Vector512.FusedMultiplyAdd(xv, Vector512.Create(w1.Slice(j, 16)), a1);
                    a2 = Vector512.FusedMultiplyAdd(xv, Vector512.Create(w2.Slice(j, 16)), a2);
                    a3 = Vector512.FusedMultiplyAdd(xv, Vector512.Create(w3.Slice(j, 16)), a3);
                }
                float s0 = Vector512.Sum(a0), s1 = Vector512.Sum(a1), s2 = Vector512.Sum(a2), s3 = Vector512.Sum(a3);
                for (; j < d; j++)
                {
                    s0 += xi[j] * w0[j]; s1 += xi[j] * w1[j]; s2 += xi[j] * w2[j]; s3 += xi[j] * w3[j];
                }
                var row = logits.Slice(i * k, k);
                row[c0] = s0;
                if (c0 + 1 < k) row[c0 + 1] = s1;
                if (c0 + 2 < k) row[c0 + 2] = s2;
                if (c0 + 3 < k) row[c0 + 3] = s3;
            }
        }
    }

    /// <summary>gradWt[c, j] = Σ_i g[i, c]·x[i, j] for g [m × k] and x [m × d]; gradWt is [k × d].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void WeightGradient(ReadOnlySpan<float> g, ReadOnlySpan<float> x, int m, int d, int k, Span<float> gradWt)
    {
        for (int c0 = 0; c0 < k; c0 += 4)
        {
            int c1 = Math.Min(c0 + 1, k - 1), c2 = Math.Min(c0 + 2, k - 1), c3 = Math.Min(c0 + 3, k - 1);
            int j = 0;
            for (; j + 16 <= d; j += 16)
            {
                Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (int i = 0; i < m; i++)
                {
                    var xv = Vector512.Create(x.Slice(i * d + j, 16));
                    var gi = g.Slice(i * k, k);
                    a0 = Vector512.FusedMultiplyAdd(Vector512.Create(gi[c0]), xv, a0);
                    a1 = Vector512.FusedMultiplyAdd(Vector512.Create(gi[c1]), xv, a1);
                    a2 = Vector512.FusedMultiplyAdd(Vector512.Create(gi[c2]), xv, a2);
                    a3 = Vector512.FusedMultiplyAdd(Vector512.Create(gi[c3]), xv, a3);
                }
                a0.CopyTo(gradWt.Slice(c0 * d + j, 16));
                if (c0 + 1 < k) a1.CopyTo(gradWt.Slice(c1 * d + j, 16));
                if (c0 + 2 < k) a2.CopyTo(gradWt.Slice(c2 * d + j, 16));
                if (c0 + 3 < k) a3.CopyTo(gradWt.Slice(c3 * d + j, 16));
            }
            for (; j < d; j++)
            {
                for (int c = c0; c < Math.Min(c0 + 4, k); c++)
                {
                    float s = 0;
                    for (int i = 0; i < m; i++) s += g[i * k + c] * x[i * d + j];
                    gradWt[c * d + j] = s;
                }
            }
        }
    }
}
