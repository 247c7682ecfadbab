using System.Runtime.InteropServices;
using MlNetDl.Pipelines;
using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Pipelines;

/// <summary>A 60,000 × 784 set (MNIST's size) is served in batches without copying the set.</summary>
public class MnistScaleBatchTests
{
    [Fact]
    public void FullPassesAllocateFarLessThanTheDataSet()
    {
        const int rows = 60_000, size = 784, batch = 64;
        var pixels = new float[rows * size];
        pixels[^1] = 1f;
        var labels = new long[rows];
        var data = new DataViewBuilder().AddVector("Features", pixels, 1, 28, 28).AddKey("Label", labels, 10).Build();
        long setBytes = (long)rows * size * sizeof(float);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int batches = 0;
        float last = 0;
        foreach (var b in data.GetBatches(batch, "Features", "Label"))
        {
            using var scope = TensorScope.Begin();
            var x = b.GetTensor("Features");
            last = x.AsReadOnlySpan<float>()[^1];
            batches++;
        }
        long sequential = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal((rows + batch - 1) / batch, batches);
        Assert.Equal(1f, last);
        Assert.True(sequential < setBytes / 20, $"sequential pass allocated {sequential} bytes for a {setBytes}-byte set");

        before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var b in data.GetBatches(new BatchOptions { BatchSize = batch, Shuffle = true, Seed = 1 }, "Features", "Label"))
        {
            Assert.True(MemoryMarshal.TryGetArray(b.GetVector("Features"), out var segment));
            Assert.Equal(batch * size, segment.Array!.Length); // one reused batch buffer
        }
        long shuffled = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(shuffled < setBytes / 20, $"shuffled pass allocated {shuffled} bytes for a {setBytes}-byte set");
    }
}
