namespace MlNetDl.Tensors.Nn;

/// <summary>A module with a typed forward. <see cref="Forward"/> is the computation; <see cref="Call"/> is
/// PyTorch's <c>module(x)</c>: it runs the forward inside the module-call bookkeeping that
/// <c>Summary</c> uses to record each layer's output shape. Containers call children through <see cref="Call"/>.</summary>
public abstract class Module<TIn, TOut> : Module
{
    public abstract TOut Forward(TIn input);

    public TOut Call(TIn input)
    {
        var output = Forward(input);
        CallObserver.Current?.Invoke(this, output);
        return output;
    }
}

/// <summary>Thread-local observer of module calls (the hook Summary installs).</summary>
public static class CallObserver
{
    [ThreadStatic] private static Action<Module, object?>? _current;

    public static Action<Module, object?>? Current => _current;

    /// <summary>Installs <paramref name="observer"/> until the returned handle is disposed.</summary>
    public static IDisposable Observe(Action<Module, object?> observer)
    {
        var previous = _current;
        _current = observer;
        return new Restore(previous);
    }

    private sealed class Restore(Action<Module, object?>? previous) : IDisposable
    {
        public void Dispose() => _current = previous;
    }
}
