using System.Globalization;
using System.Text.RegularExpressions;

namespace MlOps.Gates.Drift;

/// <summary>
/// Free-text columns in drift (comments, descriptions: several words a cell). Tested as categories every text is new,
/// so, as Evidently's text descriptors do, the column is reported as text and three features of each row are tested
/// instead: its length in characters, whether it is empty, and the share of its words out of the reference's
/// vocabulary. A current row's words are out of vocabulary when the reference never has them; a reference row's when
/// the reference has them only once, in that row (leaving the row out, the word is new): the Good-Turing estimate of
/// how much of new text is unseen, so the two sides are comparable and an unchanged source does not drift.
/// </summary>
public static partial class TextColumns
{
    /// <summary>Values with at least this many words on average are free text.</summary>
    public const double MinimumWords = 3;

    /// <summary>Whether the sample is free text: on average at least <see cref="MinimumWords"/> words a value.</summary>
    public static bool Holds(ColumnSample sample)
    {
        if (sample.IsNumeric || !sample.HasCategories || sample.Count == 0)
        {
            return false;
        }

        long words = 0;
        foreach (var (text, count) in sample.Categories)
        {
            words += WordCount(text) * count;
        }

        return words >= MinimumWords * sample.Count;
    }

    public static DerivedColumns Derive(ColumnSample reference, ColumnSample current)
    {
        var name = reference.Name;
        var vocabulary = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (text, count) in reference.Categories)
        {
            foreach (Match word in Word().Matches(text))
            {
                var key = word.Value.ToLowerInvariant();
                vocabulary[key] = vocabulary.GetValueOrDefault(key) + count;
            }
        }

        (ColumnSample Length, ColumnSample Empty, ColumnSample Unseen) Features(ColumnSample sample, Func<string, bool> unseen)
        {
            var lengths = new List<double>();
            var shares = new List<double>();
            long empty = sample.Missing, wordless = sample.Missing;
            foreach (var (text, count) in sample.Categories)
            {
                var words = Word().Matches(text).Select(w => w.Value.ToLowerInvariant()).ToList();
                var blank = string.IsNullOrWhiteSpace(text);
                empty += blank ? count : 0;
                wordless += words.Count == 0 ? count : 0;
                var share = words.Count == 0 ? double.NaN : (double)words.Count(unseen) / words.Count;
                for (var i = 0; i < count; i++)
                {
                    lengths.Add(text.Length);
                    if (!double.IsNaN(share))
                    {
                        shares.Add(share);
                    }
                }
            }

            var emptyCounts = new Dictionary<string, long>(StringComparer.Ordinal) { ["empty"] = empty, ["not empty"] = sample.Count + sample.Missing - empty };
            return (
                DerivedColumns.Numbers($"{name}.length", lengths, sample.Missing),
                DerivedColumns.Categories($"{name}.empty", emptyCounts, 0),
                DerivedColumns.Numbers($"{name}.oov_share", shares, wordless));
        }

        var r = Features(reference, word => vocabulary.GetValueOrDefault(word) <= 1);
        var c = Features(current, word => !vocabulary.ContainsKey(word));
        var note = string.Create(CultureInfo.InvariantCulture, $"free text ({vocabulary.Count} distinct words in the reference); tested as {name}.length, {name}.empty, {name}.oov_share");
        var source = ColumnDriftResult.Untested(reference, current, "text", note) with { UniqueValues = reference.Categories.Count };
        return new DerivedColumns(source, [(r.Length, c.Length), (r.Empty, c.Empty), (r.Unseen, c.Unseen)]);
    }

    private static int WordCount(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            words += !space && !inWord ? 1 : 0;
            inWord = !space;
        }

        return words;
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’-]*")]
    private static partial Regex Word();
}
