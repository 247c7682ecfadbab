namespace MlNetDl.Tensors;

public sealed partial class Tensor
{
    /// <summary>The float elements as <see cref="Memory{T}"/>: unlike a span it can be handed to worker threads, which
    /// the plane-parallel kernels (pooling, batch norm) need.</summary>
    internal Memory<float> FMemory
    {
        get
        {
            ThrowIfDisposed();
            if (Storage.Data is not float[] array)
            {
                throw new InvalidOperationException($"Tensor of shape {Shape} is {DType.TorchName()}, not Single.");
            }

            return array.AsMemory(Offset, Numel);
        }
    }
}
