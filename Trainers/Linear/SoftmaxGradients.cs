using MlNetDl.Tensors;
using MlNetDl.Tensors.Kernels;
using F = MlNetDl.Tensors.Nn.Functional;

namespace MlNetDl.Trainers.Linear;

/// <summary>How <see cref="SoftmaxRegressionTrainer"/> gets its gradient: the derived closed form with SGEMM, or
/// the engine's autograd (MatMul + CrossEntropy + Backward); both give the same numbers to rounding.</summary>
public enum SoftmaxGradientMode
{
    Derived,
    Autograd,
}

/// <summary>
/// Loss and gradient of softmax regression on one batch: L = mean_i(−log softmax(x_i W + b)[y_i]) + λ/2·‖W‖²,
/// ∇W = Xᵀ(P − Y)/m + λW, ∇b = colsum(P − Y)/m, with X [m × d], W [d × K], P the row softmax, Y one-hot.
/// </summary>
internal static class SoftmaxGradients
{
    /// <summary>The derived gradient with W and ∇W as [d × K] (see <see cref="DerivedTransposed"/>, which the
    /// trainer calls with them held as [K × d]). <paramref name="scratch"/> holds at least m·K floats.
    /// Returns the batch loss and the correct predictions.</summary>
    public static (double Loss, int Correct) Derived(ReadOnlySpan<float> x, ReadOnlySpan<int> y, int m, int d, int k,
        float[] w, float[] b, float l2, Span<float> gradW, Span<float> gradB, Span<float> scratch)
    {
        var wt = Transpose(w, d, k);
        var gradWt = new float[d * k];
        var result = DerivedTransposed(x, y, m, d, k, wt, b, l2, gradWt, gradB, scratch);
        Transpose(gradWt, k, d).CopyTo(gradW);
        return result;
    }

    /// <summary>[rows × cols] row-major → [cols × rows].</summary>
    internal static float[] Transpose(ReadOnlySpan<float> a, int rows, int cols)
    {
        var t = new float[a.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    /// <summary>The derived gradient, W and ∇W as [K × d]: logits and Gᵀ·X by <see cref="FewClassProducts"/> when
    /// K ≤ 32 and 512-bit vectors are accelerated (else by <see cref="Sgemm"/>), max-shifted softmax in double.</summary>
    public static (double Loss, int Correct) DerivedTransposed(ReadOnlySpan<float> x, ReadOnlySpan<int> y, int m, int d, int k,
        float[] wt, float[] b, float l2, Span<float> gradWt, Span<float> gradB, Span<float> scratch)
    {
        var logits = scratch[..(m * k)];
        bool few = k <= 32 && System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated;
        if (few)
        {
            FewClassProducts.Logits(x, m, d, wt, k, logits);
        }
        else
        {
            Sgemm.Multiply(false, true, m, k, d, 1f, x, d, wt, d, 0f, logits, k);
        }
        double loss = 0;
        int correct = 0;
        gradB.Clear();
        Span<double> exp = k <= 256 ? stackalloc double[k] : new double[k];
        for (int i = 0; i < m; i++)
        {
            var row = logits.Slice(i * k, k);
            float max = float.NegativeInfinity;
            int argmax = 0;
            for (int c = 0; c < k; c++)
            {
                row[c] += b[c];
                if (row[c] > max) { max = row[c]; argmax = c; }
            }
            double sum = 0;
            for (int c = 0; c < k; c++) { exp[c] = Math.Exp(row[c] - max); sum += exp[c]; }
            loss += Math.Log(sum) - (row[y[i]] - max);
            correct += argmax == y[i] ? 1 : 0;
            // Row i of G = (P − Y)/m, in place of the logits.
            for (int c = 0; c < k; c++)
            {
                row[c] = (float)((exp[c] / sum - (c == y[i] ? 1 : 0)) / m);
                gradB[c] += row[c];
            }
        }
        if (few)
        {
            FewClassProducts.WeightGradient(logits, x, m, d, k, gradWt);
        }
        else
        {
            Sgemm.Multiply(true, false, k, d, m, 1f, logits, k, x, d, 0f, gradWt, d);
        }
        double penalty = 0;
        if (l2 != 0)
        {
            for (int j = 0; j < gradWt.Length; j++)
            {
                gradWt[j] += l2 * wt[j];
                penalty += (double)wt[j] * wt[j];
            }
        }
        return (loss / m + l2 / 2 * penalty, correct);
    }

    /// <summary>The same loss and gradients through engine tensors and autograd.</summary>
    public static double Autograd(ReadOnlySpan<float> x, ReadOnlySpan<int> y, int m, int d, int k,
        float[] w, float[] b, float l2, Span<float> gradW, Span<float> gradB)
    {
        using var scope = TensorScope.Begin();
        var labels = new long[m];
        for (int i = 0; i < m; i++) { labels[i] = y[i]; }
        var xt = Tensor.From<float>(x[..(m * d)], new Shape([m, d]));
        var wt = Tensor.FromArray(w, d, k).RequiresGradInPlace();
        var bt = Tensor.FromArray(b, k).RequiresGradInPlace();
        var loss = F.CrossEntropy(xt.MatMul(wt) + bt, Tensor.FromArray(labels, m));
        if (l2 != 0)
        {
            loss += (wt * wt).Sum() * (l2 / 2);
        }
        loss.Backward();
        wt.Grad!.AsReadOnlySpan<float>().CopyTo(gradW);
        bt.Grad!.AsReadOnlySpan<float>().CopyTo(gradB);
        return loss.Item();
    }
}
