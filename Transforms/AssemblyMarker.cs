namespace MlNetDl.Transforms;
/// <summary>Placeholder so the assembly exists; later issues fill this project.</summary>
internal static class AssemblyMarker { }
