using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>pair_in_set</c> (Great Expectations' <c>expect_column_pair_values_to_be_in_set</c>): each row's (A, B) is one of
/// the pairs; a null in a pair stands for a missing value, and numbers compare by value.
/// </summary>
public sealed class PairInSetCheck(CheckSpec spec, IgnoreRowIf ignore, IReadOnlyList<(string? A, string? B)> pairs) : ColumnPairCheck(spec, ignore)
{
    public override string Description => $"('{ColumnA}', '{ColumnB}') is one of {pairs.Count} pairs in each row";

    protected override bool Expected(RowBatch batch, int index, bool aMissing, bool bMissing)
    {
        var a = aMissing ? default : batch.TextAt(index, Indices[0]);
        var b = bMissing ? default : batch.TextAt(index, Indices[1]);
        foreach (var (pa, pb) in pairs)
        {
            if (Same(pa, a, aMissing) && Same(pb, b, bMissing))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Same(string? expected, ReadOnlySpan<char> value, bool missing)
    {
        if (expected is null || missing)
        {
            return expected is null && missing;
        }

        return value.SequenceEqual(expected) || (Numbers.TryParse(value, out var x) && Numbers.TryParse(expected, out var y) && x == y);
    }
}
