using System.Runtime.InteropServices;
using System.Text;
using MlOps.Gates.Results;

namespace MlOps.Gates.Drift;

/// <summary>
/// What drift tests need of a reference dataset, stored exactly (sorted numbers, category counts, missing counts), so
/// later runs skip reading and sorting it and give the same numbers as a run from the file. A small binary format:
/// a magic line, a version, then per column its name, counts, numbers (little-endian IEEE doubles) and categories.
/// </summary>
public static class DriftSnapshot
{
    public const string Extension = ".snapshot";
    private const string Magic = "MLOPS-GATES-DRIFT-SNAPSHOT";
    private const int Version = 1;

    public static bool IsSnapshot(string path) => path.EndsWith(Extension, StringComparison.OrdinalIgnoreCase);

    public static void Write(string path, string source, IReadOnlyList<string> header, long rows, IReadOnlyDictionary<string, ColumnSample> samples)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(source);
            writer.Write(rows);
            writer.Write(header.Count);
            foreach (var name in header)
            {
                writer.Write(name);
            }

            writer.Write(samples.Count);
            foreach (var sample in samples.Values)
            {
                writer.Write(sample.Name);
                writer.Write(sample.Missing);
                writer.Write(sample.NonFinite);
                writer.Write(sample.IsNumeric);
                if (sample.FirstText is { } text)
                {
                    writer.Write(true);
                    writer.Write(text.Value);
                    writer.Write(text.Location.File);
                    writer.Write(text.Location.Line);
                    writer.Write(text.Location.Column);
                }
                else
                {
                    writer.Write(false);
                }

                if (sample.IsNumeric)
                {
                    var numbers = sample.Numbers;
                    writer.Write(numbers.Length);
                    writer.Flush();
                    buffer.Write(MemoryMarshal.AsBytes(numbers));
                }

                writer.Write(sample.HasCategories);
                if (sample.HasCategories)
                {
                    writer.Write(sample.Categories.Count);
                    foreach (var (key, count) in sample.Categories)
                    {
                        writer.Write(key);
                        writer.Write(count);
                    }
                }
            }
        }

        AtomicFile.Write(path, buffer.WriteTo);
    }

    public static IReadOnlyDictionary<string, ColumnSample> Read(string path, string displayPath, IReadOnlyCollection<string>? columns, IReadOnlySet<string> exclude, out IReadOnlyList<string> header, out long rows)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            using var reader = new BinaryReader(stream, Encoding.UTF8);
            if (reader.ReadString() != Magic)
            {
                throw Corrupt(displayPath, "it is not a drift snapshot");
            }

            var version = reader.ReadInt32();
            if (version != Version)
            {
                throw Corrupt(displayPath, $"it has version {version}; this tool reads version {Version}");
            }

            reader.ReadString();
            rows = reader.ReadInt64();
            var names = new string[reader.ReadInt32()];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = reader.ReadString();
            }

            header = names;
            var samples = new Dictionary<string, ColumnSample>(StringComparer.Ordinal);
            var count = reader.ReadInt32();
            for (var c = 0; c < count; c++)
            {
                var name = reader.ReadString();
                var missing = reader.ReadInt64();
                var nonFinite = reader.ReadInt64();
                var numeric = reader.ReadBoolean();
                (string, SourceLocation)? firstText = null;
                if (reader.ReadBoolean())
                {
                    firstText = (reader.ReadString(), new SourceLocation(reader.ReadString(), reader.ReadInt32(), reader.ReadInt32()));
                }

                double[]? numbers = null;
                if (numeric)
                {
                    numbers = new double[reader.ReadInt32()];
                    stream.ReadExactly(MemoryMarshal.AsBytes(numbers.AsSpan()));
                }

                Dictionary<string, long>? categories = null;
                if (reader.ReadBoolean())
                {
                    var n = reader.ReadInt32();
                    categories = new Dictionary<string, long>(n, StringComparer.Ordinal);
                    for (var i = 0; i < n; i++)
                    {
                        categories[reader.ReadString()] = reader.ReadInt64();
                    }
                }

                var wanted = (columns is null || columns.Contains(name)) && !exclude.Contains(name);
                if (wanted)
                {
                    samples[name] = ColumnSample.Restore(name, numbers, categories, missing, nonFinite, firstText);
                }
            }

            return samples;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or FormatException or OverflowException)
        {
            throw Corrupt(displayPath, e.Message);
        }
    }

    private static GatesInputException Corrupt(string displayPath, string why) =>
        new(ErrorCodes.BadSnapshot, $"{displayPath} cannot be read as a drift snapshot: {why}", new SourceLocation(displayPath));
}
