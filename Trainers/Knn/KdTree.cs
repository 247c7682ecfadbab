namespace MlNetDl.Trainers.Knn;

/// <summary>
/// A k-d tree over the training rows (leaves of ≤ 16 points, split at the median of the widest dimension) with an
/// exact k-NN query. Distances and ordering are those of <see cref="Neighbors"/>, and a subtree is skipped only when
/// its bound is strictly worse than the current k-th neighbour, so distance ties resolve to the lower index exactly
/// as in the brute-force search. (A sum of non-negative terms never rounds below one of its terms, so the bound
/// (q[dim] − split)² is safe.)
/// </summary>
internal sealed class KdTree
{
    private const int LeafSize = 16;

    private readonly float[] _points;
    private readonly int _d;
    private readonly int[] _order;
    private readonly List<Node> _nodes = [];

    private readonly record struct Node(int Start, int End, int Dim, float Split, int Left, int Right);

    public KdTree(float[] points, int n, int d)
    {
        _points = points;
        _d = d;
        _order = new int[n];
        for (int i = 0; i < n; i++)
        {
            _order[i] = i;
        }
        Build(0, n);
    }

    private int Build(int start, int end)
    {
        int id = _nodes.Count;
        _nodes.Add(default);
        if (end - start <= LeafSize)
        {
            _nodes[id] = new Node(start, end, -1, 0, -1, -1);
            return id;
        }
        int dim = 0;
        float widest = -1;
        for (int k = 0; k < _d; k++)
        {
            float lo = float.PositiveInfinity, hi = float.NegativeInfinity;
            for (int i = start; i < end; i++)
            {
                float v = _points[_order[i] * _d + k];
                lo = Math.Min(lo, v);
                hi = Math.Max(hi, v);
            }
            if (hi - lo > widest)
            {
                widest = hi - lo;
                dim = k;
            }
        }
        if (widest <= 0)
        {
            _nodes[id] = new Node(start, end, -1, 0, -1, -1); // all points equal: one leaf
            return id;
        }
        var keys = new float[end - start];
        for (int i = start; i < end; i++)
        {
            keys[i - start] = _points[_order[i] * _d + dim];
        }
        keys.AsSpan().Sort(_order.AsSpan(start, end - start));
        int mid = (start + end) / 2;
        float split = keys[mid - start];
        // Left: coordinates ≤ split would be ideal; a median cut is enough for correctness since the bound below
        // uses the actual split value against each side's coordinate range.
        int left = Build(start, mid);
        int right = Build(mid, end);
        _nodes[id] = new Node(start, end, dim, split, left, right);
        return id;
    }

    /// <summary>Indices and exact distances of the k nearest rows of each query, [q × k] row-major.</summary>
    public void Search(float[] queries, int q, int k, int[] indices, double[] distances) =>
        Parallel.For(0, q, r =>
        {
            int count = 0;
            Visit(0, queries.AsSpan(r * _d, _d), distances.AsSpan(r * k, k), indices.AsSpan(r * k, k), ref count);
        });

    private void Visit(int id, ReadOnlySpan<float> x, Span<double> dist, Span<int> index, ref int count)
    {
        var node = _nodes[id];
        if (node.Dim < 0)
        {
            for (int i = node.Start; i < node.End; i++)
            {
                int j = _order[i];
                count = Neighbors.Insert(dist, index, count, Neighbors.Distance(x, _points.AsSpan(j * _d, _d)), j);
            }
            return;
        }
        double diff = (double)x[node.Dim] - node.Split;
        // Left holds coordinates ≤ split, right ≥ split (sorted halves).
        int near = diff <= 0 ? node.Left : node.Right, far = diff <= 0 ? node.Right : node.Left;
        Visit(near, x, dist, index, ref count);
        if (count < dist.Length || diff * diff <= dist[count - 1])
        {
            Visit(far, x, dist, index, ref count);
        }
    }
}
