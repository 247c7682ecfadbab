namespace MlNetDl.Tensors.Autograd;

/// <summary>
/// A node of the autograd graph: one differentiable op's backward rule plus what its forward saved. Each op is
/// one subclass holding its forward (a static <c>Apply</c>) and its <see cref="Backward"/> side by side, and
/// appears in <see cref="OpRegistry"/> so the gradient checker and the PyTorch conformance tests cover it.
/// Backward runs with recording disabled (no double backward).
/// </summary>
public abstract class Function
{
    private Tensor[] _inputs = [];
    private Tensor[]? _saved;
    private int[]? _savedVersions;
    private bool _released;

    /// <summary>The op's name in messages and in the registry, e.g. <c>"mul"</c>.</summary>
    public abstract string Name { get; }

    public IReadOnlyList<Tensor> Inputs => _inputs;

    /// <summary>Whether the gradient for input <paramref name="i"/> is wanted.</summary>
    protected bool NeedsInputGrad(int i) => _inputs[i].RequiresGrad;

    /// <summary>Keeps tensors for backward and remembers their versions to catch in-place changes.</summary>
    protected void SaveForBackward(params Tensor[] tensors)
    {
        _saved = tensors;
        _savedVersions = new int[tensors.Length];
        for (int i = 0; i < tensors.Length; i++)
        {
            _savedVersions[i] = tensors[i].Version;
        }
    }

    /// <summary>A tensor saved in forward; throws if it was changed in place since.</summary>
    protected Tensor Saved(int i)
    {
        if (_released || _saved is null)
        {
            throw new InvalidOperationException(
                $"Trying to backward through '{Name}' a second time (or after its saved tensors were freed). Pass retainGraph: true to the first Backward call.");
        }

        var t = _saved[i];
        if (t.Version != _savedVersions![i])
        {
            throw new InvalidOperationException(
                $"A tensor of shape {t.Shape} needed by '{Name}' for backward was modified in place (version {t.Version}, saved at version {_savedVersions[i]}).");
        }

        return t;
    }

    /// <summary>Makes this function the producer of <paramref name="output"/> with the given inputs.</summary>
    protected Tensor Attach(Tensor output, params Tensor[] inputs)
    {
        _inputs = inputs;
        output.SetGradFn(this);
        return output;
    }

    /// <summary>Gradients with respect to each input (null where not needed), given the output's gradient.
    /// Each returned gradient has exactly its input's shape.</summary>
    protected internal abstract Tensor?[] Backward(Tensor gradOutput);

    internal void Release()
    {
        _released = true;
        _saved = null;
    }

    public override string ToString() => $"<{char.ToUpperInvariant(Name[0])}{Name[1..]}Backward0>";
}
