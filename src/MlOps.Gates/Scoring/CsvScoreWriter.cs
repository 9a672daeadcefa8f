using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace MlOps.Gates.Scoring;

/// <summary>Scored rows as CSV or TSV through Sep's writer, which quotes a value holding the separator, a quote or a line break.</summary>
internal sealed class CsvScoreWriter : ScoreWriter
{
    private readonly ScoreLayout _layout;
    private readonly StreamWriter _text;
    private readonly SepWriter _writer;

    public CsvScoreWriter(Stream stream, ScoreLayout layout, char separator)
    {
        _layout = layout;
        _text = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        _writer = Sep.Writer(o => o with { Sep = new Sep(separator), Escape = true }).To(_text);
    }

    public override void Row(ReadOnlySpan<string?> texts, ReadOnlySpan<double> numbers)
    {
        using var row = _writer.NewRow();
        for (var i = 0; i < texts.Length; i++)
        {
            row[_layout.Texts[i]].Set(texts[i] ?? string.Empty);
        }

        Span<char> buffer = stackalloc char[32];
        for (var i = 0; i < numbers.Length; i++)
        {
            var value = numbers[i];
            var ok = _layout.Single[i]
                ? ((float)value).TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture)
                : value.TryFormat(buffer, out written, "R", CultureInfo.InvariantCulture);
            row[_layout.Numbers[i]].Set(ok ? buffer[..written] : value.ToString("R", CultureInfo.InvariantCulture));
        }
    }

    public override void Finish()
    {
        _writer.Flush();
        _text.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _writer.Dispose();
            _text.Dispose();
        }

        base.Dispose(disposing);
    }
}
