"""PyTorch references for the pooling and resampling ops (Tensors/Ops/Pooling{Max,Avg,Adaptive}.cs,
UpsampleNearest.cs): same names, shapes and hyperparameters as the C# OpCases. The C# max-pooling cases draw a
scaled permutation (distinct values for finite differences); uniform draws here are distinct too, and only the
inputs' shapes must agree. dropout2d is random and exempt (see TorchConformanceTests.Exempt)."""
import torch.nn.functional as F

from spec import T, case

CASES = {
    # PoolingMax.cs
    "max_pool2d": case(lambda x: F.max_pool2d(x, 2), T(2, 3, 4, 6)),
    "max_pool2d_pad_ceil": case(lambda x: F.max_pool2d(x, 3, 2, 1, ceil_mode=True), T(1, 2, 6, 7)),
    "max_pool2d_rect_dilation": case(lambda x: F.max_pool2d(x, (2, 3), (1, 2), (1, 0), (2, 1)), T(2, 5, 7)),
    "max_pool2d_ceil_odd": case(lambda x: F.max_pool2d(x, 2, ceil_mode=True), T(2, 1, 5, 5)),
    # PoolingAvg.cs
    "avg_pool2d": case(lambda x: F.avg_pool2d(x, 2), T(2, 3, 4, 6)),
    "avg_pool2d_pad_exclude": case(lambda x: F.avg_pool2d(x, 3, 2, 1, count_include_pad=False), T(1, 2, 5, 6)),
    "avg_pool2d_pad_include_ceil": case(lambda x: F.avg_pool2d(x, (3, 2), 2, 1, ceil_mode=True), T(2, 5, 6)),
    "avg_pool2d_divisor": case(lambda x: F.avg_pool2d(x, (2, 3), (1, 2), (0, 1), ceil_mode=True, divisor_override=5), T(1, 2, 4, 6)),
    # PoolingAdaptive.cs
    "adaptive_avg_pool2d_1": case(lambda x: F.adaptive_avg_pool2d(x, 1), T(2, 3, 4, 5)),
    "adaptive_avg_pool2d_4": case(lambda x: F.adaptive_avg_pool2d(x, 4), T(1, 2, 7, 9)),
    "adaptive_avg_pool2d_up": case(lambda x: F.adaptive_avg_pool2d(x, (5, None)), T(2, 3, 4)),
    "adaptive_max_pool2d": case(lambda x: F.adaptive_max_pool2d(x, (3, 2)), T(2, 2, 7, 5)),
    "adaptive_max_pool2d_1_3d": case(lambda x: F.adaptive_max_pool2d(x, 1), T(3, 4, 4)),
    # UpsampleNearest.cs
    "upsample_nearest_2": case(lambda x: F.interpolate(x, scale_factor=2.0), T(2, 3, 3, 4)),
    "upsample_nearest_size": case(lambda x: F.interpolate(x, size=(5, 7)), T(1, 2, 3, 4)),
    "upsample_nearest_fractional": case(lambda x: F.interpolate(x, scale_factor=(1.5, 0.6)), T(2, 1, 4, 5)),
}
