using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>increasing</c> and <c>decreasing</c> (Great Expectations' <c>expect_column_values_to_be_increasing</c> and
/// <c>..._decreasing</c>): each present value against the present value before it, in file order (GX's pandas
/// <c>diff</c> over the non-null values); the first value is always expected. <c>strictly</c> refuses equal
/// neighbours. Values compare as numbers, or as date-times with <c>parse_strings_as_datetimes</c>; a value that is
/// neither is unexpected and the comparison goes on from the next one.
/// </summary>
public sealed class MonotonicCheck(CheckSpec spec, bool increasing, bool strictly, bool dates) : ColumnMapCheck(spec)
{
    private double? _previous;

    public override string Description =>
        $"values of '{ColumnName}' {(strictly ? "strictly " : string.Empty)}{(increasing ? "increase" : "decrease")} down the file";

    protected override void FindUnexpected(RowBatch batch, int column, ReadOnlySpan<bool> missing, Span<bool> unexpected)
    {
        var texts = batch.Texts(column);
        var numbers = batch.Numbers(column);
        for (var i = 0; i < unexpected.Length; i++)
        {
            if (missing[i])
            {
                continue;
            }

            double value;
            if (!dates)
            {
                value = numbers.Values[i];
                if (!numbers.IsNumber[i])
                {
                    unexpected[i] = true;
                    continue;
                }
            }
            else if (!TryReadDate(texts[i], out value))
            {
                unexpected[i] = true;
                continue;
            }

            if (_previous is { } previous)
            {
                var step = increasing ? value - previous : previous - value;
                unexpected[i] = strictly ? !(step > 0) : !(step >= 0);
            }

            _previous = value;
        }
    }

    private static bool TryReadDate(ReadOnlySpan<char> text, out double value)
    {
        var parsed = DateTimes.TryParse(text, null, out var moment);
        value = parsed ? moment.UtcTicks : 0;
        return parsed;
    }
}
