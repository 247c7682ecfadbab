"""PyTorch references for the core tensor ops: one entry per OpCase in Tensors/Ops/{Arithmetic,Pointwise,
Reductions,ShapeOps,MatMul}.cs, same names, shapes and value ranges."""
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
    # ShapeOps.cs
    "reshape": case(lambda a, b: a.reshape(4, -1) * b, T(2, 3, 2), T(4, 3)),
    "permute": case(lambda a, b: a.permute(2, 0, 1) * b, T(2, 3, 4), T(4, 2, 3)),
    "transpose": case(lambda a, b: a.transpose(0, 1) * b, T(2, 3), T(3, 2)),
    # MatMul.cs
    "mm": case(torch.matmul, T(3, 4), T(4, 5)),
    "mv": case(torch.matmul, T(3, 4), T(4)),
    "vm": case(torch.matmul, T(4), T(4, 2)),
    "dot": case(torch.matmul, T(5), T(5)),
    "bmm": case(torch.matmul, T(2, 3, 4), T(2, 4, 5)),
    "bmm_shared_right": case(torch.matmul, T(2, 3, 4), T(4, 5)),
    "bmm_shared_left": case(torch.matmul, T(3, 4), T(2, 4, 5)),
}
