"""PyTorch references for the deterministic OpCases of activations, softmax and losses (MlNetDl.Tensors.Nn).

CASES maps an OpCase name (see Tensors/Ops/Activations*.cs, LossFunctions.cs, NllLoss.cs) to
(torch function of the inputs, input specs). Each spec is a dict:
  shape          list of ints
  low, high      uniform range ([low, high); for int64 class targets high is exclusive)
  dtype          "float32" or "int64"
  requires_grad  False for targets and weights (OpCase.Constant) and int64 inputs
  dist           optional: "normal" (standard normal; low/high ignored) or "away_from_zero"
                 (magnitude uniform in [low, high) = [0.1, 1) with a random sign: keeps kinks out of
                 finite differences, as OpCase.AwayFromZero)
  value          optional: fixed contents (flat list), overriding the distribution
Dropout is random and has no fixture. The generator (make_fixtures.py) adapts these specs.
"""
import torch
import torch.nn.functional as F


def f32(shape, low=-1.0, high=1.0, grad=True, **extra):
    return dict(shape=shape, low=low, high=high, dtype="float32", requires_grad=grad, **extra)


def away(shape):
    return f32(shape, 0.1, 1.0, dist="away_from_zero")


def normal(shape, grad=True):
    return f32(shape, grad=grad, dist="normal")


def classes(shape, c, **extra):
    return dict(shape=shape, low=0, high=c, dtype="int64", requires_grad=False, **extra)


CASES = {
    "relu": (lambda x: F.relu(x), [away([3, 5])]),
    "leaky_relu": (lambda x: F.leaky_relu(x), [away([4, 5])]),
    "leaky_relu_slope": (lambda x: F.leaky_relu(x, 0.2), [away([19])]),
    "elu": (lambda x: F.elu(x), [away([3, 7])]),
    "elu_alpha": (lambda x: F.elu(x, 0.5), [away([20])]),
    "sigmoid": (lambda x: torch.sigmoid(x), [f32([4, 5], -3.0, 3.0)]),
    "tanh": (lambda x: torch.tanh(x), [f32([4, 5], -2.0, 2.0)]),
    "softplus": (lambda x: F.softplus(x), [f32([4, 5], -3.0, 3.0)]),
    "softplus_beta": (lambda x: F.softplus(x, beta=2.0, threshold=3.0), [away([12])]),
    "softmax_last": (lambda x: F.softmax(x, -1), [f32([3, 5], -2.0, 2.0)]),
    "softmax_dim1": (lambda x: F.softmax(x, 1), [f32([2, 4, 3], -2.0, 2.0)]),
    "log_softmax_last": (lambda x: F.log_softmax(x, -1), [f32([3, 5], -2.0, 2.0)]),
    "log_softmax_dim0": (lambda x: F.log_softmax(x, 0), [f32([4, 3], -2.0, 2.0)]),
    "prelu_shared": (lambda x, w: F.prelu(x, w), [away([2, 3, 4]), f32([1], 0.25, 0.25, value=[0.25])]),
    "prelu_channels": (lambda x, w: F.prelu(x, w), [away([2, 3, 2, 2]), f32([3], 0.0, 0.5)]),
    "binary_cross_entropy": (
        lambda x, t: F.binary_cross_entropy(x, t),
        [f32([3, 4], 0.1, 0.9), f32([3, 4], 0.1, 0.9, grad=False)]),
    "binary_cross_entropy_weight_sum": (
        lambda x, t, w: F.binary_cross_entropy(x, t, weight=w, reduction="sum"),
        [f32([2, 3], 0.1, 0.9), f32([2, 3], 0.1, 0.9, grad=False), f32([3], 0.1, 0.9, grad=False)]),
    "bce_with_logits": (
        lambda x, t: F.binary_cross_entropy_with_logits(x, t),
        [f32([3, 4], -3.0, 3.0), f32([3, 4], 0.0, 1.0, grad=False)]),
    "bce_with_logits_pos_weight": (
        lambda x, t, w, pw: F.binary_cross_entropy_with_logits(x, t, weight=w, pos_weight=pw, reduction="none"),
        [f32([2, 3], -3.0, 3.0), f32([2, 3], 0.0, 1.0, grad=False), f32([2, 1], 0.5, 1.5, grad=False),
         f32([3], 0.5, 3.0, grad=False)]),
    "smooth_l1_loss": (
        lambda x, t: F.smooth_l1_loss(x, t, reduction="none", beta=0.5),
        [f32([3, 4], -2.0, 2.0), f32([3, 4], -2.0, 2.0)]),
    "smooth_l1_loss_mean": (
        lambda x, t: F.smooth_l1_loss(x, t),
        [f32([5], -2.0, 2.0), f32([5], -2.0, 2.0, grad=False)]),
    "nll_loss": (lambda x, t: F.nll_loss(x, t), [normal([4, 5]), classes([4], 5)]),
    "nll_loss_weight_ignore_sum": (
        lambda x, t, w: F.nll_loss(x, t, weight=w, ignore_index=1, reduction="sum"),
        [normal([5, 3]), classes([5], 3, value=[0, 1, 2, 2, 1]), f32([3], 0.5, 2.0, grad=False)]),
    "nll_loss_spatial_none": (
        lambda x, t: F.nll_loss(x, t, reduction="none"),
        [normal([2, 3, 2, 2]), classes([2, 2, 2], 3)]),
    "cross_entropy": (lambda x, t: F.cross_entropy(x, t), [normal([4, 6]), classes([4], 6)]),
    "cross_entropy_weight_spatial": (
        lambda x, t, w: F.cross_entropy(x, t, weight=w),
        [normal([2, 4, 3]), classes([2, 3], 4), f32([4], 0.5, 2.0, grad=False)]),
}
