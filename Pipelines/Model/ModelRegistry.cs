using System.Collections.Concurrent;
using System.Reflection;

namespace MlNetDl.Pipelines;

/// <summary>A transformer that can be written to a model file. <see cref="ModelKind"/> names the loader that
/// recreates it (see <see cref="ModelRegistry"/>); <see cref="Save"/> writes its options and tensors.</summary>
public interface ICanSaveModel
{
    string ModelKind { get; }

    void Save(ModelSaveContext context);
}

/// <summary>
/// Marks the static method that recreates a saved transformer of <see cref="Kind"/>:
/// <c>[ModelLoader("Concatenate")] static ITransformer Load(ModelLoadContext context)</c>.
/// The registry finds these in loaded assemblies that reference MlNetDl.Pipelines.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ModelLoaderAttribute(string kind) : Attribute
{
    public string Kind { get; } = kind;
}

/// <summary>
/// The only way model files create objects: kind name → loader. Loading never instantiates a type named by the
/// file. Loaders come from <see cref="ModelLoaderAttribute"/> methods (scanned once per assembly, on demand) or
/// from <see cref="Register"/>. A kind can have only one loader.
/// </summary>
public static class ModelRegistry
{
    private static readonly ConcurrentDictionary<string, (Func<ModelLoadContext, ITransformer> Loader, string Origin)> Loaders = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Assembly, bool> Scanned = new();

    /// <exception cref="InvalidOperationException">Another loader already has this kind.</exception>
    public static void Register(string kind, Func<ModelLoadContext, ITransformer> loader)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(loader);
        Add(kind, loader, loader.Method.DeclaringType?.FullName + "." + loader.Method.Name);
    }

    /// <summary>Registers the <see cref="ModelLoaderAttribute"/> methods of an assembly (also done on demand for
    /// every loaded assembly; call it to make sure an assembly's kinds are known before loading a model).</summary>
    /// <exception cref="InvalidOperationException">A marked method has the wrong signature or its kind is taken.</exception>
    public static void RegisterAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        if (!Scanned.TryAdd(assembly, true))
        {
            return;
        }
        foreach (var type in SafeTypes(assembly))
        {
            foreach (var method in type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                var attribute = method.GetCustomAttribute<ModelLoaderAttribute>();
                if (attribute is null)
                {
                    continue;
                }
                var parameters = method.GetParameters();
                if (type.ContainsGenericParameters || parameters.Length != 1 || parameters[0].ParameterType != typeof(ModelLoadContext) ||
                    !typeof(ITransformer).IsAssignableFrom(method.ReturnType))
                {
                    throw new InvalidOperationException(
                        $"[ModelLoader(\"{attribute.Kind}\")] on {type.FullName}.{method.Name} must mark a static method of a non-generic type " +
                        "taking (ModelLoadContext) and returning an ITransformer.");
                }
                Add(attribute.Kind, method.CreateDelegate<Func<ModelLoadContext, ITransformer>>(), $"{type.FullName}.{method.Name}");
            }
        }
    }

    /// <summary>All kinds known now (after scanning the loaded assemblies).</summary>
    public static IReadOnlyCollection<string> Kinds
    {
        get
        {
            ScanLoadedAssemblies();
            return [.. Loaders.Keys.Order(StringComparer.Ordinal)];
        }
    }

    public static bool IsRegistered(string kind) => Find(kind) is not null;

    internal static Func<ModelLoadContext, ITransformer>? Find(string kind)
    {
        if (Loaders.TryGetValue(kind, out var entry))
        {
            return entry.Loader;
        }
        ScanLoadedAssemblies();
        return Loaders.TryGetValue(kind, out entry) ? entry.Loader : null;
    }

    private static void Add(string kind, Func<ModelLoadContext, ITransformer> loader, string origin)
    {
        var existing = Loaders.GetOrAdd(kind, (loader, origin));
        if (existing.Origin != origin)
        {
            throw new InvalidOperationException($"Model kind '{kind}' is already registered by {existing.Origin}; {origin} cannot register it too.");
        }
    }

    private static void ScanLoadedAssemblies()
    {
        var self = typeof(ModelRegistry).Assembly;
        string selfName = self.GetName().Name!;
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (Scanned.ContainsKey(assembly) || assembly.IsDynamic)
            {
                continue;
            }
            // Only assemblies that can declare loaders: this one and those referencing it.
            if (assembly == self || assembly.GetReferencedAssemblies().Any(a => a.Name == selfName))
            {
                RegisterAssembly(assembly);
            }
            else
            {
                Scanned.TryAdd(assembly, false);
            }
        }
    }

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.OfType<Type>();
        }
    }
}
