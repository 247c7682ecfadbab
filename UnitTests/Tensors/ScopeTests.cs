using MlNetDl.Tensors;

namespace MlNetDl.UnitTests.Tensors;

/// <summary>Runs alone: the tensor pool is process-wide, so tests running in parallel would take and return the
/// same buffers and make the allocation measurement meaningless.</summary>
[CollectionDefinition(nameof(ScopeTests), DisableParallelization = true)]
public sealed class PoolSensitiveCollection;

[Collection(nameof(ScopeTests))]
public class ScopeTests
{
    [Fact]
    public void ScopeDisposesTensorsCreatedInsideUnlessKept()
    {
        Tensor inner, kept;
        using (var scope = TensorScope.Begin())
        {
            inner = Tensor.Ones(4, 100);
            kept = scope.Keep(Tensor.Ones(4, 100) * 2f);
            Assert.True(scope.Count >= 1);
        }

        Assert.True(inner.IsDisposed);
        Assert.False(kept.IsDisposed);
        var ex = Assert.Throws<ObjectDisposedException>(() => inner.ToFloatArray());
        Assert.Contains("[4, 100]", ex.Message);
        Assert.Equal(2f, kept.ToFloatArray()[0]);
    }

    [Fact]
    public void ViewsKeepStorageAliveUntilTheyAreDisposedToo()
    {
        var x = Tensor.Arange(1000);
        var v = x.Reshape(10, 100);
        x.Dispose();
        Assert.Equal(999f, v.ToFloatArray()[999]);
        Assert.Throws<ObjectDisposedException>(() => x.Sum());
    }

    [Fact]
    public void SuspendedRegionsCreateLongLivedTensors()
    {
        Tensor state;
        using (TensorScope.Begin())
        {
            using (TensorScope.Suspend())
            {
                state = Tensor.Zeros(300);
            }
        }

        Assert.False(state.IsDisposed);
    }

    [Fact]
    public void LeafGradientsSurviveTheStepScope()
    {
        var w = Tensor.Ones(512).RequiresGradInPlace();
        for (int step = 0; step < 3; step++)
        {
            using var scope = TensorScope.Begin();
            (w * w).Sum().Backward();
        }

        Assert.False(w.Grad!.IsDisposed);
        Assert.Equal(6f, w.Grad.ToFloatArray()[0]);
    }

    [Fact]
    public void SteadyStateStepReusesPooledStorage()
    {
        TensorPool.Clear(); // start empty so the reuse measured is this test's own
        var w = Tensor.Randn([256, 256], new Generator(1)).RequiresGradInPlace();
        var x = Tensor.Randn([64, 256], new Generator(2));
        void Step()
        {
            using var scope = TensorScope.Begin();
            var y = x.MatMul(w);
            (y * y).Mean().Backward();
        }

        for (int i = 0; i < 3; i++)
        {
            Step();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            Step();
        }

        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 10;
        long activations = (64 * 256 * 3 + 256 * 256) * sizeof(float);
        Assert.True(perStep < activations / 10, $"a pooled step allocated {perStep} bytes; activations are {activations} bytes");
    }
}
