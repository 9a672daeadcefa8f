using System.Globalization;
using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary>
/// <c>in_set</c> and <c>not_in_set</c>. When every value of the set is a number, cells are compared as numbers
/// (so 1, 1.0 and 1e0 are the same value); otherwise as exact text.
/// </summary>
public sealed class SetCheck : ColumnMapCheck
{
    private readonly HashSet<string> _texts;
#if NET9_0_OR_GREATER
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
#endif
    private readonly HashSet<double>? _numbers;
    private readonly bool _inSet;

    public SetCheck(CheckSpec spec, IReadOnlyList<string> values, bool inSet)
        : base(spec)
    {
        _inSet = inSet;
        _texts = new HashSet<string>(values, StringComparer.Ordinal);
#if NET9_0_OR_GREATER
        _lookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
#endif
        var numbers = new HashSet<double>();
        foreach (var value in values)
        {
            if (!Numbers.TryParse(value, out var number))
            {
                numbers = null;
                break;
            }

            numbers.Add(number);
        }

        _numbers = numbers;
    }

    public override string Description =>
        $"values of '{ColumnName}' are {(_inSet ? "in" : "not in")} {{{string.Join(", ", _texts.Take(10))}{(_texts.Count > 10 ? string.Create(CultureInfo.InvariantCulture, $", … {_texts.Count} in all") : string.Empty)}}}";

    protected override void FindUnexpected(RowBatch batch, int column, ReadOnlySpan<bool> missing, Span<bool> unexpected)
    {
        var texts = batch.Texts(column);
        if (_numbers is null)
        {
            for (var i = 0; i < unexpected.Length; i++)
            {
                unexpected[i] = !missing[i] && ContainsText(texts[i]) != _inSet;
            }

            return;
        }

        var numbers = batch.Numbers(column);
        var values = numbers.Values;
        var isNumber = numbers.IsNumber;
        for (var i = 0; i < unexpected.Length; i++)
        {
            var found = isNumber[i] ? _numbers.Contains(values[i]) : ContainsText(texts[i]);
            unexpected[i] = !missing[i] && found != _inSet;
        }
    }

    private bool ContainsText(ReadOnlySpan<char> text) =>
#if NET9_0_OR_GREATER
        _lookup.Contains(text);
#else
        _texts.Contains(text.ToString());
#endif
}
