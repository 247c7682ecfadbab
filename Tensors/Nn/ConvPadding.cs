namespace MlNetDl.Tensors.Nn;

/// <summary>PyTorch's string paddings of a convolution (<c>padding='valid'</c> / <c>'same'</c>).</summary>
public enum ConvPadding
{
    /// <summary>No padding (same as padding 0).</summary>
    Valid,

    /// <summary>Pads so the output has the input's size: total d·(k − 1) per dim, the odd extra on the right/bottom;
    /// stride must be 1.</summary>
    Same,
}
