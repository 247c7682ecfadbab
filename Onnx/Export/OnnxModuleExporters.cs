using System.Collections.Concurrent;
using MlNetDl.Tensors.Nn;

namespace MlNetDl.Onnx.Export;

/// <summary>Exports one module: (context, module, input value names) → output value names.</summary>
public delegate string[] OnnxModuleExporter<in TModule>(OnnxExportContext ctx, TModule module, string[] inputs)
    where TModule : Module;

/// <summary>Exporters keyed by module type, for modules that cannot implement <see cref="IOnnxExportable"/> because
/// their project cannot reference Onnx (the layers of <c>Tensors/Nn</c>). The built-in layers are registered in
/// <c>ModuleExporters.*.cs</c>; a type's own registration wins over its base types'.</summary>
public static class OnnxModuleExporters
{
    private static readonly ConcurrentDictionary<Type, OnnxModuleExporter<Module>> Exporters = new();

    static OnnxModuleExporters() => ModuleExporters.RegisterBuiltIns();

    /// <summary>Registers (or replaces) the exporter of <typeparamref name="TModule"/> and its subclasses.</summary>
    public static void Register<TModule>(OnnxModuleExporter<TModule> exporter)
        where TModule : Module
    {
        ArgumentNullException.ThrowIfNull(exporter);
        Exporters[typeof(TModule)] = (ctx, m, inputs) => exporter(ctx, (TModule)m, inputs);
    }

    /// <summary>True when <paramref name="moduleType"/> (or a base type) has an exporter.</summary>
    public static bool IsRegistered(Type moduleType) => Find(moduleType) is not null;

    /// <summary>The module types with an exporter, by name.</summary>
    public static IEnumerable<Type> RegisteredTypes => Exporters.Keys.OrderBy(t => t.Name, StringComparer.Ordinal);

    internal static OnnxModuleExporter<Module>? Find(Type moduleType)
    {
        for (var t = moduleType; t is not null && t != typeof(object); t = t.BaseType)
        {
            if (Exporters.TryGetValue(t, out var exporter))
            {
                return exporter;
            }
        }

        return null;
    }
}
