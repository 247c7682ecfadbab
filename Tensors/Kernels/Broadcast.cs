namespace MlNetDl.Tensors.Kernels;

/// <summary>
/// Drives an element-wise binary kernel over broadcast operands. Dimensions are collapsed until the innermost
/// run is contiguous (stride 1) or broadcast (stride 0) in each operand, so each row is one vectorized call:
/// same shapes and scalar operands are a single call, bias-style [N,C]+[C] is one call per row.
/// </summary>
internal static class Broadcast
{
    public static void Binary<TKernel>(ReadOnlySpan<float> x, Shape xs, ReadOnlySpan<float> y, Shape ys, Span<float> d, Shape ds)
        where TKernel : IBinaryKernel
    {
        if (xs == ys)
        {
            TKernel.Run(x, y, d);
            return;
        }

        if (y.Length == 1 && xs == ds)
        {
            TKernel.Run(x, y[0], d);
            return;
        }

        if (x.Length == 1 && ys == ds)
        {
            TKernel.Run(x[0], y, d);
            return;
        }

        Collapse(xs, ys, ds, out var sizes, out var sx, out var sy);
        int rank = sizes.Length;
        int inner = sizes[rank - 1];
        int ix = sx[rank - 1], iy = sy[rank - 1];
        int rows = d.Length / Math.Max(inner, 1);
        Span<int> counter = stackalloc int[rank];
        int ox = 0, oy = 0;
        for (int r = 0; r < rows; r++)
        {
            var drow = d.Slice(r * inner, inner);
            if (ix == 1 && iy == 1)
            {
                TKernel.Run(x.Slice(ox, inner), y.Slice(oy, inner), drow);
            }
            else if (ix == 1)
            {
                TKernel.Run(x.Slice(ox, inner), y[oy], drow);
            }
            else if (iy == 1)
            {
                TKernel.Run(x[ox], y.Slice(oy, inner), drow);
            }
            else
            {
                TKernel.Run(x.Slice(ox, 1), y[oy], drow[..1]);
                drow.Fill(drow[0]);
            }

            // Advance the outer multi-index (all dims but the innermost) and the operand offsets.
            for (int k = rank - 2; k >= 0; k--)
            {
                ox += sx[k];
                oy += sy[k];
                if (++counter[k] < sizes[k])
                {
                    break;
                }

                ox -= sx[k] * sizes[k];
                oy -= sy[k] * sizes[k];
                counter[k] = 0;
            }
        }
    }

    /// <summary>Strides of <paramref name="s"/> broadcast to <paramref name="target"/> (0 on broadcast dims).</summary>
    public static int[] StridesFor(Shape s, Shape target)
    {
        int rank = target.Rank, lead = rank - s.Rank;
        var st = s.Strides();
        var r = new int[rank];
        for (int i = lead; i < rank; i++)
        {
            r[i] = s.Dims[i - lead] == 1 && target.Dims[i] != 1 ? 0 : st[i - lead];
        }

        return r;
    }

    private static void Collapse(Shape xs, Shape ys, Shape ds, out int[] sizes, out int[] sx, out int[] sy)
    {
        var ax = StridesFor(xs, ds);
        var ay = StridesFor(ys, ds);
        var dims = ds.Dims;
        var sz = new List<int>();
        var lx = new List<int>();
        var ly = new List<int>();
        for (int i = 0; i < dims.Length; i++)
        {
            if (dims[i] == 1)
            {
                continue;
            }

            int n = sz.Count;
            if (n > 0 && lx[n - 1] == ax[i] * dims[i] && ly[n - 1] == ay[i] * dims[i])
            {
                sz[n - 1] *= dims[i];
                lx[n - 1] = ax[i];
                ly[n - 1] = ay[i];
            }
            else
            {
                sz.Add(dims[i]);
                lx.Add(ax[i]);
                ly.Add(ay[i]);
            }
        }

        if (sz.Count == 0)
        {
            sz.Add(1);
            lx.Add(1);
            ly.Add(1);
        }

        sizes = [.. sz];
        sx = [.. lx];
        sy = [.. ly];
    }
}
