namespace MlNetDl.Pipelines.Metrics;

/// <summary>How the four numbers of a bounding box are laid out.</summary>
public enum BoundingBoxFormat
{
    /// <summary>(x1, y1, x2, y2): opposite corners, x1 ≤ x2 and y1 ≤ y2.</summary>
    Corners,

    /// <summary>(x, y, width, height): top-left corner and non-negative size.</summary>
    CornerAndSize,
}

/// <summary>Overlap metrics for axis-aligned bounding boxes, computed in double.</summary>
public static class BoundingBoxMetrics
{
    /// <summary>
    /// IoU = area(A ∩ B) / area(A ∪ B) of two boxes of 4 numbers each, in [0, 1]. Two boxes with zero union
    /// (both degenerate) give 0.
    /// </summary>
    /// <exception cref="ArgumentException">A box does not have 4 numbers, has a NaN/±∞, or has negative extent.</exception>
    public static double IntersectionOverUnion(ReadOnlySpan<float> boxA, ReadOnlySpan<float> boxB,
        BoundingBoxFormat format = BoundingBoxFormat.Corners)
    {
        const string Metric = nameof(IntersectionOverUnion);
        if (boxA.Length != 4 || boxB.Length != 4)
            throw new ArgumentException($"{Metric}: a box has 4 numbers; got boxes of {boxA.Length} and {boxB.Length}.");
        return Iou(ToCorners(Metric, "boxA", boxA, format), ToCorners(Metric, "boxB", boxB, format));
    }

    /// <summary>Mean IoU of matching boxes: boxesA[i] against boxesB[i], each an N × 4 row-major array, N ≥ 1.</summary>
    /// <exception cref="ArgumentException">Lengths differ, are not a positive multiple of 4, or a box is invalid.</exception>
    public static double MeanIntersectionOverUnion(ReadOnlySpan<float> boxesA, ReadOnlySpan<float> boxesB,
        BoundingBoxFormat format = BoundingBoxFormat.Corners)
    {
        const string Metric = nameof(MeanIntersectionOverUnion);
        MetricChecks.SameLength(Metric, "boxesA", boxesA.Length, "boxesB", boxesB.Length);
        if (boxesA.Length == 0 || boxesA.Length % 4 != 0)
            throw new ArgumentException($"{Metric}: boxes are N × 4 numbers with N ≥ 1; got {boxesA.Length} numbers.");
        int n = boxesA.Length / 4;
        double sum = 0;
        for (int i = 0; i < n; i++)
            sum += Iou(ToCorners(Metric, $"boxesA[{i}]", boxesA.Slice(4 * i, 4), format),
                       ToCorners(Metric, $"boxesB[{i}]", boxesB.Slice(4 * i, 4), format));
        return sum / n;
    }

    private static (double X1, double Y1, double X2, double Y2) ToCorners(string metric, string name,
        ReadOnlySpan<float> box, BoundingBoxFormat format)
    {
        foreach (var v in box)
            if (!float.IsFinite(v))
                throw new ArgumentException($"{metric}: {name} = ({box[0]}, {box[1]}, {box[2]}, {box[3]}) has a non-finite value.");
        double a = box[0], b = box[1], c = box[2], d = box[3];
        var corners = format switch
        {
            BoundingBoxFormat.Corners => (a, b, c, d),
            BoundingBoxFormat.CornerAndSize => (a, b, a + c, b + d),
            _ => throw new ArgumentOutOfRangeException(nameof(format), $"{metric}: unknown box format {format}."),
        };
        if (corners.Item3 < corners.Item1 || corners.Item4 < corners.Item2)
            throw new ArgumentException(format == BoundingBoxFormat.Corners
                ? $"{metric}: {name} = ({a}, {b}, {c}, {d}) must have x1 ≤ x2 and y1 ≤ y2 (format Corners)."
                : $"{metric}: {name} = ({a}, {b}, {c}, {d}) must have width and height ≥ 0 (format CornerAndSize).");
        return corners;
    }

    private static double Iou((double X1, double Y1, double X2, double Y2) p, (double X1, double Y1, double X2, double Y2) q)
    {
        double w = Math.Max(0, Math.Min(p.X2, q.X2) - Math.Max(p.X1, q.X1));
        double h = Math.Max(0, Math.Min(p.Y2, q.Y2) - Math.Max(p.Y1, q.Y1));
        double intersection = w * h;
        double union = (p.X2 - p.X1) * (p.Y2 - p.Y1) + (q.X2 - q.X1) * (q.Y2 - q.Y1) - intersection;
        return union > 0 ? intersection / union : 0;
    }
}
