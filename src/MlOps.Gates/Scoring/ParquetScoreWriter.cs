using Parquet;
using Parquet.Schema;

namespace MlOps.Gates.Scoring;

/// <summary>
/// Scored rows as Parquet: text columns as optional strings, numbers as optional doubles (floats widen exactly), one
/// row group per <see cref="RowsPerGroup"/> rows so memory stays flat however many rows are scored.
/// </summary>
internal sealed class ParquetScoreWriter : ScoreWriter
{
    public const int RowsPerGroup = 1 << 16;

    private readonly DataField<string>[] _textFields;
    private readonly DataField<double?>[] _numberFields;
    private readonly List<string?>[] _texts;
    private readonly double?[][] _numbers;
    private readonly ParquetWriter _writer;
    private int _count;

    public ParquetScoreWriter(Stream stream, ScoreLayout layout)
    {
        _textFields = layout.Texts.Select(c => new DataField<string>(c)).ToArray();
        _numberFields = layout.Numbers.Select(c => new DataField<double?>(c)).ToArray();
        _texts = _textFields.Select(_ => new List<string?>(RowsPerGroup)).ToArray();
        _numbers = _numberFields.Select(_ => new double?[RowsPerGroup]).ToArray();
        _writer = ParquetWriter.CreateAsync(new ParquetSchema([.. _textFields, .. _numberFields]), stream).GetAwaiter().GetResult();
    }

    public override void Row(ReadOnlySpan<string?> texts, ReadOnlySpan<double> numbers)
    {
        for (var i = 0; i < texts.Length; i++)
        {
            _texts[i].Add(texts[i]);
        }

        for (var i = 0; i < numbers.Length; i++)
        {
            _numbers[i][_count] = numbers[i];
        }

        if (++_count == RowsPerGroup)
        {
            Flush();
        }
    }

    public override void Finish()
    {
        if (_count > 0)
        {
            Flush();
        }
    }

    private void Flush()
    {
        using var group = _writer.CreateRowGroup();
        for (var i = 0; i < _textFields.Length; i++)
        {
            group.WriteAsync(_textFields[i], _texts[i]).GetAwaiter().GetResult();
            _texts[i].Clear();
        }

        for (var i = 0; i < _numberFields.Length; i++)
        {
            group.WriteAsync(_numberFields[i], new ReadOnlyMemory<double?>(_numbers[i], 0, _count)).GetAwaiter().GetResult();
        }

        _count = 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        base.Dispose(disposing);
    }
}
