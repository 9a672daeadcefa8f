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

    /// <summary>
    /// A ROC or precision-recall curve as inline SVG, the candidate in blue over the baseline in grey; the ROC chart
    /// carries the chance diagonal. Axes run from 0 to 1.
    /// </summary>
    public static string Curve(IReadOnlyList<CurvePoint>? candidate, IReadOnlyList<CurvePoint>? baseline, string kind)
    {
        if (candidate is null || candidate.Count == 0)
        {
            return string.Empty;
        }

        const int size = 220;
        const int pad = 28;
        var roc = kind == "roc";
        var (xLabel, yLabel) = roc ? ("false-positive rate", "true-positive rate") : ("recall", "precision");
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"curve\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{size + pad + 8}\" height=\"{size + pad + 8}\" viewBox=\"0 0 {size + pad + 8} {size + pad + 8}\" role=\"img\" aria-label=\"{(roc ? "ROC curve" : "precision-recall curve")}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{pad}\" y=\"4\" width=\"{size}\" height=\"{size}\" fill=\"none\" stroke=\"#d0d7de\"/>");
        if (roc)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{pad}\" y1=\"{size + 4}\" x2=\"{pad + size}\" y2=\"4\" stroke=\"#d0d7de\" stroke-dasharray=\"4 3\"/>");
        }

        if (baseline is { Count: > 0 })
        {
            svg.Append(Polyline(baseline, size, pad, "#8c959f", "baseline"));
        }

        svg.Append(Polyline(candidate, size, pad, "#0969da", "candidate"));
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{pad + (size / 2)}\" y=\"{size + pad + 2}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#57606a\">{xLabel}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"11\" y=\"{4 + (size / 2)}\" font-size=\"11\" text-anchor=\"middle\" fill=\"#57606a\" transform=\"rotate(-90 11 {4 + (size / 2)})\">{yLabel}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{pad - 3}\" y=\"{size + 4}\" font-size=\"9\" text-anchor=\"end\" fill=\"#57606a\">0</text><text x=\"{pad - 3}\" y=\"12\" font-size=\"9\" text-anchor=\"end\" fill=\"#57606a\">1</text>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Polyline(IReadOnlyList<CurvePoint> points, int size, int pad, string color, string title)
    {
        var path = new StringBuilder();
        foreach (var p in points)
        {
            path.Append(CultureInfo.InvariantCulture, $"{pad + (Math.Clamp(p.X, 0, 1) * size):0.#},{4 + ((1 - Math.Clamp(p.Y, 0, 1)) * size):0.#} ");
        }

        return $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{path.ToString().TrimEnd()}\"><title>{title}</title></polyline>";
    }
}
