using System.Reflection;
using System.Text;
using MlNetDl.Onnx.Proto;
using MlNetDl.Tensors;

namespace MlNetDl.Onnx;

/// <summary>Binds a node to its handler in <see cref="OnnxOps"/>: the handler is the public static method named exactly
/// after the ONNX op. Its <see cref="Tensor"/> parameters take the node's inputs in order (optional when they have a
/// default), a <c>Tensor[]</c> parameter takes the remaining (variadic) inputs, an <see cref="OpContext"/> parameter
/// the node context, and every other parameter the attribute of the same name, whose ONNX default is the parameter's
/// default value. Binding happens at load time, so missing inputs or attributes and mistyped attributes fail there.</summary>
internal static class OpBinder
{
    private static readonly Dictionary<string, MethodInfo> Handlers = typeof(OnnxOps)
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The ONNX op types with a handler.</summary>
    public static IEnumerable<string> SupportedOps => Handlers.Keys.Order(StringComparer.Ordinal);

    public static bool IsSupported(string opType) => Handlers.ContainsKey(opType);

    /// <summary>A kernel running the node: inputs (null for an omitted optional input) → outputs.</summary>
    public static Func<Tensor?[], Tensor[]> Bind(NodeProto node, OpContext ctx)
    {
        if (!Handlers.TryGetValue(node.OpType, out var method))
        {
            throw new OnnxUnsupportedException($"{ctx.Where}: op '{node.OpType}' is not supported (supported: {string.Join(", ", SupportedOps)}).");
        }

        var parameters = method.GetParameters();
        var template = new object?[parameters.Length];
        var inputSlots = new List<(int Param, int Input)>();
        int variadicParam = -1, nextInput = 0;
        var attributes = node.Attribute.ToDictionary(a => a.Name, StringComparer.Ordinal);
        for (int p = 0; p < parameters.Length; p++)
        {
            var param = parameters[p];
            var type = Nullable.GetUnderlyingType(param.ParameterType) ?? param.ParameterType;
            if (type == typeof(OpContext))
            {
                template[p] = ctx;
            }
            else if (type == typeof(Tensor))
            {
                int input = nextInput++;
                bool present = input < node.Input.Count && node.Input[input].Length > 0;
                if (!present && !param.HasDefaultValue)
                {
                    throw ctx.Invalid($"required input {input} ('{param.Name}') is missing (the node has {node.Input.Count} inputs)");
                }

                inputSlots.Add((p, input));
            }
            else if (type == typeof(Tensor[]))
            {
                variadicParam = p;
            }
            else if (attributes.TryGetValue(param.Name!, out var attribute))
            {
                template[p] = Convert(attribute, type, ctx);
            }
            else if (param.HasDefaultValue)
            {
                template[p] = param.DefaultValue;
            }
            else
            {
                throw ctx.Invalid($"required attribute '{param.Name}' is missing");
            }
        }

        int variadicStart = nextInput;
        return inputs =>
        {
            var args = (object?[])template.Clone();
            foreach (var (param, input) in inputSlots)
            {
                args[param] = input < inputs.Length ? inputs[input] : null;
            }

            if (variadicParam >= 0)
            {
                args[variadicParam] = inputs.Skip(variadicStart).OfType<Tensor>().ToArray();
            }

            return method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, args, null) switch
            {
                Tensor t => [t],
                Tensor[] ts => ts,
                var other => throw new InvalidOperationException($"{ctx.Where}: handler returned {other?.GetType().Name ?? "null"}."),
            };
        };
    }

    private static object? Convert(AttributeProto a, Type type, OpContext ctx)
    {
        try
        {
            if (type == typeof(float))
            {
                return a.HasF ? a.F : (float)a.I;
            }

            if (type == typeof(int))
            {
                return checked((int)a.I);
            }

            if (type == typeof(long))
            {
                return a.I;
            }

            if (type == typeof(string))
            {
                return Encoding.UTF8.GetString(a.S.Span);
            }

            if (type == typeof(int[]))
            {
                return a.Ints.Select(v => checked((int)v)).ToArray();
            }

            if (type == typeof(long[]))
            {
                return a.Ints.ToArray();
            }

            if (type == typeof(float[]))
            {
                return a.Floats.ToArray();
            }

            if (type == typeof(TensorProto))
            {
                return a.T ?? throw ctx.Invalid($"attribute '{a.Name}' holds no tensor");
            }
        }
        catch (OverflowException)
        {
            throw ctx.Invalid($"attribute '{a.Name}' is out of range");
        }

        throw new InvalidOperationException($"{ctx.Where}: handler parameter '{a.Name}' has unsupported type {type.Name}.");
    }
}
