using MlNetDl.Onnx;
using MlNetDl.Pipelines;
using MlNetDl.Tensors;

namespace MlNetDl.Transforms.Onnx;

/// <summary>An input column bound to a model input: the per-row tensor shape it is reshaped to.</summary>
internal sealed record BoundInput(string Column, string Tensor, int[] RowDims, bool Scalar)
{
    public int RowSize => RowDims.Aggregate(1, (a, b) => a * b);
}

/// <summary>An output column bound to a model output; empty <see cref="RowDims"/> means one Single per row.</summary>
internal sealed record BoundOutput(string Column, string Tensor, int[] RowDims)
{
    public int RowSize => RowDims.Aggregate(1, (a, b) => a * b);

    public DataViewType Type => RowDims.Length == 0 ? NumberDataViewType.Single : new VectorDataViewType(NumberDataViewType.Single, RowDims);
}

/// <summary>
/// How a schema's columns meet a model's tensors. Each input's declared dims decide how rows become a batch:
/// a symbolic (or undeclared) first dim is a dynamic batch of up to BatchSize rows; a fixed first dim k whose
/// remaining dims hold one row means batches of exactly k (the last one zero-padded); dims holding one row as a
/// whole mean no batch axis (one row per run, outputs taken whole). Output row shapes come from the declared dims
/// when they are all known, otherwise from one run on zeros.
/// </summary>
internal sealed class OnnxBinding
{
    private OnnxBinding(BoundInput[] inputs, BoundOutput[] outputs, int runBatch, bool batchAxis, bool padded)
    {
        Inputs = inputs;
        Outputs = outputs;
        RunBatch = runBatch;
        HasBatchAxis = batchAxis;
        Padded = padded;
    }

    public BoundInput[] Inputs { get; }

    public BoundOutput[] Outputs { get; }

    /// <summary>Rows per model run.</summary>
    public int RunBatch { get; }

    /// <summary>False when the model takes one row without a batch dimension.</summary>
    public bool HasBatchAxis { get; }

    /// <summary>True when the model's batch size is fixed, so a short last batch is padded with zeros.</summary>
    public bool Padded { get; }

    /// <exception cref="SchemaMismatchException">An input column is missing, not Single/Vector&lt;Single&gt;, or of
    /// a size that does not fit its tensor (the message names the column, the expected and the actual type).</exception>
    /// <exception cref="ArgumentException">Inputs that disagree on the batch layout, or an output that is not Float32.</exception>
    public static OnnxBinding Create(OnnxScoringModel model, OnnxOptions options, SchemaShape schema)
    {
        var columns = options.InputColumns ?? [.. model.Model.Inputs.Select(i => i.Name)];
        var layouts = columns.Select(c => BindInput(model, options, schema, c)).ToArray();
        var fixedBatches = layouts.Where(l => l.Fixed is not null).Select(l => l.Fixed!.Value).Distinct().ToArray();
        bool noAxis = layouts.Any(l => !l.Axis);
        if (fixedBatches.Length > 1 || (noAxis && fixedBatches.Any(k => k != 1)))
        {
            throw new ArgumentException($"{Owner(model)}: the model's inputs disagree on the batch size ({string.Join("; ", model.Model.Inputs)}); " +
                "only models whose inputs share one batch layout can be applied to columns.");
        }

        int runBatch = noAxis ? 1 : fixedBatches.Length == 1 ? fixedBatches[0] : options.BatchSize;
        var inputs = layouts.Select(l => l.Input).ToArray();
        bool padded = fixedBatches.Length == 1 && !noAxis;
        var outputs = BindOutputs(model, options, inputs, runBatch, !noAxis);
        return new OnnxBinding(inputs, outputs, runBatch, !noAxis, padded);
    }

    /// <summary>A batch of <paramref name="rows"/> rows of an input: [rows, ...RowDims], or RowDims alone without a batch axis.</summary>
    public int[] BatchShape(BoundInput input, int rows) => HasBatchAxis ? [rows, .. input.RowDims] : input.RowDims;

    private static string Owner(OnnxScoringModel model) => $"{OnnxOptions.Owner} ('{model.Source}')";

