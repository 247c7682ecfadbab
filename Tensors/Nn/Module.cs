using System.Text;

namespace MlNetDl.Tensors.Nn;

/// <summary>
/// Base of every layer and network (PyTorch's <c>nn.Module</c>): named parameters, buffers and child modules in
/// registration order, train/eval mode, and the state dictionary whose keys match PyTorch's
/// (<c>"0.weight"</c>, <c>"encoder.fc.bias"</c>, <c>"bn.running_mean"</c>). Subclasses allocate parameters in
/// their constructor, initialize them in <c>ResetParameters()</c> and compute in <c>Forward</c>.
/// </summary>
public abstract partial class Module
{
    private readonly List<KeyValuePair<string, Tensor?>> _parameters = [];
    private readonly List<KeyValuePair<string, Tensor?>> _buffers = [];
    private readonly HashSet<string> _nonPersistent = [];
    private readonly List<KeyValuePair<string, Module>> _modules = [];

    /// <summary>True in training mode (dropout active, batch norm uses batch statistics).</summary>
    public bool Training { get; private set; } = true;

    /// <summary>Registers a parameter: it becomes a leaf that requires grad and outlives any TensorScope.
    /// A null parameter (e.g. a disabled bias) is recorded by name but owns nothing.</summary>
    protected Tensor? RegisterParameter(string name, Tensor? parameter)
    {
        CheckName(name);
        if (parameter is not null)
        {
            if (parameter.DType != DType.Float32 || !parameter.IsLeaf)
            {
                throw new ArgumentException($"{GetType().Name}: parameter '{name}' must be a float32 leaf tensor; got {parameter.DType} {(parameter.IsLeaf ? "leaf" : "non-leaf")} of shape {parameter.Shape}.");
            }

            TensorScope.Forget(parameter);
            parameter.RequiresGrad = true;
        }

        _parameters.Add(new(name, parameter));
        return parameter;
    }

    /// <summary>Registers a buffer (state that is not trained, e.g. running statistics). Persistent buffers are
    /// part of the state dictionary.</summary>
    protected Tensor? RegisterBuffer(string name, Tensor? buffer, bool persistent = true)
    {
        CheckName(name);
        if (buffer is not null)
        {
            TensorScope.Forget(buffer);
        }

        _buffers.Add(new(name, buffer));
        if (!persistent)
        {
            _nonPersistent.Add(name);
        }

        return buffer;
    }

    /// <summary>Registers a child module under <paramref name="name"/>.</summary>
    protected T RegisterModule<T>(string name, T module)
        where T : Module
    {
        CheckName(name);
        _modules.Add(new(name, module));
        return module;
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
        {
            throw new ArgumentException($"{GetType().Name}: member name '{name}' must be non-empty and contain no '.'.", nameof(name));
        }

        if (_parameters.Any(p => p.Key == name) || _buffers.Any(b => b.Key == name) || _modules.Any(m => m.Key == name))
        {
            throw new ArgumentException($"{GetType().Name}: a parameter, buffer or module named '{name}' is already registered.", nameof(name));
        }
    }

    /// <summary>Replaces the tensor of an already registered parameter or buffer (used when loading state).</summary>
    protected void ReplaceTensor(string name, Tensor tensor)
    {
        for (int i = 0; i < _parameters.Count; i++)
        {
            if (_parameters[i].Key == name)
            {
                _parameters[i] = new(name, tensor);
                return;
            }
        }

        for (int i = 0; i < _buffers.Count; i++)
        {
            if (_buffers[i].Key == name)
            {
                _buffers[i] = new(name, tensor);
                return;
            }
        }

        throw new KeyNotFoundException($"{GetType().Name} has no parameter or buffer named '{name}'.");
    }

    public IEnumerable<(string Name, Module Module)> NamedChildren() => _modules.Select(m => (m.Key, m.Value));

    public IEnumerable<Module> Children() => _modules.Select(m => m.Value);

    /// <summary>This module and all descendants, depth first, with dotted names ("" for this module).</summary>
    public IEnumerable<(string Name, Module Module)> NamedModules(string prefix = "")
    {
        yield return (prefix, this);
        foreach (var (name, child) in _modules)
        {
            foreach (var item in child.NamedModules(prefix.Length == 0 ? name : prefix + "." + name))
            {
                yield return item;
            }
        }
    }

    public IEnumerable<Module> Modules() => NamedModules().Select(m => m.Module);

    public IEnumerable<(string Name, Tensor Parameter)> NamedParameters(bool recurse = true) =>
        Collect(m => m._parameters, recurse, persistentOnly: false);

    public IEnumerable<Tensor> Parameters(bool recurse = true) => NamedParameters(recurse).Select(p => p.Parameter);

    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers(bool recurse = true) =>
        Collect(m => m._buffers, recurse, persistentOnly: false);

    private IEnumerable<(string, Tensor)> Collect(Func<Module, List<KeyValuePair<string, Tensor?>>> select, bool recurse, bool persistentOnly)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var modules = recurse ? NamedModules() : [("", this)];
        foreach (var (prefix, module) in modules)
        {
            foreach (var (name, t) in select(module))
            {
                if (t is not null && (!persistentOnly || !module._nonPersistent.Contains(name)) && seen.Add(t))
                {
                    yield return (prefix.Length == 0 ? name : prefix + "." + name, t);
                }
            }
        }
    }

    /// <summary>Number of elements over all parameters (optionally only those that require grad).</summary>
    public long ParameterCount(bool trainableOnly = false) =>
        Parameters().Where(p => !trainableOnly || p.RequiresGrad).Sum(p => (long)p.Numel);

    /// <summary>Sets training mode on this module and every descendant.</summary>
    public Module Train(bool mode = true)
    {
        foreach (var m in Modules())
        {
            m.Training = mode;
        }

        return this;
    }

    /// <summary>Evaluation mode (PyTorch's <c>eval()</c>).</summary>
    public Module Eval() => Train(false);

    /// <summary>Clears parameter gradients. PyTorch 1.13's default keeps the tensors and zeros them
    /// (<c>set_to_none=False</c>); <paramref name="setToNone"/> drops them instead.</summary>
    public void ZeroGrad(bool setToNone = false)
    {
        foreach (var p in Parameters())
        {
            if (setToNone)
            {
                p.Grad = null;
            }
            else
            {
                p.Grad?.AsWritableSpan<float>().Clear();
            }
        }
    }

    /// <summary>Hyperparameters shown in <see cref="ToString"/>, e.g. <c>in_features=784, out_features=10, bias=True</c>.</summary>
    protected virtual string ExtraRepr() => "";

    /// <summary>PyTorch's module print-out: the type with its hyperparameters and indented children.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(GetType().Name).Append('(').Append(ExtraRepr());
        if (_modules.Count > 0)
        {
            sb.Append('\n');
            foreach (var (name, child) in _modules)
            {
                var text = child.ToString().Replace("\n", "\n  ");
                sb.Append("  (").Append(name).Append("): ").Append(text).Append('\n');
            }
        }

        return sb.Append(')').ToString();
    }
}
