using System.Runtime.CompilerServices;
using MlNetDl.Tensors.Autograd;

namespace MlNetDl.Tensors;

/// <summary>
/// A dense, contiguous, row-major tensor (float32 for data and gradients; int64/int32 for labels and indices;
/// bool for masks) with PyTorch's autograd semantics. Views (<see cref="Reshape"/>, batch slices) share storage.
/// Operations that PyTorch implements as strided views (transpose, permute) return contiguous copies here,
/// which keeps every kernel on the fast contiguous path.
/// </summary>
public sealed partial class Tensor : IDisposable
{
    private readonly Storage _storage;
    private readonly int _offset;
    private readonly Shape _shape;
    private bool _disposed;
    private bool _requiresGrad;

    internal Tensor(Storage storage, int offset, Shape shape, DType dtype)
    {
        _storage = storage;
        _offset = offset;
        _shape = shape;
        DType = dtype;
        TensorScope.Current?.Register(this);
    }

    public DType DType { get; }

    public Shape Shape => _shape;

    /// <summary>Number of dimensions (PyTorch's <c>dim()</c>).</summary>
    public int Rank => _shape.Rank;

    /// <summary>Number of elements.</summary>
    public int Numel => _shape.Numel;

    /// <summary>Size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public int Size(int dim) => _shape[dim];

    public bool IsDisposed => _disposed;

    internal Storage Storage => _storage;

    internal int Offset => _offset;

    /// <summary>Bumped by every in-place change; shared with views (autograd checks it).</summary>
    internal int Version => _storage.Version;

    // ---- autograd state -------------------------------------------------------------------------------

    /// <summary>The function that produced this tensor, or null for a leaf.</summary>
    public Function? GradFn { get; internal set; }

    public bool IsLeaf => GradFn is null;

    /// <summary>Gradient accumulated by <see cref="Backward"/> for leaves that require grad.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>Whether operations on this tensor are recorded for differentiation. Only leaves may be
    /// changed, as in PyTorch.</summary>
    public bool RequiresGrad
    {
        get => _requiresGrad;
        set
        {
            if (!IsLeaf)
            {
                throw new InvalidOperationException(
                    $"RequiresGrad can only be changed on leaf tensors; this tensor of shape {Shape} was produced by '{GradFn!.Name}'. Use Detach() for a leaf copy.");
            }

            if (value && DType != DType.Float32)
            {
                throw new InvalidOperationException($"Only float32 tensors can require gradients; this tensor is {DType.TorchName()}.");
            }

            _requiresGrad = value;
        }
    }

    internal void SetGradFn(Function fn)
    {
        GradFn = fn;
        _requiresGrad = true;
    }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor (PyTorch's <c>requires_grad_()</c>).</summary>
    public Tensor RequiresGradInPlace(bool requiresGrad = true)
    {
        RequiresGrad = requiresGrad;
        return this;
    }

    // ---- element access -------------------------------------------------------------------------------

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void ThrowIfDisposed()
    {
        if (_disposed || _storage.IsReleased)
        {
            ThrowDisposed();
        }
    }

    private void ThrowDisposed() => throw new ObjectDisposedException(nameof(Tensor),
        $"Tensor of shape {Shape} was disposed (its TensorScope ended). Keep it with scope.Keep(t) or t.MoveToOuterScope(), or clone it before the scope ends.");

    /// <summary>The elements (read-only), in row-major order.</summary>
    public ReadOnlySpan<T> AsReadOnlySpan<T>() => Span<T>();

    /// <summary>The elements for writing. Counts as an in-place change (autograd will refuse to use a saved
    /// copy of this tensor afterwards).</summary>
    public Span<T> AsWritableSpan<T>()
    {
        MarkModified();
        return Span<T>();
    }

    internal Span<T> Span<T>()
    {
        ThrowIfDisposed();
        if (_storage.Data is not T[] array)
        {
            throw new InvalidOperationException($"Tensor of shape {Shape} is {DType.TorchName()}, not {typeof(T).Name}.");
        }

        return array.AsSpan(_offset, Numel);
    }

    /// <summary>Float elements without checks beyond the dtype; the kernels' entry point.</summary>
    internal Span<float> F => Span<float>();

    internal void MarkModified() => Interlocked.Increment(ref _storage.Version);

    public T[] ToArray<T>() => AsReadOnlySpan<T>().ToArray();

    public float[] ToFloatArray() => ToArray<float>();

    /// <summary>The value of a one-element tensor (PyTorch's <c>item()</c>).</summary>
    public float Item() => Item<float>();

    public T Item<T>()
    {
        if (Numel != 1)
        {
            throw new InvalidOperationException($"Item() needs a tensor with one element; this one has shape {Shape} ({Numel} elements).");
        }

        return AsReadOnlySpan<T>()[0];
    }

    /// <summary>Returns the storage to the pool. Using the tensor afterwards throws. Views keep the storage
    /// alive until they are disposed too.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _storage.Release();
    }

    /// <summary>Takes this tensor out of the innermost <see cref="TensorScope"/> into the enclosing one.</summary>
    public Tensor MoveToOuterScope() => TensorScope.Current?.Keep(this) ?? this;
}
