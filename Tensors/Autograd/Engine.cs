using System.Numerics.Tensors;

namespace MlNetDl.Tensors.Autograd;

/// <summary>Reverse-mode differentiation: a topological sort of the graph below the root and one reverse walk,
/// accumulating gradients per node and into <see cref="Tensor.Grad"/> of leaves that require grad.</summary>
internal static class Engine
{
    public static void Backward(Tensor root, Tensor? gradient, bool retainGraph)
    {
        if (!root.RequiresGrad)
        {
            throw new InvalidOperationException(
                $"Backward: the tensor of shape {root.Shape} does not require grad and has no GradFn (was it computed under NoGrad, or from tensors without RequiresGrad?).");
        }

        if (gradient is null)
        {
            if (root.Numel != 1)
            {
                throw new InvalidOperationException(
                    $"Backward: a gradient can be created implicitly only for scalar outputs; this output has shape {root.Shape}. Pass the output gradient explicitly.");
            }

            gradient = Tensor.OnesLike(root);
        }
        else if (gradient.Shape != root.Shape)
        {
            throw new ArgumentException(
                $"Backward: the gradient's shape {gradient.Shape} does not match the output's shape {root.Shape}.", nameof(gradient));
        }

        using var noGrad = GradMode.NoGrad();
        if (root.GradFn is null)
        {
            AccumulateLeaf(root, gradient);
            return;
        }

        var order = TopologicalOrder(root.GradFn);
        var grads = new Dictionary<Function, Tensor>(ReferenceEqualityComparer.Instance) { [root.GradFn] = gradient };
        for (int n = order.Count - 1; n >= 0; n--)
        {
            var fn = order[n];
            if (!grads.Remove(fn, out var g))
            {
                continue;
            }

            var inputGrads = fn.Backward(g);
            if (!retainGraph)
            {
                fn.Release();
            }

            var inputs = fn.Inputs;
            for (int i = 0; i < inputs.Count; i++)
            {
                var input = inputs[i];
                var gi = i < inputGrads.Length ? inputGrads[i] : null;
                if (gi is null || !input.RequiresGrad)
                {
                    continue;
                }

                if (gi.Shape != input.Shape)
                {
                    throw new InvalidOperationException(
                        $"Backward of '{fn.Name}' returned a gradient of shape {gi.Shape} for input {i} of shape {input.Shape}.");
                }

                if (input.GradFn is { } producer)
                {
                    grads[producer] = grads.TryGetValue(producer, out var acc) ? Add(acc, gi) : gi;
                }
                else
                {
                    AccumulateLeaf(input, gi);
                }
            }
        }
    }

    private static Tensor Add(Tensor a, Tensor b)
    {
        var r = Tensor.Empty(a.Shape);
        TensorPrimitives.Add(a.F, b.F, r.F);
        return r;
    }

    /// <summary>Leaf gradients outlive any scope: they are created unscoped and updated in place.</summary>
    private static void AccumulateLeaf(Tensor leaf, Tensor g)
    {
        if (leaf.Grad is null || leaf.Grad.IsDisposed)
        {
            using var unscoped = TensorScope.Suspend();
            var copy = Tensor.Empty(leaf.Shape);
            g.F.CopyTo(copy.F);
            leaf.Grad = copy;
        }
        else
        {
            var acc = leaf.Grad.AsWritableSpan<float>();
            TensorPrimitives.Add(acc, g.F, acc);
        }
    }

    /// <summary>Functions reachable from <paramref name="root"/>, each after all functions it depends on
    /// (iterative DFS so deep graphs cannot overflow the stack).</summary>
    private static List<Function> TopologicalOrder(Function root)
    {
        var order = new List<Function>();
        var visited = new HashSet<Function>(ReferenceEqualityComparer.Instance) { root };
        var stack = new Stack<(Function Fn, int Next)>();
        stack.Push((root, 0));
        while (stack.Count > 0)
        {
            var (fn, next) = stack.Pop();
            var inputs = fn.Inputs;
            if (next < inputs.Count)
            {
                stack.Push((fn, next + 1));
                if (inputs[next].GradFn is { } child && visited.Add(child))
                {
                    stack.Push((child, 0));
                }
            }
            else
            {
                order.Add(fn);
            }
        }

        return order;
    }
}
