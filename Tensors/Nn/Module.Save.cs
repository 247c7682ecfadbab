using MlNetDl.Tensors.Serialization;

namespace MlNetDl.Tensors.Nn;

public abstract partial class Module
{
    /// <summary>Metadata key naming the module type that wrote a state file.</summary>
    public const string ModuleTypeMetadataKey = "mlnetdl.module";

    /// <summary>Writes the state dictionary (parameters and persistent buffers under PyTorch's keys) to a safetensors
    /// file, atomically, with metadata {"format": "pt", "mlnetdl.module": type name}. PyTorch reads it with
    /// <c>safetensors.torch.load_file</c> and <c>load_state_dict</c>.</summary>
    /// <exception cref="NotSupportedException">A bool tensor in the state.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var entries = new List<SafeTensorEntry>();
        foreach (var (key, t) in StateDict())
        {
            long[] shape = [.. t.Shape.ToArray().Select(d => (long)d)];
            entries.Add(t.DType switch
            {
                DType.Float32 => SafeTensorEntry.FromFloats(key, shape, t.AsReadOnlySpan<float>()),
                DType.Int64 => SafeTensorEntry.FromInt64s(key, shape, t.AsReadOnlySpan<long>()),
                DType.Int32 => SafeTensorEntry.FromInt32s(key, shape, t.AsReadOnlySpan<int>()),
                _ => throw new NotSupportedException($"{GetType().Name}.Save: '{key}' is a {t.DType.TorchName()} tensor, which state files do not support."),
            });
        }

        SafeTensors.Save(path, entries, new Dictionary<string, string> { ["format"] = "pt", [ModuleTypeMetadataKey] = GetType().Name });
    }

    /// <summary>Reads a safetensors state file into this module's parameters and buffers. Everything is checked before
    /// anything is copied, so a failed load leaves the module unchanged. With <paramref name="strict"/>, keys missing
    /// from the file and keys the module does not have are errors; shapes and dtypes must always match.</summary>
    /// <exception cref="InvalidDataException">The file is not valid safetensors, or its keys, shapes or dtypes do not
    /// fit this module; the message names the file and the key.</exception>
    public void Load(string path, bool strict = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = SafeTensors.Load(path);
        var own = StateDict();
        if (strict)
        {
            var missing = own.Where(o => !file.Contains(o.Key)).Select(o => $"'{o.Key}'").ToList();
            var ownKeys = own.Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
            var unexpected = file.Names.Where(n => !ownKeys.Contains(n)).Select(n => $"'{n}'").ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
            {
                throw new InvalidDataException(
                    $"{path}: does not fit {GetType().Name}: missing keys [{string.Join(", ", missing)}]; unexpected keys [{string.Join(", ", unexpected)}].");
            }
        }

        var plan = new List<(Tensor Target, SafeTensorEntry Entry)>();
        foreach (var (key, target) in own)
        {
            if (!file.TryGet(key, out var entry))
            {
                continue;
            }

            var expectedType = target.DType switch
            {
                DType.Float32 => SafeTensorDType.F32,
                DType.Int64 => SafeTensorDType.I64,
                DType.Int32 => SafeTensorDType.I32,
                _ => SafeTensorDType.Bool,
            };
            var shape = target.Shape.ToArray().Select(d => (long)d);
            if (entry.DType != expectedType || !entry.Shape.SequenceEqual(shape))
            {
                throw new InvalidDataException(
                    $"{path}: '{key}' is {SafeTensorDTypes.HeaderName(entry.DType)} [{string.Join(", ", entry.Shape)}] but {GetType().Name} expects {SafeTensorDTypes.HeaderName(expectedType)} {target.Shape}.");
            }

            plan.Add((target, entry));
        }

        foreach (var (target, entry) in plan)
        {
            switch (target.DType)
            {
                case DType.Float32: entry.ToFloats().CopyTo(target.AsWritableSpan<float>()); break;
                case DType.Int64: entry.ToInt64s().CopyTo(target.AsWritableSpan<long>()); break;
                case DType.Int32: entry.ToInt32s().CopyTo(target.AsWritableSpan<int>()); break;
                default: entry.Data.Span.CopyTo(System.Runtime.InteropServices.MemoryMarshal.AsBytes(target.AsWritableSpan<bool>())); break;
            }
        }
    }
}
