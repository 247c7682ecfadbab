namespace MlNetDl.Tensors;

/// <summary>The array behind one or more tensors (views share it). Reference counted so that a view's
/// disposal never returns memory another live tensor still reads; the version counter lets autograd detect
/// in-place changes to tensors saved for backward (shared by views, as in PyTorch).</summary>
internal sealed class Storage
{
    private int _refCount = 1;

    public Storage(Array data, bool pooled)
    {
        Data = data;
        Pooled = pooled;
    }

    public Array Data { get; private set; }

    public bool Pooled { get; }

    public int Version;

    public bool IsReleased => _refCount <= 0;

    public void AddRef() => Interlocked.Increment(ref _refCount);

    public void Release()
    {
        if (Interlocked.Decrement(ref _refCount) == 0 && Pooled && Data is float[] f)
        {
            TensorPool.Return(f);
        }
    }
}
