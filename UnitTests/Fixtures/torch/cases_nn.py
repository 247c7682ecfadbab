"""PyTorch references for the deterministic OpCases of activations, softmax and losses (MlNetDl.Tensors.Nn):
Tensors/Ops/Activations.cs, ActivationsPrelu.cs, LossFunctions.cs, NllLoss.cs. Same names, shapes, value ranges
and constant inputs (OpCase.Constant -> const=True; class targets are int64 and never differentiated).
dropout is random and exempt (see TorchConformanceTests.Exempt)."""
import torch
import torch.nn.functional as F

from spec import Away, Fixed, Ints, Randn, T, case

CASES = {
    # Activations.cs
    "relu": case(F.relu, Away(3, 5)),
    "leaky_relu": case(F.leaky_relu, Away(4, 5)),
    "leaky_relu_slope": case(lambda x: F.leaky_relu(x, 0.2), Away(19)),
    "elu": case(F.elu, Away(3, 7)),
    "elu_alpha": case(lambda x: F.elu(x, 0.5), Away(20)),
    "sigmoid": case(torch.sigmoid, T(4, 5, low=-3.0, high=3.0)),
    "tanh": case(torch.tanh, T(4, 5, low=-2.0, high=2.0)),
    "softplus": case(F.softplus, T(4, 5, low=-3.0, high=3.0)),
    "softplus_beta": case(lambda x: F.softplus(x, beta=2.0, threshold=3.0), Away(12)),
    "softmax_last": case(lambda x: F.softmax(x, -1), T(3, 5, low=-2.0, high=2.0)),
    "softmax_dim1": case(lambda x: F.softmax(x, 1), T(2, 4, 3, low=-2.0, high=2.0)),
    "log_softmax_last": case(lambda x: F.log_softmax(x, -1), T(3, 5, low=-2.0, high=2.0)),
    "log_softmax_dim0": case(lambda x: F.log_softmax(x, 0), T(4, 3, low=-2.0, high=2.0)),
    # ActivationsPrelu.cs (the weight is differentiated)
    "prelu_shared": case(F.prelu, Away(2, 3, 4), Fixed([0.25])),
    "prelu_channels": case(F.prelu, Away(2, 3, 2, 2), T(3, low=0.0, high=0.5)),
    # LossFunctions.cs
    "binary_cross_entropy": case(F.binary_cross_entropy, T(3, 4, low=0.1, high=0.9), T(3, 4, low=0.1, high=0.9, const=True)),
    "binary_cross_entropy_weight_sum": case(
        lambda x, t, w: F.binary_cross_entropy(x, t, weight=w, reduction="sum"),
        T(2, 3, low=0.1, high=0.9), T(2, 3, low=0.1, high=0.9, const=True), T(3, low=0.1, high=0.9, const=True)),
    "bce_with_logits": case(
        F.binary_cross_entropy_with_logits, T(3, 4, low=-3.0, high=3.0), T(3, 4, low=0.0, high=1.0, const=True)),
    "bce_with_logits_pos_weight": case(
        lambda x, t, w, pw: F.binary_cross_entropy_with_logits(x, t, weight=w, pos_weight=pw, reduction="none"),
        T(2, 3, low=-3.0, high=3.0), T(2, 3, low=0.0, high=1.0, const=True), T(2, 1, low=0.5, high=1.5, const=True),
        T(3, low=0.5, high=3.0, const=True)),
    # both inputs differentiated, as in the C# case
    "smooth_l1_loss": case(
        lambda x, t: F.smooth_l1_loss(x, t, reduction="none", beta=0.5), T(3, 4, low=-2.0, high=2.0), T(3, 4, low=-2.0, high=2.0)),
    "smooth_l1_loss_mean": case(F.smooth_l1_loss, T(5, low=-2.0, high=2.0), T(5, low=-2.0, high=2.0, const=True)),
    # NllLoss.cs
    "nll_loss": case(F.nll_loss, Randn(4, 5), Ints(4, high=5)),
    # fixed targets so that ignore_index=1 is hit twice
    "nll_loss_weight_ignore_sum": case(
        lambda x, t, w: F.nll_loss(x, t, weight=w, ignore_index=1, reduction="sum"),
        Randn(5, 3), Fixed([0, 1, 2, 2, 1], dtype="int64"), T(3, low=0.5, high=2.0, const=True)),
    "nll_loss_spatial_none": case(lambda x, t: F.nll_loss(x, t, reduction="none"), Randn(2, 3, 2, 2), Ints(2, 2, 2, high=3)),
    "cross_entropy": case(F.cross_entropy, Randn(4, 6), Ints(4, high=6)),
    "cross_entropy_weight_spatial": case(
        lambda x, t, w: F.cross_entropy(x, t, weight=w), Randn(2, 4, 3), Ints(2, 3, high=4), T(4, low=0.5, high=2.0, const=True)),
}
