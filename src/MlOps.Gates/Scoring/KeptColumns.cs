using System.Globalization;
using MlOps.Gates.Data;
using MlOps.Gates.Results;

namespace MlOps.Gates.Scoring;

/// <summary>
/// The data columns a scoring keeps, read by a reader of their own in step with the model's cursor, a batch at a
/// time: the text as it is in the file, a missing value as null.
/// </summary>
internal sealed class KeptColumns : IDisposable
{
    private readonly TableReader _reader;
    private readonly RowBatch _batch;
    private readonly int[] _columns;
    private readonly string _file;
    private int _next;
    private bool _more = true;

    public KeptColumns(DatasetOptions data, int[] columns)
    {
        _reader = TableReaders.Open(data);
        _columns = columns;
        _batch = _reader.CreateBatch(columns);
        _file = data.DisplayPath;
    }

    public static int[] Indices(DatasetOptions data, IReadOnlyList<string> keep)
    {
        if (keep.Count == 0)
        {
            return [];
        }

        using var reader = TableReaders.Open(data);
        return keep.Select(name =>
        {
            var index = reader.IndexOf(name);
            if (index < 0)
            {
                var hint = Config.Suggest.Nearest(name, reader.Columns) is { } near ? $"; did you mean '{near}'?" : string.Empty;
                throw new GatesInputException(ErrorCodes.MissingColumn, $"{data.DisplayPath} has no column '{name}' to keep (it has: {string.Join(", ", reader.Columns.Take(30))}){hint}", new SourceLocation(data.DisplayPath, 1, 1));
            }

            return index;
        }).ToArray();
    }

    /// <summary>The kept values of the next row into the first slots of <paramref name="texts"/>.</summary>
    public void Next(string?[] texts, long row, string model)
    {
        if (_next == _batch.Count)
        {
            _more = _more && _reader.ReadBatch(_batch);
            _next = 0;
            if (!_more)
            {
                throw Misaligned(row, model);
            }
        }

        for (var k = 0; k < _columns.Length; k++)
        {
            texts[k] = _batch.Missing(_columns[k])[_next] ? null : _batch.TextAt(_next, _columns[k]).ToString();
        }

        _next++;
    }

    /// <summary>Every data row had its prediction: nothing left over.</summary>
    public void End(long rows, string model)
    {
        if (_next < _batch.Count || (_more && _reader.ReadBatch(_batch)))
        {
            throw Misaligned(rows + 1, model);
        }
    }

    private GatesInputException Misaligned(long row, string model) =>
        new(ErrorCodes.RowsDoNotAlign, string.Create(CultureInfo.InvariantCulture, $"{model} gave a different number of predictions than {_file} has rows (at data row {row}); a model that adds or drops rows cannot be scored with kept columns"), new SourceLocation(_file));

    public void Dispose() => _reader.Dispose();
}
