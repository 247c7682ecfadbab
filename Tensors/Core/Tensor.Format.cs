using System.Globalization;
using System.Text;

namespace MlNetDl.Tensors;

public sealed partial class Tensor
{
    private const int SummarizeThreshold = 1000;
    private const int EdgeItems = 3;

    /// <summary>Prints like PyTorch for small tensors: <c>tensor([[1., 2.], [3., 4.]], requires_grad=True)</c>;
    /// tensors over 1000 elements show the first and last three entries of each dimension.</summary>
    public override string ToString()
    {
        if (IsDisposed)
        {
            return $"tensor(<disposed>, shape={Shape})";
        }

        var sb = new StringBuilder("tensor(");
        var texts = FormatElements(out int width);
        int index = 0;
        bool summarize = Numel > SummarizeThreshold;
        Append(sb, 0, ref index, texts, width, summarize, indent: 7);
        if (DType == DType.Int32)
        {
            sb.Append(", dtype=torch.int32");
        }
        else if (DType == DType.Bool)
        {
            sb.Append(", dtype=torch.bool");
        }

        if (GradFn is not null)
        {
            sb.Append($", grad_fn={GradFn})");
        }
        else if (RequiresGrad)
        {
            sb.Append(", requires_grad=True)");
        }
        else
        {
            sb.Append(')');
        }

        return sb.ToString();
    }

    private string[] FormatElements(out int width)
    {
        string[] texts;
        switch (DType)
        {
            case DType.Float32:
                var f = AsReadOnlySpan<float>();
                bool integral = true;
                float maxAbs = 0, minAbs = float.PositiveInfinity;
                foreach (var v in f)
                {
                    integral &= !float.IsFinite(v) || v == MathF.Round(v);
                    float a = Math.Abs(v);
                    if (float.IsFinite(v) && a > 0)
                    {
                        maxAbs = Math.Max(maxAbs, a);
                        minAbs = Math.Min(minAbs, a);
                    }
                }

                // PyTorch's _Formatter: scientific when the dynamic range exceeds 1000, or values are huge or tiny.
                bool sci = maxAbs > 0 && (maxAbs / minAbs > 1000 || maxAbs > 1e8f || (!integral && minAbs < 1e-4f));
                texts = new string[f.Length];
                for (int i = 0; i < f.Length; i++)
                {
                    texts[i] = FormatFloat(f[i], integral, sci);
                }

                break;
            case DType.Int64: texts = ToStrings(AsReadOnlySpan<long>()); break;
            case DType.Int32: texts = ToStrings(AsReadOnlySpan<int>()); break;
            default:
                var b = AsReadOnlySpan<bool>();
                texts = new string[b.Length];
                for (int i = 0; i < b.Length; i++)
                {
                    texts[i] = b[i] ? "True" : "False";
                }

                break;
        }

        // Like PyTorch, column width comes from the finite values; nan/inf are padded to it, never widen it.
        var finite = texts.Where(t => t is not ("nan" or "inf" or "-inf")).ToList();
        width = (finite.Count > 0 ? finite : [.. texts]).Select(t => t.Length).DefaultIfEmpty(0).Max();
        return texts;
    }

    private static string[] ToStrings<T>(ReadOnlySpan<T> s)
        where T : IFormattable
    {
        var r = new string[s.Length];
        for (int i = 0; i < s.Length; i++)
        {
            r[i] = s[i].ToString(null, CultureInfo.InvariantCulture);
        }

        return r;
    }

    private static string FormatFloat(float v, bool integral, bool sci)
    {
        if (float.IsNaN(v))
        {
            return "nan";
        }

        if (float.IsInfinity(v))
        {
            return v > 0 ? "inf" : "-inf";
        }

        if (integral && !sci)
        {
            return v.ToString("0", CultureInfo.InvariantCulture) + ".";
        }

        return sci ? v.ToString("0.0000e+00", CultureInfo.InvariantCulture) : v.ToString("0.0000", CultureInfo.InvariantCulture);
    }

    private void Append(StringBuilder sb, int dim, ref int index, string[] texts, int width, bool summarize, int indent)
    {
        if (Rank == 0)
        {
            sb.Append(texts[0]);
            return;
        }

        int n = Size(dim);
        sb.Append('[');
        int stride = 1;
        for (int d = dim + 1; d < Rank; d++)
        {
            stride *= Size(d);
        }

        int start = index;
        for (int i = 0; i < n; i++)
        {
            if (summarize && n > 2 * EdgeItems && i == EdgeItems)
            {
                sb.Append(dim == Rank - 1 ? "..., " : "...,\n" + new string(' ', indent + dim + 1));
                i = n - EdgeItems;
            }

            index = start + i * stride;
            if (dim == Rank - 1)
            {
                sb.Append(texts[index].PadLeft(width));
            }
            else
            {
                Append(sb, dim + 1, ref index, texts, width, summarize, indent);
            }

            if (i < n - 1)
            {
                sb.Append(dim == Rank - 1 ? ", " : "," + new string('\n', Rank - dim - 1) + new string(' ', indent + dim + 1));
            }
        }

        sb.Append(']');
    }
}
