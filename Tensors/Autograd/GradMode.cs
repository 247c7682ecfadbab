namespace MlNetDl.Tensors.Autograd;

/// <summary>Thread-local switch for recording operations (PyTorch's <c>torch.no_grad()</c>).</summary>
public static class GradMode
{
    [ThreadStatic] private static bool _disabled;

    public static bool IsEnabled => !_disabled;

    /// <summary>Disables recording until the returned handle is disposed: <c>using (GradMode.NoGrad()) {…}</c>.</summary>
    public static Restorer NoGrad() => Set(enabled: false);

    /// <summary>Re-enables recording inside a no-grad region (PyTorch's <c>torch.enable_grad()</c>).</summary>
    public static Restorer EnableGrad() => Set(enabled: true);

    private static Restorer Set(bool enabled)
    {
        var restorer = new Restorer(!_disabled);
        _disabled = !enabled;
        return restorer;
    }

    /// <summary>True when an op on these inputs must be recorded for backward.</summary>
    internal static bool ShouldRecord(Tensor a) => !_disabled && a.RequiresGrad;

    internal static bool ShouldRecord(Tensor a, Tensor b) => !_disabled && (a.RequiresGrad || b.RequiresGrad);

    internal static bool ShouldRecord(ReadOnlySpan<Tensor> inputs)
    {
        if (_disabled)
        {
            return false;
        }

        foreach (var t in inputs)
        {
            if (t.RequiresGrad)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Restores the previous grad mode when disposed.</summary>
    public readonly struct Restorer(bool previous) : IDisposable
    {
        public void Dispose() => _disabled = !previous;
    }
}
