namespace MlNetDl.Tensors.Nn;

/// <summary>Runs its children in order, each on the previous output (PyTorch's <c>nn.Sequential</c>); children
/// are named "0", "1", … as in PyTorch's state_dict keys.</summary>
public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> _layers = [];

    public Sequential(params Module<Tensor, Tensor>[] layers)
    {
        foreach (var layer in layers)
        {
            Append(layer);
        }
    }

    /// <summary>Named children (PyTorch's <c>Sequential(OrderedDict(...))</c>).</summary>
    public Sequential(params (string Name, Module<Tensor, Tensor> Module)[] layers)
    {
        foreach (var (name, layer) in layers)
        {
            _layers.Add(RegisterModule(name, layer));
        }
    }

    public int Count => _layers.Count;

    public Module<Tensor, Tensor> this[int index] => _layers[index];

    public Sequential Append(Module<Tensor, Tensor> layer)
    {
        _layers.Add(RegisterModule(_layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), layer));
        return this;
    }

    public override Tensor Forward(Tensor input)
    {
        var x = input;
        foreach (var layer in _layers)
        {
            x = layer.Call(x);
        }

        return x;
    }
}
