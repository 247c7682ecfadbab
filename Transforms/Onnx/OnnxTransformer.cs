using System.Runtime.InteropServices;
using MlNetDl.Onnx;
using MlNetDl.Pipelines;

namespace MlNetDl.Transforms.Onnx;

/// <summary>
/// Scores rows with an ONNX model: each input column (Single or Vector&lt;Single&gt;) is reshaped to its model
/// input's row shape (e.g. Vector&lt;Single, 150528&gt; → [3, 224, 224]), rows go through the model in batches
/// (see <see cref="OnnxBinding"/>), and each output becomes a Vector&lt;Single, row shape&gt; column (Single when
/// the model gives one value per row). Saved models embed the .onnx bytes.
/// </summary>
public sealed partial class OnnxTransformer : RowToRowTransformerBase
{
    public const string Kind = OnnxOptions.Owner;

    private readonly OnnxScoringModel _model;
    private Tuple<string, OnnxBinding>? _lastBinding; // a reference, so concurrent callers never see a torn pair

    internal OnnxTransformer(OnnxOptions options, OnnxScoringModel model) : base(Kind)
    {
        Options = options.Validate();
        _model = model;
    }

    public OnnxOptions Options { get; }

    /// <summary>The imported model (shared with the estimator that made this transformer; do not dispose it).</summary>
    public OnnxModel Model => _model.Model;

    public override string ModelKind => Kind;

    protected override IEnumerable<OutputColumn> GetOutputColumns(DataViewSchema inputSchema)
    {
        var binding = Bind(inputSchema);
        // Every output column comes from the same runs: score once per view, share the arrays.
        (InMemoryDataView View, float[][] Data)? scored = null;
        float[][] Scored(InMemoryDataView view)
        {
            if (scored is not { } s || !ReferenceEquals(s.View, view))
            {
                scored = (view, Score(binding, view));
            }

            return scored.Value.Data;
        }

        return binding.Outputs.Select((o, i) => new OutputColumn(o.Column, o.Type, view => o.RowDims.Length == 0
            ? DataColumn.FromArray(Scored(view)[i])
            : DataColumn.FromVectors(Scored(view)[i], o.RowDims)));
    }

    /// <summary>The binding for a schema; the last one is cached because binding may run the model once.</summary>
    private OnnxBinding Bind(DataViewSchema inputSchema)
    {
        var shape = SchemaShape.Create(inputSchema);
        string key = shape.ToString();
        if (_lastBinding is { } last && last.Item1 == key)
        {
            return last.Item2;
        }

        var binding = OnnxBinding.Create(_model, Options, shape);
        _lastBinding = Tuple.Create(key, binding);
        return binding;
    }

    /// <summary>Stores the options and the model bytes (as little-endian int32 words, the last one zero-padded,
    /// plus the byte count: model files hold numeric arrays only).</summary>
    public override void Save(ModelSaveContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetOptions(Options);
        var bytes = _model.Bytes;
        var words = new int[(bytes.Length + 3) / 4];
        bytes.CopyTo(MemoryMarshal.AsBytes(words.AsSpan()));
        context.AddTensor("onnx_model", words, words.Length);
        context.AddTensor("onnx_model_bytes", [(long)bytes.Length], 1);
    }

    [ModelLoader(Kind)]
    internal static ITransformer Load(ModelLoadContext context)
    {
        var options = context.GetOptions<OnnxOptions>().Validate();
        var words = context.GetInt32s("onnx_model");
        long length = context.GetInt64s("onnx_model_bytes") is [var n] ? n : -1;
        if (length < 0 || length > (long)words.Length * 4 || length <= ((long)words.Length - 1) * 4)
        {
            throw context.Error($"the embedded ONNX model declares {length} bytes but holds {words.Length} int32 words.");
        }

        var bytes = MemoryMarshal.AsBytes(words.AsSpan())[..(int)length].ToArray();
        try
        {
            return new OnnxTransformer(options, OnnxScoringModel.FromBytes(bytes, $"'{options.ModelFile}' embedded in {context.Source}"));
        }
        catch (Exception e) when (e is InvalidDataException or OnnxUnsupportedException)
        {
            throw context.Error($"the embedded ONNX model cannot be loaded: {e.Message}", e);
        }
    }
}
