using MlNetDl.Onnx;
using MlNetDl.Tensors;

namespace MlNetDl.Transforms.Onnx;

/// <summary>A loaded ONNX model together with its file bytes (kept so the transformer can embed them when saved)
/// and the name messages use for it. Shared, read-only, by an estimator and the transformers it fits:
/// <see cref="OnnxModel.Run"/> keeps no state between calls.</summary>
internal sealed class OnnxScoringModel
{
    private OnnxScoringModel(byte[] bytes, string source, OnnxModel model)
    {
        Bytes = bytes;
        Source = source;
        Model = model;
    }

    public byte[] Bytes { get; }

    public string Source { get; }

    public OnnxModel Model { get; }

    /// <exception cref="FileNotFoundException">The file does not exist (the message names it).</exception>
    /// <exception cref="InvalidDataException">Not a valid ONNX model.</exception>
    /// <exception cref="OnnxUnsupportedException">A model using something the importer does not support.</exception>
    public static OnnxScoringModel FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{OnnxOptions.Owner}: the model file '{path}' does not exist.", path);
        }

        // Loading from the path parses a memory map of the file (2× its size allocated; from a stream it is 3×).
        var model = OnnxModel.Load(path);
        return new OnnxScoringModel(File.ReadAllBytes(path), path, model);
    }

    public static OnnxScoringModel FromBytes(byte[] bytes, string source)
    {
        return new OnnxScoringModel(bytes, source, OnnxModel.Load(new MemoryStream(bytes, writable: false), sourceName: source));
    }

    /// <exception cref="ArgumentException">The model has no such input (the message lists its inputs).</exception>
    public OnnxValueInfo FindInput(string name) => Model.Inputs.FirstOrDefault(i => i.Name == name) ?? throw new ArgumentException(
        $"{OnnxOptions.Owner}: '{name}' is not an input of the model '{Source}'; its inputs are [{string.Join("; ", Model.Inputs)}].");

    /// <exception cref="ArgumentException">The model has no such output (the message lists its outputs).</exception>
    public OnnxValueInfo FindOutput(string name) => Model.Outputs.FirstOrDefault(o => o.Name == name) ?? throw new ArgumentException(
        $"{OnnxOptions.Owner}: '{name}' is not an output of the model '{Source}'; its outputs are [{string.Join("; ", Model.Outputs)}].");

    /// <summary>Runs the model once on zeros of the given shapes and returns every output's shape.</summary>
    public Dictionary<string, int[]> ProbeShapes(Dictionary<string, int[]> inputShapes)
    {
        var feeds = inputShapes.ToDictionary(p => p.Key, p => Tensor.Zeros(new Shape(p.Value)));
        try
        {
            var outputs = Model.Run(feeds);
            var shapes = outputs.ToDictionary(o => o.Key, o => o.Value.Shape.ToArray());
            foreach (var t in outputs.Values)
            {
                t.Dispose();
            }

            return shapes;
        }
        finally
        {
            foreach (var t in feeds.Values)
            {
                t.Dispose();
            }
        }
    }
}
