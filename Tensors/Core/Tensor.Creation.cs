namespace MlNetDl.Tensors;

public sealed partial class Tensor
{
    /// <summary>Uninitialized float tensor from the pool; callers must write every element.</summary>
    internal static Tensor Empty(Shape shape)
    {
        var data = TensorPool.Rent(shape.Numel, out bool pooled);
        return new Tensor(new Storage(data, pooled), 0, shape, DType.Float32);
    }

    internal static Tensor Empty(Shape shape, DType dtype) => dtype switch
    {
        DType.Float32 => Empty(shape),
        DType.Int64 => new Tensor(new Storage(new long[shape.Numel], false), 0, shape, dtype),
        DType.Int32 => new Tensor(new Storage(new int[shape.Numel], false), 0, shape, dtype),
        _ => new Tensor(new Storage(new bool[shape.Numel], false), 0, shape, dtype),
    };

    public static Tensor Zeros(params int[] shape) => Zeros(new Shape(shape));

    public static Tensor Zeros(Shape shape, DType dtype = DType.Float32)
    {
        var t = Empty(shape, dtype);
        if (dtype == DType.Float32)
        {
            t.F.Clear();
        }

        return t;
    }

    public static Tensor Ones(params int[] shape) => Full(new Shape(shape), 1f);

    public static Tensor Full(Shape shape, float value)
    {
        var t = Empty(shape);
        t.F.Fill(value);
        return t;
    }

    public static Tensor ZerosLike(Tensor t) => Zeros(t.Shape, t.DType);

    public static Tensor OnesLike(Tensor t) => Full(t.Shape, 1f);

    /// <summary>A 0-dimensional tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(float value) => Full(new Shape(), value);

    /// <summary>Values start, start+step, … below end (float32), as <c>torch.arange</c>.</summary>
    public static Tensor Arange(float start, float end, float step = 1f)
    {
        if (step == 0 || float.IsNaN(step) || (end - start) / step < 0)
        {
            throw new ArgumentException($"Arange: step {step} cannot go from {start} to {end}.", nameof(step));
        }

        int n = (int)Math.Ceiling((end - start) / (double)step);
        var t = Empty(new Shape(n));
        var s = t.F;
        for (int i = 0; i < n; i++)
        {
            s[i] = start + i * step;
        }

        return t;
    }

    public static Tensor Arange(int end) => Arange(0, end);

    /// <summary>Copies <paramref name="data"/> into a new tensor of <paramref name="shape"/> (the flat data's
    /// length when no shape is given).</summary>
    public static Tensor FromArray(float[] data, params int[] shape) => From<float>(data, shape.Length == 0 ? [data.Length] : shape);

    public static Tensor FromArray(long[] data, params int[] shape) => From<long>(data, shape.Length == 0 ? [data.Length] : shape);

    public static Tensor FromArray(int[] data, params int[] shape) => From<int>(data, shape.Length == 0 ? [data.Length] : shape);

    public static Tensor FromArray(bool[] data, params int[] shape) => From<bool>(data, shape.Length == 0 ? [data.Length] : shape);

    /// <summary>Copies a span into a new tensor of the given shape (the dtype follows <typeparamref name="T"/>).</summary>
    public static Tensor From<T>(ReadOnlySpan<T> data, Shape shape)
    {
        if (data.Length != shape.Numel)
        {
            throw new ArgumentException($"Cannot make a tensor of shape {shape} ({shape.Numel} elements) from {data.Length} values.", nameof(data));
        }

        var t = Empty(shape, DTypeInfo.Of<T>());
        data.CopyTo(t.Span<T>());
        return t;
    }

    /// <summary>Wraps an existing array without copying (the tensor and the array share memory).</summary>
    public static Tensor Wrap(float[] data, params int[] shape)
    {
        var s = new Shape(shape);
        if (s.Numel != data.Length)
        {
            throw new ArgumentException($"Cannot wrap {data.Length} values as shape {s} ({s.Numel} elements).", nameof(data));
        }

        return new Tensor(new Storage(data, pooled: false), 0, s, DType.Float32);
    }

    /// <summary>Uniform samples in [0, 1).</summary>
    public static Tensor Rand(Shape shape, Generator? generator = null) => Uniform(shape, 0f, 1f, generator);

    public static Tensor Uniform(Shape shape, float low, float high, Generator? generator = null)
    {
        var t = Empty(shape);
        (generator ?? Generator.Default).FillUniform(t.F, low, high);
        return t;
    }

    /// <summary>Standard normal samples.</summary>
    public static Tensor Randn(Shape shape, Generator? generator = null) => Normal(shape, 0f, 1f, generator);

    public static Tensor Normal(Shape shape, float mean, float std, Generator? generator = null)
    {
        if (!(std >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(std), std, "Normal: std must be >= 0.");
        }

        var t = Empty(shape);
        (generator ?? Generator.Default).FillNormal(t.F, mean, std);
        return t;
    }

    /// <summary>Random integers in [low, high) as int64, as <c>torch.randint</c>.</summary>
    public static Tensor RandInt(long low, long high, Shape shape, Generator? generator = null)
    {
        var g = generator ?? Generator.Default;
        var t = Empty(shape, DType.Int64);
        var s = t.Span<long>();
        for (int i = 0; i < s.Length; i++)
        {
            s[i] = low + g.NextInt64(high - low);
        }

        return t;
    }

    /// <summary>Seeds the default generator (PyTorch's <c>torch.manual_seed</c>).</summary>
    public static void ManualSeed(long seed) => Generator.Default.ManualSeed(seed);
}
