"""PyTorch references for the layer functions (Tensors/Ops/Linear.cs, Tensors/Ops/BatchNorm.cs): same names,
shapes and fixed running statistics as the C# OpCases. Training-mode cases whose C# call passes running
statistics update them; only the output and input gradients are compared here."""
import torch
import torch.nn.functional as F

from spec import T, case


def bn(train, running_mean=None, running_var=None):
    def f(x, weight=None, bias=None):
        rm = None if running_mean is None else torch.tensor(running_mean)
        rv = None if running_var is None else torch.tensor(running_var)
        return F.batch_norm(x, rm, rv, weight, bias, training=train, momentum=0.1, eps=1e-5)
    return f


CASES = {
    # Linear.cs: y = x·Wᵀ + b
    "linear": case(F.linear, T(4, 3), T(5, 3), T(5)),
    "linear_no_bias": case(F.linear, T(4, 3), T(5, 3)),
    "linear_3d": case(F.linear, T(2, 3, 4), T(5, 4), T(5)),
    "linear_3d_no_bias": case(F.linear, T(2, 3, 4), T(2, 4)),
    "linear_1d": case(F.linear, T(3), T(2, 3), T(2)),
    # BatchNorm.cs: per-channel statistics over N (and L for 3-D inputs)
    "batch_norm_train": case(bn(True), T(6, 3), T(3), T(3)),
    "batch_norm_train_3d": case(bn(True), T(3, 2, 4), T(2), T(2)),
    "batch_norm_train_running": case(bn(True, [0.0] * 3, [1.0] * 3), T(5, 3), T(3), T(3)),
    "batch_norm_no_affine": case(bn(True), T(5, 4)),
    "batch_norm_eval": case(bn(False, [0.1, -0.2, 0.3], [0.5, 1.5, 2.0]), T(4, 3), T(3), T(3)),
    "batch_norm_bias_only": case(lambda x, b: bn(True)(x, None, b), T(4, 2), T(2)),
    "batch_norm_eval_3d": case(lambda x, w: bn(False, [0.1, -0.2], [0.5, 1.5])(x, w, None), T(2, 2, 3), T(2)),
    # BatchNorm2d: statistics over N, H and W
    "batch_norm_train_4d": case(bn(True, [0.0] * 3, [1.0] * 3), T(2, 3, 4, 5), T(3), T(3)),
    "batch_norm_eval_4d": case(bn(False, [0.2, -0.1], [0.7, 1.3]), T(3, 2, 3, 3), T(2), T(2)),
}
