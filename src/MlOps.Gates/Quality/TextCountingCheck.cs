using MlOps.Gates.Data;

namespace MlOps.Gates.Quality;

/// <summary>
/// A check on one column that needs how often each present text occurs (the set checks): it counts rows, missing
/// values and texts in the pass, and judges the counts when the pass ends, compared by its <see cref="SetValues"/>.
/// </summary>
public abstract class TextCountingCheck(CheckSpec spec, SetValues values) : ColumnCheck(spec)
{
    private readonly TextCounts _texts = new();

    protected SetValues Values { get; } = values;

    protected long Elements { get; private set; }

    protected long MissingValues { get; private set; }

    /// <summary>The counts by comparison key, with each key's observed form.</summary>
    protected Dictionary<string, (object Observed, long Count)> CountsByKey() => _texts.ByKey(Values);

    public override void Observe(RowBatch batch)
    {
        var missing = batch.Missing(ColumnIndex);
        var texts = batch.Texts(ColumnIndex);
        Elements += batch.Count;
        for (var i = 0; i < batch.Count; i++)
        {
            if (missing[i])
            {
                MissingValues++;
                continue;
            }

            _texts.Add(texts[i]);
        }
    }
}
