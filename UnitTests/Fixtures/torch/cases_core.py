"""PyTorch references for the core tensor ops: one entry per OpCase in Tensors/Ops/{Arithmetic,Pointwise,PowTensor,
Reductions,MinReduction,ShapeOps,Narrow,Concat,IndexSelect,Clamp,Where,MatMul}.cs, same names, shapes and value ranges.
Indices and masks that the C# case builds inside its function (Tensor.FromArray) are constants of the lambda here."""
import torch

from spec import Away, T, case

CASES = {
    # Arithmetic.cs
    "add": case(lambda a, b: a + b, T(3, 4), T(3, 4)),
    "add_broadcast": case(lambda a, b: a + b, T(2, 3, 4), T(3, 1)),
    "sub_broadcast": case(lambda a, b: a - b, T(4), T(3, 4)),
    "mul": case(lambda a, b: a * b, T(5), T(5)),
    "mul_broadcast": case(lambda a, b: a * b, T(2, 1, 4), T(3, 1)),
    "div_broadcast": case(lambda a, b: a / b, T(2, 3), T(3, low=0.5, high=2.0)),
    # Pointwise.cs
    "exp": case(torch.exp, T(3, 4)),
    "log": case(torch.log, T(3, 4, low=0.5, high=2.0)),
    "sqrt": case(torch.sqrt, T(6, low=0.5, high=2.0)),
    "abs": case(torch.abs, Away(4)),
    "sign": case(torch.sign, Away(4)),
    "affine": case(lambda a: a * 3 + 0.5, T(2, 3)),
    "neg": case(lambda a: -a, T(3)),
    "rsub_scalar": case(lambda a: 1 - a / 4, T(3)),
    "pow_scalar": case(lambda a: a.pow(3), T(5)),
    "pow_fractional": case(lambda a: a.pow(1.5), T(5, low=0.5, high=2.0)),
    # PowTensor.cs
    "pow_tensor_broadcast": case(torch.pow, T(2, 3, low=0.5, high=2.0), T(3, low=-1.5, high=1.5)),
    # Clamp.cs
    "clamp": case(lambda a: a.clamp(-0.5, 0.4), T(4, 5)),
    "clamp_min": case(lambda a: a.clamp(min=0.1), T(7)),
    "clamp_max": case(lambda a: a.clamp(max=-0.2), T(7)),
    "maximum_broadcast": case(torch.maximum, T(3, 4), T(4)),
    "minimum": case(torch.minimum, T(5), T(5)),
    "max_other": case(lambda a, b: torch.max(a, b) + torch.min(a, b), T(2, 1), T(1, 3)),
    # Where.cs
    "where_broadcast": case(lambda a, b: torch.where(a > 0, a, b), Away(3, 4), Away(4)),
    "masked_fill": case(lambda a: a.masked_fill(torch.tensor([True, False, True]), -2.0), T(2, 3)),
    # Reductions.cs
    "sum_all": case(lambda a: a.sum(), T(3, 4)),
    "sum_dim_keepdim": case(lambda a: a.sum(1, keepdim=True), T(2, 3, 4)),
    "sum_dims": case(lambda a: a.sum((0, 2)), T(2, 3, 4)),
    "mean_dim": case(lambda a: a.mean(-1), T(3, 5)),
    "var_dim": case(lambda a: a.var(1), T(3, 5)),
    "std_all": case(lambda a: a.std(), T(7)),
    "expand": case(lambda a: a.expand(2, 3, 4), T(3, 1)),
    "max_dim": case(lambda a: a.max(1).values, T(3, 4, 2)),
    "max_dim_keepdim": case(lambda a: a.max(-1, keepdim=True).values, T(3, 5)),
    "max_all": case(lambda a: a.max(), T(6)),
    # MinReduction.cs
    "min_dim": case(lambda a: a.min(0).values, T(3, 4)),
    "min_dim_keepdim": case(lambda a: a.min(-1, keepdim=True).values, T(2, 3, 5)),
    "min_all": case(lambda a: a.min(), T(6)),
    # ShapeOps.cs
    "reshape": case(lambda a, b: a.reshape(4, -1) * b, T(2, 3, 2), T(4, 3)),
    "permute": case(lambda a, b: a.permute(2, 0, 1) * b, T(2, 3, 4), T(4, 2, 3)),
    "transpose": case(lambda a, b: a.transpose(0, 1) * b, T(2, 3), T(3, 2)),
    # Narrow.cs
    "narrow_dim0_view": case(lambda a: a.narrow(0, 1, 2) * 2, T(4, 3)),
    "narrow_inner_copy": case(lambda a: a.narrow(-1, 1, 2), T(2, 3, 4)),
    "slice_batch": case(lambda a: a[-3:100], T(5, 2)),
    "select": case(lambda a: a.select(1, -1), T(2, 3, 2)),
    "squeeze_unsqueeze": case(lambda a, b: a.squeeze().unsqueeze(-1) * b, T(2, 1, 3), T(2, 3, 1)),
    # Concat.cs
    "cat_dim1": case(lambda a, b, c: torch.cat([a, b, c], 1), T(2, 1, 3), T(2, 3, 3), T(2, 2, 3)),
    "cat_dim0": case(lambda a, b: torch.cat([a, b], 0), T(1, 4), T(2, 4)),
    "stack_last": case(lambda a, b: torch.stack([a, b], -1), T(2, 3), T(2, 3)),
    # IndexSelect.cs (the C# int32 case's index is int64 here: same values, torch.index_select wants int64)
    "index_select_repeat": case(lambda a: a.index_select(1, torch.tensor([2, 0, 2, 3])), T(2, 4, 3)),
    "index_select_dim0_int32": case(lambda a: a.index_select(0, torch.tensor([1, 1])), T(3, 2)),
    "gather_dim1": case(lambda a: a.gather(1, torch.tensor([[0, 3], [3, 1], [2, 0]])), T(3, 4)),
    "gather_dim0_repeat": case(lambda a: a.gather(0, torch.tensor([[1, 1, 0]])), T(2, 3)),
    # MatMul.cs
    "mm": case(torch.matmul, T(3, 4), T(4, 5)),
    "mv": case(torch.matmul, T(3, 4), T(4)),
    "vm": case(torch.matmul, T(4), T(4, 2)),
    "dot": case(torch.matmul, T(5), T(5)),
    "bmm": case(torch.matmul, T(2, 3, 4), T(2, 4, 5)),
    "bmm_shared_right": case(torch.matmul, T(2, 3, 4), T(4, 5)),
    "bmm_shared_left": case(torch.matmul, T(3, 4), T(2, 4, 5)),
}
