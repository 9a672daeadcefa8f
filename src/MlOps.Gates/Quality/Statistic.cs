namespace MlOps.Gates.Quality;

/// <summary>The column statistics an aggregate check can bound.</summary>
public enum Statistic
{
    Min,
    Max,
    Mean,
    Median,
    StandardDeviation,
    Sum,
    Quantile,
}
