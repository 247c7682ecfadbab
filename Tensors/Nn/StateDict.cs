namespace MlNetDl.Tensors.Nn;

public abstract partial class Module
{
    /// <summary>Parameters and persistent buffers by PyTorch state_dict key, in registration order. The
    /// tensors are the module's own (not copies).</summary>
    public IReadOnlyList<(string Key, Tensor Value)> StateDict()
    {
        var list = new List<(string, Tensor)>();
        foreach (var (prefix, module) in NamedModules())
        {
            foreach (var (name, t) in module._parameters.Concat(module._buffers))
            {
                if (t is not null && !module._nonPersistent.Contains(name))
                {
                    list.Add((prefix.Length == 0 ? name : prefix + "." + name, t));
                }
            }
        }

        return list;
    }

    /// <summary>Copies values into this module's parameters and buffers. With <paramref name="strict"/>,
    /// missing and unexpected keys are errors (all listed in one message); shapes and dtypes must match.</summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        var own = StateDict();
        var missing = own.Where(o => !state.ContainsKey(o.Key)).Select(o => o.Key).ToList();
        var unexpected = state.Keys.Where(k => own.All(o => o.Key != k)).ToList();
        if (strict && (missing.Count > 0 || unexpected.Count > 0))
        {
            throw new InvalidOperationException(
                $"Error loading state into {GetType().Name}: missing keys [{string.Join(", ", missing)}]; unexpected keys [{string.Join(", ", unexpected)}].");
        }

        foreach (var (key, target) in own)
        {
            if (!state.TryGetValue(key, out var source))
            {
                continue;
            }

            if (source.Shape != target.Shape || source.DType != target.DType)
            {
                throw new InvalidOperationException(
                    $"Error loading '{key}' into {GetType().Name}: expected {target.DType} {target.Shape}, got {source.DType} {source.Shape}.");
            }

            CopyValues(source, target);
        }
    }

    private static void CopyValues(Tensor source, Tensor target)
    {
        switch (target.DType)
        {
            case DType.Float32: source.AsReadOnlySpan<float>().CopyTo(target.AsWritableSpan<float>()); break;
            case DType.Int64: source.AsReadOnlySpan<long>().CopyTo(target.AsWritableSpan<long>()); break;
            case DType.Int32: source.AsReadOnlySpan<int>().CopyTo(target.AsWritableSpan<int>()); break;
            default: source.AsReadOnlySpan<bool>().CopyTo(target.AsWritableSpan<bool>()); break;
        }
    }
}
