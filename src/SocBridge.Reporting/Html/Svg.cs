using System.Text;
using static SocBridge.Reporting.Html.Html;

namespace SocBridge.Reporting.Html;

/// <summary>A node of a flow diagram: a key the flows refer to, a label and a colour.</summary>
internal sealed record FlowNode(string Key, string Label, string Colour, string? Href = null);

/// <summary>A flow between a left and a right node, with the tooltip shown on hover.</summary>
internal sealed record Flow(string From, string To, double Value, string Tooltip);

/// <summary>A point of a scatter plot; <paramref name="Size"/> is its radius in pixels.</summary>
internal sealed record ScatterPoint(double X, double Y, double Size, string Colour, string Tooltip, string? Href = null);

/// <summary>A dot on a row of a dot plot.</summary>
internal sealed record Dot(double Value, string Colour, string Tooltip);

/// <summary>A row of a dot plot: a label (with an optional link) and its dots, optionally joined by a line.</summary>
internal sealed record DotRow(string Label, IReadOnlyList<Dot> Dots, string? Href = null);

/// <summary>A bar of a bar chart, with segments stacked left to right.</summary>
internal sealed record BarRow(string Label, IReadOnlyList<(double Value, string Colour, string Tooltip)> Segments);

/// <summary>Charts as inline SVG, written by the project's own code (deterministic text, no scripts, no external resources).</summary>
internal static class Svg
{
    /// <summary>A colour per major group (1–9), readable on white.</summary>
    public static IReadOnlyList<string> Palette { get; } =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#c9a227", "#b07aa1", "#ff9da7", "#9c755f"];

