namespace MlNetDl.Tensors; internal static class AssemblyMarker { }
