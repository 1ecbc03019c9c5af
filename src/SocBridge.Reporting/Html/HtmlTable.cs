using System.Text;

namespace SocBridge.Reporting.Html;

/// <summary>How a column sorts.</summary>
internal enum ColumnKind
{
    /// <summary>Sorted as text.</summary>
    Text,

    /// <summary>Sorted by each cell's number.</summary>
    Number,
}

/// <summary>A column of an <see cref="HtmlTable"/>; <paramref name="Hint"/> becomes the header's tooltip.</summary>
internal sealed record HtmlColumn(string Header, ColumnKind Kind = ColumnKind.Text, string? Hint = null);

/// <summary>A cell: its HTML and, for numbers, the value it sorts by.</summary>
internal readonly record struct HtmlCell(string Html, double? SortValue = null)
{
    /// <summary>A text cell; the text is HTML-encoded.</summary>
    /// <param name="text">The text.</param>
    public static HtmlCell Text(string text) => new(Reporting.Html.Html.Encode(text));

    /// <summary>A number cell, formatted with <paramref name="format"/> and sorted by its value.</summary>
    /// <param name="value">The value; NaN gives a cell without a sort value.</param>
    /// <param name="format">A .NET numeric format string.</param>
    public static HtmlCell Number(double value, string format = "N0") =>
        new(Reporting.Html.Html.Number(value, format), double.IsNaN(value) ? null : value);

    /// <summary>A text cell: see <see cref="Text"/>.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator HtmlCell(string text) => Text(text);
}

/// <summary>
/// A table that the page script sorts (click a header) and filters (a search box and any number of
/// drop-downs over named row attributes). Rows may carry <c>data-*</c> attributes for filters.
/// </summary>
internal sealed class HtmlTable(string id, IReadOnlyList<HtmlColumn> columns)
{
    private readonly StringBuilder _rows = new();
    private readonly List<(string Attribute, string Label, IReadOnlyList<string> Values)> _selects = [];
    private int _count;

    /// <summary>The table's HTML id.</summary>
    public string Id { get; } = id;

    /// <summary>Rows added.</summary>
    public int Count => _count;

    /// <summary>Adds a drop-down filter on a row attribute (<c>data-{attribute}</c>); rows match when the attribute's space-separated words contain the value.</summary>
    public HtmlTable AddSelectFilter(string attribute, string label, IReadOnlyList<string> values)
    {
        _selects.Add((attribute, label, values));
        return this;
    }

    /// <summary>Adds a row; <paramref name="attributes"/> become <c>data-*</c> attributes (used by filters and links).</summary>
    public HtmlTable AddRow(IReadOnlyList<HtmlCell> cells, IReadOnlyDictionary<string, string>? attributes = null)
    {
        if (cells.Count != columns.Count) throw new ArgumentException($"expected {columns.Count} cells, got {cells.Count}", nameof(cells));
        _rows.Append("<tr");
        if (attributes is not null)
            foreach (var (k, v) in attributes) _rows.Append($" data-{k}=\"{Html.Encode(v)}\"");
        _rows.Append('>');
        for (var i = 0; i < cells.Count; i++)
        {
            var c = cells[i];
            _rows.Append(columns[i].Kind == ColumnKind.Number ? "<td class=\"num\"" : "<td");
            if (c.SortValue is { } s) _rows.Append($" data-sort=\"{Html.SortKey(s)}\"");
            _rows.Append('>').Append(c.Html).Append("</td>");
        }
        _rows.Append("</tr>\n");
        _count++;
        return this;
    }

    /// <summary>The filter controls and the table.</summary>
    public string Render(string? caption = null)
    {
        var sb = new StringBuilder();
        sb.Append($"<div class=\"filters\" data-for=\"{Id}\"><input type=\"search\" class=\"filter-text\" placeholder=\"Filter by code or title…\" aria-label=\"Filter rows\">");
        foreach (var (attribute, label, values) in _selects)
        {
            sb.Append($"<label>{Html.Encode(label)} <select class=\"filter-select\" data-attr=\"{attribute}\"><option value=\"\">any</option>");
            foreach (var v in values) sb.Append($"<option value=\"{Html.Encode(v)}\">{Html.Encode(v)}</option>");
            sb.Append("</select></label>");
        }
        sb.Append($"<span class=\"count\" data-total=\"{_count}\">{_count} rows</span></div>");
        sb.Append($"<div class=\"table-wrap\"><table id=\"{Id}\" class=\"data sortable\">");
        if (caption is not null) sb.Append($"<caption>{Html.Encode(caption)}</caption>");
        sb.Append("<thead><tr>");
        foreach (var c in columns)
        {
            sb.Append($"<th data-kind=\"{(c.Kind == ColumnKind.Number ? "number" : "text")}\"");
            if (c.Hint is not null) sb.Append($" title=\"{Html.Encode(c.Hint)}\"");
            sb.Append($"><button type=\"button\">{Html.Encode(c.Header)}</button></th>");
        }
        sb.Append("</tr></thead><tbody>\n").Append(_rows).Append("</tbody></table></div>");
        return sb.ToString();
    }
}
