using MlNetDl.Tensors.Nn;

namespace MlNetDl.Tensors;

/// <summary>Activation methods on tensors (PyTorch's <c>x.relu()</c>, <c>x.softmax(dim)</c>); see <see cref="Functional"/>.</summary>
public sealed partial class Tensor
{
    public Tensor Relu() => Functional.Relu(this);

    public Tensor Sigmoid() => Functional.Sigmoid(this);

    public Tensor Tanh() => Functional.Tanh(this);

    public Tensor Softmax(int dim) => Functional.Softmax(this, dim);

    public Tensor LogSoftmax(int dim) => Functional.LogSoftmax(this, dim);
}