    /// <summary>
    /// A two-column flow (Sankey-style) diagram: node heights are proportional to their totals, band widths
    /// to the flows; bands take the colour of their left node.
    /// </summary>
    public static string FlowDiagram(string title, IReadOnlyList<FlowNode> left, IReadOnlyList<FlowNode> right, IReadOnlyList<Flow> flows,
        string leftHeading, string rightHeading, double height = 560, double width = 900)
    {
        const double nodeWidth = 14, top = 34, labelRoom = 270;
        var gap = Math.Max(2, Math.Min(8, 160.0 / Math.Max(left.Count, right.Count)));
        var total = flows.Sum(f => f.Value);
        var leftTotals = left.ToDictionary(n => n.Key, n => flows.Where(f => f.From == n.Key).Sum(f => f.Value));
        var rightTotals = right.ToDictionary(n => n.Key, n => flows.Where(f => f.To == n.Key).Sum(f => f.Value));
        var usable = height - top - 10 - gap * (Math.Max(left.Count, right.Count) - 1);
        var scale = total > 0 ? usable / total : 0;
        var x0 = labelRoom;
        var x1 = width - labelRoom;

        Dictionary<string, double> Stack(IReadOnlyList<FlowNode> nodes, Dictionary<string, double> totals)
        {
            var y = top;
            var at = new Dictionary<string, double>();
            foreach (var n in nodes) { at[n.Key] = y; y += totals[n.Key] * scale + gap; }
            return at;
        }
        var leftY = Stack(left, leftTotals);
        var rightY = Stack(right, rightTotals);
        var leftNext = new Dictionary<string, double>(leftY);
        var rightNext = new Dictionary<string, double>(rightY);
        var colourOf = left.ToDictionary(n => n.Key, n => n.Colour);
        var leftIndex = left.Select((n, i) => (n.Key, i)).ToDictionary(p => p.Key, p => p.i);
        var rightIndex = right.Select((n, i) => (n.Key, i)).ToDictionary(p => p.Key, p => p.i);

        var sb = new StringBuilder();
        sb.Append($"<svg class=\"chart flow\" viewBox=\"0 0 {C(width)} {C(height)}\" role=\"img\" aria-label=\"{Encode(title)}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{Encode(title)}</title>");
        sb.Append($"<text class=\"heading\" x=\"{C(x0)}\" y=\"18\" text-anchor=\"end\">{Encode(leftHeading)}</text>");
        sb.Append($"<text class=\"heading\" x=\"{C(x1 + nodeWidth)}\" y=\"18\">{Encode(rightHeading)}</text>");
        // Bands leave a node in the order of their right ends and arrive in the order of their left ends, so they do not cross inside a node.
        var ordered = flows.OrderBy(f => leftIndex[f.From]).ThenBy(f => rightIndex[f.To]).ToList();
        var starts = new Dictionary<Flow, double>();
        foreach (var f in ordered) { starts[f] = leftNext[f.From]; leftNext[f.From] += f.Value * scale; }
        sb.Append("<g class=\"bands\">");
        foreach (var f in flows.OrderBy(f => rightIndex[f.To]).ThenBy(f => leftIndex[f.From]))
        {
            var h = Math.Max(f.Value * scale, 0.6);
            var ya = starts[f] + h / 2;
            var yb = rightNext[f.To] + h / 2;
            rightNext[f.To] += f.Value * scale;
            var xa = x0 + nodeWidth;
            var mid = (xa + x1) / 2;
            sb.Append($"<path d=\"M{C(xa)},{C(ya)} C{C(mid)},{C(ya)} {C(mid)},{C(yb)} {C(x1)},{C(yb)}\" stroke=\"{colourOf[f.From]}\" stroke-width=\"{C(h)}\" fill=\"none\" stroke-opacity=\"0.42\"><title>{Encode(f.Tooltip)}</title></path>");
        }
        sb.Append("</g>");
        void Nodes(IReadOnlyList<FlowNode> nodes, Dictionary<string, double> y, Dictionary<string, double> totals, double x, bool labelLeft)
        {
            foreach (var n in nodes)
            {
                var h = Math.Max(totals[n.Key] * scale, 1);
                var open = n.Href is null ? "" : $"<a href=\"{Encode(n.Href)}\">";
                var close = n.Href is null ? "" : "</a>";
                sb.Append(open);
                sb.Append($"<rect x=\"{C(x)}\" y=\"{C(y[n.Key])}\" width=\"{C(nodeWidth)}\" height=\"{C(h)}\" fill=\"{n.Colour}\"><title>{Encode($"{n.Label}: {Number(totals[n.Key])} records")}</title></rect>");
                var tx = labelLeft ? x - 6 : x + nodeWidth + 6;
                sb.Append($"<text x=\"{C(tx)}\" y=\"{C(y[n.Key] + h / 2 + 4)}\" text-anchor=\"{(labelLeft ? "end" : "start")}\">{Encode(Truncate(n.Label, 44))}</text>");
                sb.Append(close);
            }
        }
        Nodes(left, leftY, leftTotals, x0, true);
        Nodes(right, rightY, rightTotals, x1, false);
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Horizontal stacked bars with a value axis from 0 to the largest bar.</summary>
    public static string BarChart(string title, IReadOnlyList<BarRow> rows, string valueFormat = "N0", double width = 560)
    {
        const double rowHeight = 24, labelWidth = 150, top = 8;
        var max = rows.Count == 0 ? 1 : Math.Max(1e-12, rows.Max(r => r.Segments.Sum(s => s.Value)));
        var plot = width - labelWidth - 70;
        var height = top + rows.Count * rowHeight + 6;
        var sb = new StringBuilder();
        sb.Append($"<svg class=\"chart bars\" viewBox=\"0 0 {C(width)} {C(height)}\" role=\"img\" aria-label=\"{Encode(title)}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{Encode(title)}</title>");
        for (var i = 0; i < rows.Count; i++)
        {
            var y = top + i * rowHeight;
            var x = labelWidth;
            sb.Append($"<text x=\"{C(labelWidth - 8)}\" y=\"{C(y + 15)}\" text-anchor=\"end\">{Encode(rows[i].Label)}</text>");
            foreach (var (value, colour, tooltip) in rows[i].Segments)
            {
                var w = value / max * plot;
                sb.Append($"<rect x=\"{C(x)}\" y=\"{C(y + 3)}\" width=\"{C(w)}\" height=\"{C(rowHeight - 8)}\" fill=\"{colour}\"><title>{Encode(tooltip)}</title></rect>");
                x += w;
            }
            sb.Append($"<text class=\"value\" x=\"{C(x + 6)}\" y=\"{C(y + 15)}\">{Number(rows[i].Segments.Sum(s => s.Value), valueFormat)}</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>A scatter plot on [0, 1] × [0, 1] with gridlines every 0.2; points may link to a page.</summary>
    public static string ScatterPlot(string title, IReadOnlyList<ScatterPoint> points, string xLabel, string yLabel, double width = 560, double height = 460)
    {
        const double left = 56, bottom = 46, top = 12, right = 14;
        var pw = width - left - right;
        var ph = height - top - bottom;
        double X(double v) => left + v * pw;
        double Y(double v) => top + (1 - v) * ph;
        var sb = new StringBuilder();
        sb.Append($"<svg class=\"chart scatter\" viewBox=\"0 0 {C(width)} {C(height)}\" role=\"img\" aria-label=\"{Encode(title)}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{Encode(title)}</title>");
        for (var t = 0; t <= 5; t++)
        {
            var v = t / 5.0;
            sb.Append($"<line class=\"grid\" x1=\"{C(X(v))}\" x2=\"{C(X(v))}\" y1=\"{C(top)}\" y2=\"{C(top + ph)}\"/><line class=\"grid\" x1=\"{C(left)}\" x2=\"{C(left + pw)}\" y1=\"{C(Y(v))}\" y2=\"{C(Y(v))}\"/>");
            sb.Append($"<text class=\"tick\" x=\"{C(X(v))}\" y=\"{C(top + ph + 16)}\" text-anchor=\"middle\">{Number(v, "0.0")}</text>");
            sb.Append($"<text class=\"tick\" x=\"{C(left - 8)}\" y=\"{C(Y(v) + 4)}\" text-anchor=\"end\">{Number(v, "0.0")}</text>");
        }
        sb.Append($"<text class=\"axis\" x=\"{C(left + pw / 2)}\" y=\"{C(height - 8)}\" text-anchor=\"middle\">{Encode(xLabel)}</text>");
        sb.Append($"<text class=\"axis\" transform=\"translate(14,{C(top + ph / 2)}) rotate(-90)\" text-anchor=\"middle\">{Encode(yLabel)}</text>");
        foreach (var p in points.OrderByDescending(p => p.Size))
        {
            if (p.Href is not null) sb.Append($"<a href=\"{Encode(p.Href)}\">");
            sb.Append($"<circle cx=\"{C(X(Math.Clamp(p.X, 0, 1)))}\" cy=\"{C(Y(Math.Clamp(p.Y, 0, 1)))}\" r=\"{C(p.Size)}\" fill=\"{p.Colour}\" fill-opacity=\"0.55\" stroke=\"{p.Colour}\"><title>{Encode(p.Tooltip)}</title></circle>");
            if (p.Href is not null) sb.Append("</a>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>Rows of dots on a [0, 1] axis, each row's dots joined by a line (a dumbbell plot when a row has two).</summary>
    public static string DotPlot(string title, IReadOnlyList<DotRow> rows, string axisLabel, double width = 620)
    {
        const double rowHeight = 22, labelWidth = 250, top = 10, bottom = 40, right = 20;
        var pw = width - labelWidth - right;
        var height = top + rows.Count * rowHeight + bottom;
        double X(double v) => labelWidth + Math.Clamp(v, 0, 1) * pw;
        var sb = new StringBuilder();
        sb.Append($"<svg class=\"chart dots\" viewBox=\"0 0 {C(width)} {C(height)}\" role=\"img\" aria-label=\"{Encode(title)}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{Encode(title)}</title>");
        var axisY = top + rows.Count * rowHeight;
        for (var t = 0; t <= 5; t++)
        {
            var v = t / 5.0;
            sb.Append($"<line class=\"grid\" x1=\"{C(X(v))}\" x2=\"{C(X(v))}\" y1=\"{C(top)}\" y2=\"{C(axisY)}\"/>");
            sb.Append($"<text class=\"tick\" x=\"{C(X(v))}\" y=\"{C(axisY + 16)}\" text-anchor=\"middle\">{Number(v, "0.0")}</text>");
        }
        sb.Append($"<text class=\"axis\" x=\"{C(labelWidth + pw / 2)}\" y=\"{C(height - 6)}\" text-anchor=\"middle\">{Encode(axisLabel)}</text>");
        for (var i = 0; i < rows.Count; i++)
        {
            var y = top + i * rowHeight + rowHeight / 2;
            var row = rows[i];
            if (row.Href is not null) sb.Append($"<a href=\"{Encode(row.Href)}\">");
            sb.Append($"<text x=\"{C(labelWidth - 8)}\" y=\"{C(y + 4)}\" text-anchor=\"end\">{Encode(Truncate(row.Label, 40))}</text>");
            if (row.Href is not null) sb.Append("</a>");
            if (row.Dots.Count > 1)
                sb.Append($"<line class=\"join\" x1=\"{C(X(row.Dots.Min(d => d.Value)))}\" x2=\"{C(X(row.Dots.Max(d => d.Value)))}\" y1=\"{C(y)}\" y2=\"{C(y)}\"/>");
            foreach (var d in row.Dots)
                sb.Append($"<circle cx=\"{C(X(d.Value))}\" cy=\"{C(y)}\" r=\"5\" fill=\"{d.Colour}\"><title>{Encode(d.Tooltip)}</title></circle>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    /// <summary>A legend: coloured swatches with labels.</summary>
    public static string Legend(IEnumerable<(string Colour, string Label)> items) =>
        "<div class=\"legend\">" + string.Concat(items.Select(i => $"<span><i style=\"background:{i.Colour}\"></i>{Encode(i.Label)}</span>")) + "</div>";

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
