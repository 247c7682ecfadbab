using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace MlNetDl.Onnx;

/// <summary>A model file mapped read-only into memory and exposed as one <see cref="ReadOnlySequence{T}"/>.
/// Protobuf parses a sequence of known length by allocating each large field once; from a stream it reads large
/// fields (the weights) in chunks and copies them again, which made loading ResNet-50 allocate 3× the file.</summary>
internal sealed unsafe class MappedModelFile : MemoryManager<byte>
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _pointer;
    private readonly int _length;

    /// <param name="path">The model file.</param>
    /// <param name="length">Its length, 1 to int.MaxValue bytes.</param>
    public MappedModelFile(string path, long length)
    {
        _length = checked((int)length);
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        try
        {
            _view = _file.CreateViewAccessor(0, length, MemoryMappedFileAccess.Read);
            byte* p = null;
            _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            _pointer = p + _view.PointerOffset;
        }
        catch
        {
            _view?.Dispose();
            _file.Dispose();
            throw;
        }
    }

    public ReadOnlySequence<byte> Sequence => new(Memory);

    public override Span<byte> GetSpan() => new(_pointer, _length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(_pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
