using MlOps.Gates.Results;
using Scriban.Runtime;

namespace MlOps.Gates.Reporting;

/// <summary>The functions every template gets, reports and model cards alike: escaping per format and number formats.</summary>
internal static class TemplateFunctions
{
    public static void Import(ScriptObject globals)
    {
        globals.Import("md", new Func<object?, string>(Escape.Markdown));
        globals.Import("html", new Func<object?, string>(Escape.Html));
        globals.Import("xml", new Func<object?, string>(Escape.Xml));
        globals.Import("num", new Func<object?, string>(Formats.Number));
        globals.Import("pct", new Func<object?, string>(Formats.Percent));
        globals.Import("icon", new Func<object?, string>(Formats.Icon));
        globals.Import("status_word", new Func<object?, string>(Formats.StatusWord));
        globals.Import("seconds", new Func<TimeSpan, string>(Formats.Seconds));
        globals.Import("sparkline", new Func<IReadOnlyList<ChartPoint>?, bool, string>(Charts.Sparkline));
        globals.Import("svg_chart", new Func<IReadOnlyList<ChartPoint>?, string>(Charts.Svg));
        globals.Import("signed", new Func<object?, string>(Formats.Signed));
        globals.Import("interval", new Func<object?, object?, string>(Formats.Interval));
        globals.Import("verdict_icon", new Func<object?, string>(Formats.VerdictIcon));
        globals.Import("curve_svg", new Func<IReadOnlyList<CurvePoint>?, IReadOnlyList<CurvePoint>?, string, string>(Charts.Curve));
    }
}
