using System.Globalization;
using MlOps.Gates.Results;

namespace MlOps.Gates.Reporting;

/// <summary>Formatting helpers that templates call: numbers, percentages, status words and icons.</summary>
public static class Formats
{
    public static string Number(object? value) => value switch
    {
        null => "",
        double d when double.IsNaN(d) => "NaN",
        double d when Math.Abs(d) >= 1e6 || (Math.Abs(d) < 1e-4 && d != 0) => d.ToString("0.####e+0", CultureInfo.InvariantCulture),
        double d => d.ToString("0.######", CultureInfo.InvariantCulture),
        float f => Number((double)f),
        long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => Escape.Text(value),
    };

    public static string Percent(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.###", CultureInfo.InvariantCulture) + "%",
        _ => Escape.Text(value) + "%",
    };

    public static string Icon(object? status) => status switch
    {
        GateStatus.Passed => "✅",
        GateStatus.Warning => "⚠️",
        GateStatus.Failed => "❌",
        GateStatus.Skipped => "⏭️",
        true => "✅",
        false => "❌",
        _ => "",
    };

    public static string StatusWord(object? status) => status switch
    {
        GateStatus s => s.ToString().ToLowerInvariant(),
        bool b => b ? "passed" : "failed",
        _ => Escape.Text(status),
    };

    /// <summary>A difference with its sign: +0.0123, -0.5, 0.</summary>
    public static string Signed(object? value) => value switch
    {
        null => "",
        double d when double.IsNaN(d) => "NaN",
        double d when d > 0 => "+" + Number(d),
        double d => Number(d),
        _ => Escape.Text(value),
    };

    /// <summary>An interval as [low, high] with signs, or nothing when there is none.</summary>
    public static string Interval(object? low, object? high) =>
        low is double l && high is double h && double.IsFinite(l) && double.IsFinite(h) ? $"[{Signed(l)}, {Signed(h)}]" : "";

    /// <summary>The icon of a verdict word: passed, failed, warning; nothing for a metric that is only reported.</summary>
    public static string VerdictIcon(object? verdict) => (verdict as string) switch
    {
        "passed" => "✅",
        "failed" => "❌",
        "warning" => "⚠️",
        "too small" => "⏭️",
        _ => "",
    };

    public static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture) + " s";
}
