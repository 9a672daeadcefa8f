using System.Text;
using MlOps.Gates.Results;

namespace MlOps.Gates.Data;

/// <summary>Opening data files with errors that name the file, and locating bad bytes.</summary>
public static class DataFiles
{
    public static FileStream OpenRead(DatasetOptions options)
    {
        if (Directory.Exists(options.Path))
        {
            throw new GatesInputException(ErrorCodes.DataPathIsDirectory, $"{options.DisplayPath} is a directory, not a data file", options.DeclaredAt);
        }

        if (!File.Exists(options.Path))
        {
            throw new GatesInputException(ErrorCodes.DataFileNotFound, $"data file not found: {options.DisplayPath}", options.DeclaredAt);
        }

        FileStream stream;
        try
        {
            stream = new FileStream(options.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GatesInputException(ErrorCodes.DataIo, $"cannot read {options.DisplayPath}: {IoErrors.Describe(e)}", options.DeclaredAt, e);
        }

        if (!IsRegular(stream))
        {
            stream.Dispose();
            throw new GatesInputException(ErrorCodes.NotRegularFile, $"{options.DisplayPath} is a pipe or a device, not a regular file: save the data to a file first (a data file is read more than once)", options.DeclaredAt);
        }

        return stream;
    }

    /// <summary>
    /// Whether an open file is a regular file: pipes cannot seek, and devices such as /dev/zero seek but report no
    /// length while they hand out bytes without end.
    /// </summary>
    public static bool IsRegular(FileStream stream)
    {
        if (!stream.CanSeek)
        {
            return false;
        }

        if (stream.Length > 0)
        {
            return true;
        }

        Span<byte> probe = stackalloc byte[1];
        var read = stream.Read(probe);
        stream.Position = 0;
        return read == 0;
    }

    public static Encoding TextEncoding(DatasetOptions options)
    {
        if (options.Encoding is null || options.Encoding.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || options.Encoding.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        }

        try
        {
            return Encoding.GetEncoding(options.Encoding, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException e)
        {
            throw new GatesInputException(ErrorCodes.InvalidValue, $"unknown encoding '{options.Encoding}' for dataset '{options.Name}' (use utf-8, utf-16, latin1 or ascii)", options.DeclaredAt, e);
        }
    }

    /// <summary>The 1-based line and column of the first byte that is not valid UTF-8, and its byte offset.</summary>
    public static (int Line, int Column, long Offset) FindInvalidUtf8(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 16];
        var line = 1;
        var column = 1;
        long offset = 0;
        var carry = 0;
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0 || carry > 0)
        {
            var length = carry + read;
            var span = buffer.AsSpan(0, length);
            var i = 0;
            while (i < span.Length)
            {
                var status = System.Text.Rune.DecodeFromUtf8(span[i..], out var rune, out var consumed);
                if (status == System.Buffers.OperationStatus.NeedMoreData && read > 0)
                {
                    break;
                }

                if (status != System.Buffers.OperationStatus.Done)
                {
                    return (line, column, offset);
                }

                if (rune.Value == '\n')
                {
                    line++;
                    column = 1;
                }
                else if (rune.Value != 0xFEFF || offset != 0)
                {
                    column++;
                }

                i += consumed;
                offset += consumed;
            }

            carry = span.Length - i;
            span[i..].CopyTo(buffer);
            if (read == 0)
            {
                break;
            }
        }

        return (line, column, offset);
    }

    /// <summary>Rows a text file probably holds, from its size and the length of its first lines, so the number lists are allocated once.</summary>
    public static int ExpectedRows(DatasetOptions dataset)
    {
        if (dataset.Format == DataFormat.Parquet)
        {
            return 0;
        }

        try
        {
            using var stream = File.OpenRead(dataset.Path);
            var buffer = new byte[1 << 16];
            var read = stream.Read(buffer);
            var lines = buffer.AsSpan(0, read).Count((byte)'\n');
            if (lines < 2 || read == 0)
            {
                return 0;
            }

            var estimate = (double)stream.Length / read * lines * 1.02;
            return (int)Math.Min(estimate + 16, Array.MaxLength / 2);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>
    /// The rows a text file holds at most: its line breaks, less the header. Exact unless quoted cells span lines, so
    /// arrays sized by it rarely need trimming. 0 for formats without lines.
    /// </summary>
    public static int CountRowsAtMost(DatasetOptions dataset)
    {
        if (dataset.Format == DataFormat.Parquet)
        {
            return 0;
        }

        try
        {
            using var stream = new FileStream(dataset.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var buffer = new byte[1 << 20];
            long lines = 0;
            var last = (byte)'\n';
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
                last = buffer[read - 1];
            }

            lines += last == (byte)'\n' ? 0 : 1;
            return (int)Math.Clamp(lines - (dataset.HasHeader ? 1 : 0), 0, Array.MaxLength);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
