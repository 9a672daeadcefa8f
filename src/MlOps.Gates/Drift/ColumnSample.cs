using System.Runtime.InteropServices;
using MlOps.Gates.Results;

namespace MlOps.Gates.Drift;

/// <summary>
/// What drift tests need of one column of one dataset: its finite numbers (sorted once read), or its category counts,
/// and the values it dropped as missing or not finite.
/// </summary>
public sealed class ColumnSample
{
    private const int CategoryLimit = 10_000;

    private readonly int _expectedRows;
    private List<double>? _numbers;
    private Dictionary<string, long>? _categories = new(StringComparer.Ordinal);
#if NET9_0_OR_GREATER
    private Dictionary<string, long>.AlternateLookup<ReadOnlySpan<char>> _lookup;
#endif
    private bool _sorted;
    private (string Value, SourceLocation Location)? _firstText;

    /// <summary>A column's sample, with room for about as many numbers as the file is expected to hold.</summary>
    public ColumnSample(string name, int expectedRows = 0)
    {
        Name = name;
        _expectedRows = expectedRows;
#if NET9_0_OR_GREATER
        _lookup = _categories.GetAlternateLookup<ReadOnlySpan<char>>();
#endif
    }

    public string Name { get; }

    /// <summary>Adds a value known to be a category, such as a predicted label: the column is categorical.</summary>
    public void AddCategory(string value)
    {
        if (FirstText is null)
        {
            BecomeCategorical(value, new SourceLocation(Name));
        }

        AddCategory(value.AsSpan());
    }

    /// <summary>A sample as a snapshot stored it: numbers already sorted.</summary>
    internal static ColumnSample Restore(string name, double[]? numbers, Dictionary<string, long>? categories, long missing, long nonFinite, (string Value, SourceLocation Location)? firstText)
    {
        var sample = new ColumnSample(name)
        {
            _numbers = numbers is null ? null : new List<double>(numbers),
            _categories = categories,
            Missing = missing,
            NonFinite = nonFinite,
            FirstText = firstText,
            _sorted = true,
        };
        return sample;
    }

    public long Missing { get; private set; }

    public long NonFinite { get; private set; }

    /// <summary>Where the first value that is not a number was, when there was one.</summary>
    public (string Value, SourceLocation Location)? FirstText
    {
        get => _firstText;
        private set
        {
            _firstText = value;
            IsNumeric = value is null;
        }
    }

    /// <summary>Whether every value so far was a number; kept as a flag since every cell asks.</summary>
    public bool IsNumeric { get; private set; } = true;

    // The number list is allocated at the first number, so a text column never pays for one.
    private List<double> NumberList => _numbers ??= new List<double>(_expectedRows);

    /// <summary>The finite numbers, sorted; call <see cref="Sort"/> first (it may run on another thread).</summary>
    public ReadOnlySpan<double> Numbers => _sorted ? (IsNumeric ? CollectionsMarshal.AsSpan(_numbers) : []) : throw new InvalidOperationException("Sort() first");

    public IReadOnlyDictionary<string, long> Categories => _categories ?? throw new InvalidOperationException($"column '{Name}' has too many distinct values to count as categories");

    public bool HasCategories => _categories is not null;

    /// <summary>Values after dropping missing and non-finite ones.</summary>
    public long Count => IsNumeric ? _numbers?.Count ?? 0 : _categories?.Values.Sum() ?? 0;

    /// <summary>Frees what a test no longer needs: the numbers of a column that is categorical after all.</summary>
    private void DropNumbers() => _numbers = null;

    public void AddMissing() => Missing++;

    public void AddNumber(double value, ReadOnlySpan<char> text)
    {
        if (!double.IsFinite(value))
        {
            NonFinite++;
            return;
        }

        NumberList.Add(value);
    }

    public void AddText(ReadOnlySpan<char> text, string file, int line, int column)
    {
        if (FirstText is null)
        {
            BecomeCategorical(text.ToString(), new SourceLocation(file, line, column));
        }

        AddCategory(text);
    }

    /// <summary>Categories of a numeric column: its distinct values.</summary>
    public IReadOnlyDictionary<string, long> NumericCategories() => Binning.Counts(Numbers);

    /// <summary>
    /// The first text in a column read as numbers so far: the numbers become categories (as round-trip text, so "1.0"
    /// and "1" count as one) and the column is categorical from here on.
    /// </summary>
    private void BecomeCategorical(string value, SourceLocation location)
    {
        FirstText = (value, location);
        if (_numbers is not null && _categories is not null)
        {
            foreach (var number in CollectionsMarshal.AsSpan(_numbers))
            {
                AddCategory(Data.Numbers.Format(number).AsSpan());
            }
        }

        DropNumbers();
    }

    private void AddCategory(ReadOnlySpan<char> text)
    {
        if (_categories is null)
        {
            return;
        }

#if NET9_0_OR_GREATER
        CollectionsMarshal.GetValueRefOrAddDefault(_lookup, text, out _)++;
#else
        var key = text.ToString();
        _categories[key] = _categories.GetValueOrDefault(key) + 1;
#endif
        if (_categories.Count > CategoryLimit && FirstText is null)
        {
            _categories = null;
        }
    }

    /// <summary>Sorts the numbers in place, without a copy: the largest memory a drift run holds is these lists.</summary>
    public void Sort()
    {
        if (_sorted)
        {
            return;
        }

        if (_numbers is not null)
        {
            RadixSort.Sort(CollectionsMarshal.AsSpan(_numbers));
        }

        _sorted = true;
    }
}
