using Google.Protobuf;
using MlNetDl.Onnx.Proto;
using MlNetDl.Tensors;

namespace MlNetDl.Onnx;

/// <summary>An ONNX model loaded for inference on the engine. <see cref="Load(string, OnnxLoadOptions?)"/> parses
/// with size limits, validates everything that can be known statically (IR and opset versions, supported ops and
/// their attributes, external data, dims, graph structure) before converting the weights once, then folds the
/// constant part of the graph. <see cref="Run"/> executes the remaining nodes in topological order under no-grad,
/// freeing each intermediate after its last consumer.</summary>
public sealed partial class OnnxModel : IDisposable
{
    /// <summary>IR versions accepted: 3 (the first with opset imports) to 10.</summary>
    public const long MinIrVersion = 3, MaxIrVersion = 10;

    /// <summary>Default-domain opset versions honoured.</summary>
    public const int MinOpset = 1, MaxOpset = 18;

    private readonly Dictionary<string, Tensor> _constants;
    private readonly PlannedNode[] _nodes;
    private readonly HashSet<string> _outputNames;
    private bool _disposed;

    public long IrVersion { get; }

    /// <summary>Version of the default ONNX domain the model imports.</summary>
    public int Opset { get; }

    public string ProducerName { get; }

    /// <summary>Inputs the caller provides to <see cref="Run"/> (graph inputs without an initializer).</summary>
    public IReadOnlyList<OnnxValueInfo> Inputs { get; }

    public IReadOnlyList<OnnxValueInfo> Outputs { get; }

    /// <summary>Number of nodes left to run after constant folding.</summary>
    public int NodeCount => _nodes.Length;

    /// <summary>The ONNX op types this importer implements.</summary>
    public static IEnumerable<string> SupportedOps => OpBinder.SupportedOps;

    /// <summary>Loads and validates a model file.</summary>
    /// <exception cref="InvalidDataException">A truncated, corrupt or invalid model (the message names the file).</exception>
    /// <exception cref="OnnxUnsupportedException">A valid model using something not supported here.</exception>
    public static OnnxModel Load(string path, OnnxLoadOptions? options = null)
    {
        options ??= OnnxLoadOptions.Default;
        long length = new FileInfo(path).Length;
        if (length > options.MaxFileBytes)
        {
            throw new InvalidDataException($"{path}: {length} bytes exceeds the limit of {options.MaxFileBytes} bytes (OnnxLoadOptions.MaxFileBytes).");
        }

        if (length == 0)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return Load(stream, options, path);
        }

        // Parsing the mapped file (neither a stream nor a byte[] of it) allocates each weight's bytes once, so loading
        // allocates about two copies of the weights: protobuf's, freed one by one, and the tensors'.
        ModelProto proto;
        using (var mapped = new MappedModelFile(path, length))
        {
            try
            {
                proto = ModelProto.Parser.ParseFrom(mapped.Sequence);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new InvalidDataException($"{path}: not a valid ONNX model (truncated or corrupt protobuf: {e.Message}).", e);
            }
        }

        return Build(proto, options, path);
    }

    /// <summary>Loads and validates a model from a stream; <paramref name="sourceName"/> names it in messages.</summary>
    public static OnnxModel Load(Stream stream, OnnxLoadOptions? options = null, string sourceName = "<stream>")
    {
        options ??= OnnxLoadOptions.Default;
        ModelProto proto;
        try
        {
            int limit = (int)Math.Min(options.MaxFileBytes, int.MaxValue);
            var input = CodedInputStream.CreateWithLimits(stream, limit, recursionLimit: 64);
            proto = ModelProto.Parser.ParseFrom(input);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"{sourceName}: not a valid ONNX model (truncated or corrupt protobuf: {e.Message}).", e);
        }

        return Build(proto, options, sourceName);
    }

    private static OnnxModel Build(ModelProto proto, OnnxLoadOptions options, string sourceName)
    {
        try
        {
            return new OnnxModel(proto, options);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{sourceName}: {e.Message}", e);
        }
        catch (OnnxUnsupportedException e)
        {
            throw new OnnxUnsupportedException($"{sourceName}: {e.Message}");
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var t in _constants.Values)
        {
            t.Dispose();
        }

        _constants.Clear();
    }

    public override string ToString() =>
        $"OnnxModel(IR {IrVersion}, opset {Opset}, {NodeCount} nodes, inputs [{string.Join("; ", Inputs)}], outputs [{string.Join("; ", Outputs)}])";

    /// <summary>A node ready to run: its kernel, value names, and the values whose last use it is.</summary>
    private sealed record PlannedNode(OpContext Context, Func<Tensor?[], Tensor[]> Kernel, string[] Inputs, string[] Outputs)
    {
        public string[] FreeAfter { get; set; } = [];
    }
}
