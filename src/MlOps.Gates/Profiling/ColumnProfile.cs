using System.IO.Hashing;
using System.Runtime.InteropServices;
using MlOps.Gates.Data;
using MlOps.Gates.Quality;

namespace MlOps.Gates.Profiling;

/// <summary>What one pass saw of a column: counts by kind of value, range, and its values while they are few.</summary>
public sealed class ColumnProfile(string name, int maxCategories)
{
    private HashSet<string>? _categories = new(StringComparer.Ordinal);
    private HashSet<ulong>? _all = [];

    public string Name { get; } = name;

    public long Count { get; private set; }

    public long Nulls { get; private set; }

    public long Numbers { get; private set; }

    public long Integers { get; private set; }

    public long Booleans { get; private set; }

    public long DateTimes { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public int MinLength { get; private set; } = int.MaxValue;

    public int MaxLength { get; private set; }

    /// <summary>The distinct values when there are at most the category limit; null when there are more.</summary>
    public IReadOnlySet<string>? Categories => _categories;

    /// <summary>Whether every non-missing value was distinct.</summary>
    public bool AllDistinct => _all is not null && NonNull > 1;

    public long NonNull => Count - Nulls;

    public ColumnType? InferredType =>
        NonNull == 0 ? null
        : Integers == NonNull ? ColumnType.Integer
        : Numbers == NonNull ? ColumnType.Float
        : Booleans == NonNull ? ColumnType.Boolean
        : DateTimes == NonNull ? ColumnType.DateTime
        : ColumnType.String;

    public void Observe(RowBatch batch, int column)
    {
        var missing = batch.Missing(column);
        var texts = batch.Texts(column);
        var numbers = batch.Numbers(column);
        Count += batch.Count;
        for (var i = 0; i < batch.Count; i++)
        {
            if (missing[i])
            {
                Nulls++;
                continue;
            }

            Observe(texts[i], numbers.IsNumber[i], numbers.Values[i]);
        }
    }

    private void Observe(ReadOnlySpan<char> text, bool isNumber, double value)
    {
        MinLength = Math.Min(MinLength, text.Length);
        MaxLength = Math.Max(MaxLength, text.Length);
        if (isNumber && double.IsFinite(value))
        {
            Numbers++;
            Min = Math.Min(Min, value);
            Max = Math.Max(Max, value);
            if (Data.Numbers.IsInteger(text))
            {
                Integers++;
            }
        }
        else if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase))
        {
            Booleans++;
        }
        else if (Quality.DateTimes.TryParse(text, null, out _))
        {
            DateTimes++;
        }

        if (_categories is not null && AddCategory(_categories, text) && _categories.Count > maxCategories)
        {
            _categories = null;
        }

        // Distinctness is told by a 64-bit hash of each value, a few bytes a value rather than the value itself; a
        // collision could only hide a unique check from the starter suite, never suggest a wrong one.
        if (_all is not null && !_all.Add(XxHash3.HashToUInt64(MemoryMarshal.AsBytes(text))))
        {
            _all = null;
        }
    }

    private static bool AddCategory(HashSet<string> categories, ReadOnlySpan<char> text) =>
#if NET9_0_OR_GREATER
        categories.GetAlternateLookup<ReadOnlySpan<char>>().Add(text);
#else
        categories.Add(text.ToString());
#endif
}
