namespace MlOps.Gates.Quality;

/// <summary>
/// Great Expectations' partition object: bin edges (continuous; ±infinity allowed at the ends) or values
/// (categorical), their weights, and for a finite continuous partition the weights of the two tails.
/// </summary>
public sealed record KlPartition(IReadOnlyList<double>? Bins, IReadOnlyList<string>? Values, IReadOnlyList<double> Weights, IReadOnlyList<double>? TailWeights)
{
    public bool IsCategorical => Values is not null;

    /// <summary>What is wrong with it by GX's is_valid_partition_object, or null.</summary>
    public string? Problem()
    {
        var total = Weights.Sum() + (TailWeights?.Sum() ?? 0);
        if (Values is not null)
        {
            return Values.Count != Weights.Count ? "needs one weight per value" : Close(total) ? null : "weights must add up to 1";
        }

        if (Bins is null || Bins.Count != Weights.Count + 1)
        {
            return "needs one more bin edge than weights";
        }

        if (Bins.Zip(Bins.Skip(1)).Any(p => !(p.Second > p.First)))
        {
            return "bin edges must increase";
        }

        if (TailWeights is { Count: not 2 })
        {
            return "tail_weights are two weights, below and above the bins";
        }

        if (TailWeights is not null && (double.IsInfinity(Bins[0]) || double.IsInfinity(Bins[^1])))
        {
            return "there can be no tail weights for a partition with an endpoint at infinity";
        }

        return Close(total) ? null : "weights (and tail_weights) must add up to 1";
    }

    /// <summary>numpy.allclose(total, 1).</summary>
    private static bool Close(double total) => Math.Abs(total - 1) <= 1e-8 + 1e-5;
}
