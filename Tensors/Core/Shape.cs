using System.Collections;
using System.Runtime.CompilerServices;

namespace MlNetDl.Tensors;

/// <summary>Immutable tensor shape (PyTorch's <c>torch.Size</c>). Prints as <c>[2, 3]</c> in messages.</summary>
[CollectionBuilder(typeof(Shape), nameof(Create))]
public readonly struct Shape : IEquatable<Shape>, IReadOnlyList<int>
{
    private readonly int[]? _dims;

    public Shape(params int[] dims)
    {
        long n = 1;
        foreach (var d in dims)
        {
            if (d < 0)
            {
                throw new ArgumentException($"Shape dimensions must be non-negative; got [{string.Join(", ", dims)}].", nameof(dims));
            }

            n *= d;
            if (n > int.MaxValue)
            {
                throw new ArgumentException($"Shape [{string.Join(", ", dims)}] has more than {int.MaxValue} elements.", nameof(dims));
            }
        }

        _dims = (int[])dims.Clone();
    }

    /// <summary>Collection-expression support: <c>Shape s = [2, 3];</c>.</summary>
    public static Shape Create(ReadOnlySpan<int> dims) => new(dims.ToArray());

    internal int[] Dims => _dims ?? [];

    public int Rank => Dims.Length;

    public int Count => Rank;

    public int this[int dim] => Dims[Normalize(dim)];

    /// <summary>Number of elements (1 for a scalar).</summary>
    public int Numel
    {
        get
        {
            int n = 1;
            foreach (var d in Dims)
            {
                n *= d;
            }

            return n;
        }
    }

    /// <summary>Maps a possibly negative dimension index to [0, Rank), with PyTorch's error otherwise.</summary>
    public int Normalize(int dim)
    {
        int rank = Rank;
        int r = dim < 0 ? dim + rank : dim;
        if (r < 0 || r >= Math.Max(rank, 1) || (rank == 0 && r != 0))
        {
            throw new ArgumentOutOfRangeException(nameof(dim),
                $"Dimension out of range (expected to be in range of [{-Math.Max(rank, 1)}, {Math.Max(rank, 1) - 1}], but got {dim}) for shape {this}.");
        }

        return r;
    }

    /// <summary>Row-major strides in elements.</summary>
    public int[] Strides()
    {
        var dims = Dims;
        var s = new int[dims.Length];
        int acc = 1;
        for (int i = dims.Length - 1; i >= 0; i--)
        {
            s[i] = acc;
            acc *= dims[i];
        }

        return s;
    }

    public int[] ToArray() => (int[])Dims.Clone();

    public bool Equals(Shape other) => Dims.AsSpan().SequenceEqual(other.Dims);

    public override bool Equals(object? obj) => obj is Shape s && Equals(s);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var d in Dims)
        {
            h.Add(d);
        }

        return h.ToHashCode();
    }

    public static bool operator ==(Shape a, Shape b) => a.Equals(b);

    public static bool operator !=(Shape a, Shape b) => !a.Equals(b);

    public static implicit operator Shape(int[] dims) => new(dims);

    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)Dims).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => "[" + string.Join(", ", Dims) + "]";

    /// <summary>NumPy/PyTorch broadcasting of two shapes; the error names both shapes and the op.</summary>
    public static Shape Broadcast(Shape a, Shape b, string op)
    {
        var x = a.Dims;
        var y = b.Dims;
        int rank = Math.Max(x.Length, y.Length);
        var r = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int dx = i < rank - x.Length ? 1 : x[i - (rank - x.Length)];
            int dy = i < rank - y.Length ? 1 : y[i - (rank - y.Length)];
            if (dx != dy && dx != 1 && dy != 1)
            {
                throw new ArgumentException(
                    $"{op}: shapes {a} and {b} cannot be broadcast together (dimension {i}: {dx} vs {dy}).");
            }

            r[i] = dx == 1 ? dy : dx;
        }

        return new Shape(r);
    }
}
