using MlNetDl.Tensors.Autograd;

namespace MlNetDl.Tensors;

public sealed partial class Tensor
{
    /// <summary>Computes gradients of this tensor with respect to every leaf that requires grad and adds them to
    /// the leaves' <see cref="Grad"/>. A non-scalar output needs an explicit <paramref name="gradient"/> of its
    /// shape. The graph's saved tensors are freed unless <paramref name="retainGraph"/>.</summary>
    public void Backward(Tensor? gradient = null, bool retainGraph = false) => Engine.Backward(this, gradient, retainGraph);

    /// <summary>A leaf sharing this tensor's storage, cut from the graph.</summary>
    public Tensor Detach()
    {
        ThrowIfDisposed();
        Storage.AddRef();
        return new Tensor(Storage, Offset, Shape, DType);
    }

    /// <summary>Disables gradient recording on this thread until disposed (<c>torch.no_grad()</c>).</summary>
    public static GradMode.Restorer NoGrad() => GradMode.NoGrad();
}
