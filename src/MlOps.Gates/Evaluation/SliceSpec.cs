namespace MlOps.Gates.Evaluation;

/// <summary>Slices by the values of one or more columns, each slice judged by its own thresholds once it has <see cref="MinSliceSize"/> rows.</summary>
public sealed record SliceSpec(IReadOnlyList<string> Columns, int MinSliceSize, IReadOnlyList<MetricThreshold> Thresholds);
