using System.Text;
using MlOps.Gates.Data;

namespace MlOps.Gates.Tests;

public sealed class CsvInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private GatesInputException Fail(string name, byte[] content, bool allowEmpty = false)
    {
        var path = _dir.WriteBytes(name, content);
        var options = new DatasetOptions { Name = "d", Path = path, DisplayPath = name, AllowEmpty = allowEmpty };
        return Assert.Throws<GatesInputException>(() =>
        {
            using var reader = TableReaders.Open(options);
            var batch = reader.CreateBatch(Enumerable.Range(0, reader.Columns.Count), 2048);
            while (reader.ReadBatch(batch))
            {
            }
        });
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void Empty_file_is_an_error() => Assert.Equal("MLG3003", Fail("e.csv", []).Errors[0].Code);

    [Fact]
    public void Header_only_is_an_error_unless_allowed()
    {
        Assert.Equal("MLG3003", Fail("h.csv", Utf8("a,b\n")).Errors[0].Code);

        var path = _dir.Write("ok.csv", "a,b\n");
        using var reader = TableReaders.Open(new DatasetOptions { Name = "d", Path = path, DisplayPath = "ok.csv", AllowEmpty = true });
        Assert.False(reader.ReadBatch(reader.CreateBatch([0, 1], 16)));
    }

    [Fact]
    public void Ragged_rows_name_their_line()
    {
        var error = Fail("r.csv", Utf8("a,b\n1,2\n3\n")).Errors[0];

        Assert.Equal("MLG3004", error.Code);
        Assert.Equal(3, error.Location!.Line);
        Assert.Contains("1 fields where the header has 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_names_where_it_opened()
    {
        var error = Fail("q.csv", Utf8("a,b\n1,2\n3,\"4\n5,6\n")).Errors[0];

        Assert.Equal("MLG3005", error.Code);
        Assert.Equal(new Results.SourceLocation("q.csv", 3, 3), error.Location);
    }

    [Fact]
    public void An_unclosed_quote_on_the_last_line_is_an_error_for_the_drift_scan_too()
    {
        var path = _dir.Write("last.csv", "a,b\n1,2\n3,\"4\n");
        var options = new DatasetOptions { Name = "d", Path = path, DisplayPath = "last.csv" };

        var error = Assert.Throws<GatesInputException>(() => Drift.DriftSampleReader.Read(options, null, new HashSet<string>(), out _, out _)).Errors[0];

        Assert.Equal("MLG3005", error.Code);
        Assert.Equal(new Results.SourceLocation("last.csv", 3, 3), error.Location);
    }

    [Fact]
    public void Invalid_utf8_names_line_and_column()
    {
        var bytes = Utf8("a,b\n1,2\n3,x").Concat(new byte[] { 0xC3, 0x28 }).Concat(Utf8("\n")).ToArray();
        var error = Fail("u.csv", bytes).Errors[0];

        Assert.Equal("MLG3006", error.Code);
        Assert.Equal(new Results.SourceLocation("u.csv", 3, 4), error.Location);
    }

    [Fact]
    public void Missing_file_and_directory_are_errors()
    {
        var missing = new DatasetOptions { Name = "d", Path = Path.Combine(_dir.Path, "none.csv"), DisplayPath = "none.csv" };
        var directory = new DatasetOptions { Name = "d", Path = _dir.Path, DisplayPath = "dir" };

        Assert.Equal("MLG3001", Assert.Throws<GatesInputException>(() => TableReaders.Open(missing)).Errors[0].Code);
        Assert.Equal("MLG3002", Assert.Throws<GatesInputException>(() => TableReaders.Open(directory)).Errors[0].Code);
    }

    [Fact]
    public void Duplicate_header_names_are_an_error() => Assert.Equal("MLG3008", Fail("d.csv", Utf8("a,a\n1,2\n")).Errors[0].Code);

    [Fact]
    public void Bom_tsv_and_a_ten_megabyte_field_read_fine()
    {
        var big = new string('x', 10 * 1024 * 1024);
        var path = _dir.WriteBytes("t.tsv", Encoding.UTF8.GetPreamble().Concat(Utf8($"a\tb\n1\t{big}\n2\tz\n")).ToArray());
        using var reader = TableReaders.Open(new DatasetOptions { Name = "d", Path = path, DisplayPath = "t.tsv", Format = DataFormat.Tsv });

        var batch = reader.CreateBatch([0, 1], 16);

        Assert.Equal(["a", "b"], reader.Columns);
        Assert.True(reader.ReadBatch(batch));
        Assert.Equal(big.Length, batch.Texts(1)[0].Length);

        // A batch stops taking rows once it holds a few megabytes of text, so a huge field does not hold more.
        Assert.Equal(1, batch.Count);
        Assert.True(reader.ReadBatch(batch));
        Assert.Equal("z", batch.Texts(1)[0].ToString());
        Assert.Equal(2, batch.RowAt(0));
        Assert.Equal(new Results.SourceLocation("t.tsv", 3, 3), batch.Locate(0, 1));
        Assert.False(reader.ReadBatch(batch));
    }
}