    private static (BoundInput Input, int? Fixed, bool Axis) BindInput(OnnxScoringModel model, OnnxOptions options, SchemaShape schema, string column)
    {
        var info = model.FindInput(options.InputTensor(column));
        if (info.DType is not (null or DType.Float32))
        {
            throw new ArgumentException($"{Owner(model)}: model input '{info.Name}' is {info.DType}; only Float32 inputs can be fed from columns ({info}).");
        }

        string expected = ExpectedType(info);
        string where = $"{OnnxOptions.Owner} (model input {info})";
        var found = new ColumnRequirement(expected, c => c.ItemType == NumberDataViewType.Single && c.Kind != SchemaShape.VectorKind.VariableVector)
            .Check(schema, where, column);
        bool scalar = found.Kind == SchemaShape.VectorKind.Scalar;
        int[] columnDims = scalar ? [1] : [.. found.Dimensions];
        int size = columnDims.Aggregate(1, (a, b) => a * b);
        var dims = info.Dims;
        SchemaMismatchException Mismatch() => new(where, column, expected, found.TypeName, schema.AvailableNames());

        if (dims is null)
        {
            return (new BoundInput(column, info.Name, columnDims, scalar), null, true);
        }

        var rest = dims.Skip(1).ToArray();
        if (dims.Count > 0 && dims[0] is null)
        {
            var rowDims = FillRow(rest, columnDims, size) ?? throw Mismatch();
            return (new BoundInput(column, info.Name, rowDims, scalar), null, true);
        }

        if (dims.All(d => d is not null))
        {
            var known = dims.Select(d => checked((int)d!.Value)).ToArray();
            if (known.Length > 0 && known[1..].Aggregate(1L, (a, b) => a * b) == size)
            {
                return (new BoundInput(column, info.Name, known[1..], scalar), known[0], true);
            }

            if (known.Aggregate(1L, (a, b) => a * b) == size)
            {
                return (new BoundInput(column, info.Name, known, scalar), null, false);
            }
        }

        throw Mismatch();
    }

    /// <summary>The per-row dims: the declared ones when all known and of the column's size; otherwise the
    /// column's own dims when they agree with every known dim; otherwise one unknown dim solved from the size.</summary>
    private static int[]? FillRow(long?[] rest, int[] columnDims, int size)
    {
        if (rest.All(d => d is not null))
        {
            var known = rest.Select(d => checked((int)d!.Value)).ToArray();
            return known.Aggregate(1L, (a, b) => a * b) == size ? known : null;
        }

        if (columnDims.Length == rest.Length && rest.Zip(columnDims).All(p => p.First is null || p.First == p.Second))
        {
            return columnDims;
        }

        long product = rest.Where(d => d is not null).Aggregate(1L, (a, d) => a * d!.Value);
        if (rest.Count(d => d is null) == 1 && product > 0 && size % product == 0)
        {
            return rest.Select(d => d is null ? (int)(size / product) : (int)d.Value).ToArray();
        }

        return null;
    }

    /// <summary>How messages describe the column an input wants, e.g. "Vector&lt;Single, 3, 224, 224&gt;".</summary>
    private static string ExpectedType(OnnxValueInfo info)
    {
        if (info.Dims is null)
        {
            return "Single or Vector<Single>";
        }

        // The first dim is the batch, except for a lone fixed dim (a model without a batch axis).
        var row = info.Dims.Count > 1 || (info.Dims.Count == 1 && info.Dims[0] is null) ? info.Dims.Skip(1) : info.Dims;
        var text = row.Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?").ToArray();
        return text.Length == 0 ? "Single" : $"Vector<Single, {string.Join(", ", text)}>";
    }

    private static BoundOutput[] BindOutputs(OnnxScoringModel model, OnnxOptions options, BoundInput[] inputs, int runBatch, bool axis)
    {
        var columns = options.OutputColumns ?? [.. model.Model.Outputs.Select(o => o.Name)];
        var infos = columns.Select(c => model.FindOutput(options.OutputTensor(c))).ToArray();
        foreach (var info in infos.Where(i => i.DType is not (null or DType.Float32)))
        {
            throw new ArgumentException($"{Owner(model)}: model output '{info.Name}' is {info.DType}; only Float32 outputs can become columns ({info}).");
        }

        var rows = infos.Select(i => DeclaredRow(i, runBatch, axis)).ToArray();
        if (rows.Any(r => r is null))
        {
            var probed = model.ProbeShapes(inputs.ToDictionary(i => i.Tensor, i => axis ? [runBatch, .. i.RowDims] : i.RowDims));
            for (int i = 0; i < rows.Length; i++)
            {
                var shape = probed[infos[i].Name];
                if (axis && (shape.Length == 0 || shape[0] != runBatch))
                {
                    throw new ArgumentException($"{Owner(model)}: model output '{infos[i].Name}' has shape [{string.Join(", ", shape)}] for a batch of " +
                        $"{runBatch} rows; its first dimension must be the batch.");
                }

                rows[i] ??= axis ? shape[1..] : shape;
            }
        }

        return columns.Select((c, i) => new BoundOutput(c, infos[i].Name, rows[i]!)).ToArray();
    }

    private static int[]? DeclaredRow(OnnxValueInfo info, int runBatch, bool axis)
    {
        if (info.Dims is null || info.Dims.Skip(axis ? 1 : 0).Any(d => d is null))
        {
            return null;
        }

        if (axis && (info.Dims.Count == 0 || (info.Dims[0] is long b && b != runBatch)))
        {
            return null;
        }

        return info.Dims.Skip(axis ? 1 : 0).Select(d => checked((int)d!.Value)).ToArray();
    }
}
