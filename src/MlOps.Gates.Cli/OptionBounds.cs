using System.CommandLine;
using System.Globalization;

namespace MlOps.Gates.Cli;

/// <summary>
/// Ranges for numeric options, checked as the gates file checks its numbers: finite, within bounds, or a usage error
/// (exit 2) before anything runs. NaN would otherwise switch a test off, since every comparison with it is false.
/// </summary>
internal static class OptionBounds
{
    public static Option<double> Within(this Option<double> option, double min, double max, bool openMin = false, bool openMax = false)
    {
        option.Validators.Add(result => Check(result, option.Name, result.GetValueOrDefault<double>(), min, max, openMin, openMax));
        return option;
    }

    public static Option<double?> Within(this Option<double?> option, double min, double max, bool openMin = false, bool openMax = false)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } value)
            {
                Check(result, option.Name, value, min, max, openMin, openMax);
            }
        });
        return option;
    }

    public static Option<int> Within(this Option<int> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError($"{option.Name} must be between {min.ToString("N0", CultureInfo.InvariantCulture)} and {max.ToString("N0", CultureInfo.InvariantCulture)}, not {value.ToString(CultureInfo.InvariantCulture)}");
            }
        });
        return option;
    }

    /// <summary>A file the command writes: named, and not an existing folder.</summary>
    public static Option<T> WritesFile<T>(this Option<T> option)
    {
        option.Validators.Add(result => CheckFile(result, option.Name, result.GetValueOrDefault<T>() as string));
        return option;
    }

    /// <summary>A folder the command writes into: named, and not an existing file.</summary>
    public static Option<string?> WritesFolder(this Option<string?> option)
    {
        option.Validators.Add(result =>
        {
            var path = result.GetValueOrDefault<string?>();
            if (path is not null && string.IsNullOrWhiteSpace(path))
            {
                result.AddError($"{option.Name} is empty; name a folder");
            }
            else if (path is not null && File.Exists(path))
            {
                result.AddError($"{option.Name} {path} is a file; name a folder");
            }
        });
        return option;
    }

    private static void CheckFile(System.CommandLine.Parsing.OptionResult result, string name, string? path)
    {
        if (path is not null && string.IsNullOrWhiteSpace(path))
        {
            result.AddError($"{name} is empty; name a file");
        }
        else if (path is not null && Directory.Exists(path))
        {
            result.AddError($"{name} {path} is a folder; name a file in it");
        }
    }

    /// <summary>A number given inside another option's text (METRIC=X, COLUMN=TEST:X): finite, or a usage error.</summary>
    public static double Finite(string text, string where)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new GatesInputException(ErrorCodes.BadUsage, $"{where}: '{text}' must be a finite number");
        }

        return value;
    }

    private static void Check(System.CommandLine.Parsing.OptionResult result, string name, double value, double min, double max, bool openMin, bool openMax)
    {
        var below = openMin ? value <= min : value < min;
        var above = openMax ? value >= max : value > max;
        if (!double.IsFinite(value) || below || above)
        {
            var range = max == double.MaxValue
                ? (openMin ? "above " : "of at least ") + min.ToString(CultureInfo.InvariantCulture)
                : $"in {(openMin ? "(" : "[")}{min.ToString(CultureInfo.InvariantCulture)}, {max.ToString(CultureInfo.InvariantCulture)}{(openMax ? ")" : "]")}";
            result.AddError($"{name} must be a finite number {range}, not {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }
}
