namespace MlNetDl.Pipelines.Metrics;

/// <summary>Input validation shared by the metric computations; messages name the metric, the input and the value.</summary>
internal static class MetricChecks
{
    public static void SameLength(string metric, string nameA, int lengthA, string nameB, int lengthB)
    {
        if (lengthA != lengthB)
            throw new ArgumentException(
                $"{metric}: {nameA} has {lengthA} elements but {nameB} has {lengthB}; they must have the same length.");
    }

    public static void NotEmpty(string metric, string name, int length)
    {
        if (length == 0)
            throw new ArgumentException($"{metric}: {name} is empty; at least one example is needed.");
    }

    public static void Finite(string metric, string name, ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{metric}: {name}[{i}] is {values[i]}; {name} must be finite numbers.");
    }

    public static void Probabilities(string metric, string name, ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++)
            if (!(values[i] >= 0 && values[i] <= 1)) // also rejects NaN
                throw new ArgumentException($"{metric}: {name}[{i}] is {values[i]}; probabilities must be in [0, 1].");
    }

    public static void ClassLabels(string metric, string name, ReadOnlySpan<int> labels, int classCount)
    {
        for (int i = 0; i < labels.Length; i++)
            if ((uint)labels[i] >= (uint)classCount)
                throw new ArgumentOutOfRangeException(name,
                    $"{metric}: {name}[{i}] is {labels[i]}; class labels must be in [0, {classCount}).");
    }

    /// <summary>0/1 float labels (ML.NET's Single label column) to bools; anything else is an error.</summary>
    public static bool[] BinaryLabels(string metric, ReadOnlySpan<float> labels)
    {
        var result = new bool[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] == 1f) result[i] = true;
            else if (labels[i] != 0f)
                throw new ArgumentException($"{metric}: labels[{i}] is {labels[i]}; binary labels must be 0 or 1.");
        }
        return result;
    }

    public static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = values[i];
        return result;
    }
}
