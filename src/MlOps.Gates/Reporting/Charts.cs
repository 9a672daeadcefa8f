using System.Globalization;
using System.Text;
using MlOps.Gates.Results;

namespace MlOps.Gates.Reporting;

/// <summary>Small charts for reports: text sparklines for Markdown and inline SVG for HTML, no scripts, labels escaped.</summary>
public static class Charts
{
    private const string Blocks = "▁▂▃▄▅▆▇█";
    private const int MaxPoints = 40;

    /// <summary>A sparkline of the reference's or the current shares, scaled to the larger of the two.</summary>
    public static string Sparkline(IReadOnlyList<ChartPoint>? points, bool current)
    {
        if (points is null || points.Count == 0)
        {
            return string.Empty;
        }

        var shown = points.Take(MaxPoints).ToList();
        var max = shown.Max(p => Math.Max(p.Reference, p.Current));
        var builder = new StringBuilder(shown.Count);
        foreach (var point in shown)
        {
            var value = current ? point.Current : point.Reference;
            var index = max <= 0 ? 0 : (int)Math.Round(value / max * (Blocks.Length - 1));
            builder.Append(Blocks[Math.Clamp(index, 0, Blocks.Length - 1)]);
        }

        return builder.ToString();
    }

    /// <summary>Reference and current shares as overlaid bars, with a title per bar for the exact values.</summary>
    public static string Svg(IReadOnlyList<ChartPoint>? points)
    {
        if (points is null || points.Count == 0)
        {
            return string.Empty;
        }

        var shown = points.Take(MaxPoints).ToList();
        const int width = 320;
        const int height = 90;
        var max = shown.Max(p => Math.Max(p.Reference, p.Current));
        var bar = (double)width / shown.Count;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"dist\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height + 2}\" viewBox=\"0 0 {width} {height + 2}\" role=\"img\" aria-label=\"reference and current distributions\">");
        for (var i = 0; i < shown.Count; i++)
        {
            var p = shown[i];
            var x = i * bar;
            var hr = max <= 0 ? 0 : p.Reference / max * height;
            var hc = max <= 0 ? 0 : p.Current / max * height;
            svg.Append(CultureInfo.InvariantCulture, $"<g><title>{Escape.Html(p.Label)}: reference {p.Reference:0.####}, current {p.Current:0.####}</title>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x + 1:0.##}\" y=\"{height - hr:0.##}\" width=\"{Math.Max(bar - 2, 1):0.##}\" height=\"{hr:0.##}\" fill=\"#8c959f\" fill-opacity=\"0.55\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x + (bar * 0.25):0.##}\" y=\"{height - hc:0.##}\" width=\"{Math.Max((bar * 0.5) - 1, 1):0.##}\" height=\"{hc:0.##}\" fill=\"#0969da\" fill-opacity=\"0.75\"/></g>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"0\" y1=\"{height + 1}\" x2=\"{width}\" y2=\"{height + 1}\" stroke=\"#d0d7de\"/></svg>");
        return svg.ToString();
    }
}
