namespace MlOps.Gates.Quality;

/// <summary>A quantile in [0, 1] and the range its value must fall in.</summary>
public sealed record QuantileBound(double Quantile, Range Range);
