namespace MlNetDl.Tensors;

/// <summary>
/// Deterministic memory for training loops (TorchSharp's DisposeScope idea): every tensor created on this
/// thread while a scope is open is disposed when the scope ends, returning its storage to the pool, unless it
/// was moved out with <see cref="Tensor.MoveToOuterScope"/> or <see cref="Keep"/>. Parameters, gradients of
/// leaves and optimizer state are created outside any scope, so a step inside a scope allocates almost nothing
/// once the pool is warm.
/// </summary>
/// <example><code>
/// for (...) { using var scope = TensorScope.Begin(); var loss = ...; loss.Backward(); optimizer.Step(); }
/// </code></example>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic] private static TensorScope? _current;
    private readonly List<Tensor> _owned = [];
    private readonly TensorScope? _outer;
    private readonly bool _suspends;
    private bool _disposed;

    private TensorScope(TensorScope? outer, bool suspends)
    {
        _outer = outer;
        _suspends = suspends;
    }

    internal static TensorScope? Current => _current is { _suspends: true } ? null : _current;

    /// <summary>Opens a scope on the current thread; dispose it to free the tensors created inside.</summary>
    public static TensorScope Begin() => _current = new TensorScope(_current, suspends: false);

    /// <summary>Opens a region where new tensors belong to no scope (parameters, optimizer state, results
    /// that must outlive the step). Dispose it to return to the enclosing scope.</summary>
    public static TensorScope Suspend() => _current = new TensorScope(_current, suspends: true);

    /// <summary>Number of tensors this scope will dispose.</summary>
    public int Count => _owned.Count;

    internal void Register(Tensor t) => _owned.Add(t);

    /// <summary>Removes <paramref name="tensor"/> from this scope and hands it to the enclosing one (or to the
    /// garbage collector when there is none).</summary>
    public Tensor Keep(Tensor tensor)
    {
        if (_owned.Remove(tensor))
        {
            _outer?.NearestOwning()?.Register(tensor);
        }

        return tensor;
    }

    /// <summary>Removes <paramref name="tensor"/> from the innermost scope without handing it on: it becomes
    /// long-lived (parameters and buffers registered on a module).</summary>
    internal static void Forget(Tensor tensor) => Current?._owned.Remove(tensor);

    private TensorScope? NearestOwning() => _suspends ? null : this;

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!ReferenceEquals(_current, this))
        {
            throw new InvalidOperationException("TensorScope disposed out of order: dispose inner scopes first (use 'using').");
        }

        _current = _outer;
        foreach (var t in _owned)
        {
            t.Dispose();
        }

        _owned.Clear();
    }
}
