using System.Reflection;
using System.Text;

namespace SocBridge.Reporting.Html;

/// <summary>
/// A self-contained, offline HTML page with tabbed sections: the project's stylesheet and script are
/// inlined, a Content-Security-Policy forbids every network request, and data for scripts is embedded
/// as JSON. The audit report is one such page; a per-run apportionment report can be another (add its
/// sections and, if it needs client-side rendering, a data block and a script of its own).
/// </summary>
internal sealed class HtmlPage(string title, string subtitle)
{
    /// <summary>Nothing may be fetched: no scripts, styles, images, fonts or connections from anywhere.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    private readonly List<(string Id, string Label, string Body)> _sections = [];
    private readonly List<(string Id, string Json)> _data = [];
    private readonly List<string> _scripts = [];

    /// <summary>Text shown in the page footer (provenance, licence).</summary>
    public string Footer { get; set; } = "";

    /// <summary>Adds a tab. The first section added is shown when the page opens.</summary>
    /// <param name="id">Element id and URL fragment (letters, digits and '-').</param>
    /// <param name="label">Text of the navigation link; null for a section reached only by links (such as a detail page).</param>
    /// <param name="body">The section's HTML.</param>
    public HtmlPage AddSection(string id, string? label, string body)
    {
        if (string.IsNullOrEmpty(id) || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw new ArgumentException($"section id '{id}' must be letters, digits and '-'", nameof(id));
        _sections.Add((id, label ?? "", body));
        return this;
    }

    /// <summary>Embeds JSON for the page's scripts as <c>&lt;script type="application/json" id=…&gt;</c>. The JSON must escape '&lt;' (System.Text.Json does by default).</summary>
    public HtmlPage AddData(string id, string json)
    {
        if (json.Contains("</", StringComparison.Ordinal)) throw new ArgumentException("embedded JSON must not contain '</'", nameof(json));
        _data.Add((id, json));
        return this;
    }

    /// <summary>Adds a script of the project's own (one of the embedded assets, or text).</summary>
    public HtmlPage AddScript(string javaScript)
    {
        _scripts.Add(javaScript);
        return this;
    }

    /// <summary>Writes the whole page.</summary>
    public void Render(TextWriter w)
    {
        w.Write("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        w.Write($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\">");
        w.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        w.Write("<link rel=\"icon\" href=\"data:,\">");
        w.Write($"<title>{Html.Encode(title)}</title><style>");
        w.Write(Asset("report.css"));
        w.Write("</style></head><body>\n<header class=\"top\"><div class=\"brand\"><h1>");
        w.Write(Html.Encode(title));
        w.Write("</h1><p>");
        w.Write(Html.Encode(subtitle));
        w.Write("</p></div><nav>");
        foreach (var (id, label, _) in _sections.Where(s => s.Label.Length > 0))
            w.Write($"<a href=\"#{id}\" data-tab=\"{id}\">{Html.Encode(label)}</a>");
        w.Write("</nav></header>\n<main>");
        foreach (var (id, _, body) in _sections)
        {
            w.Write($"<section id=\"{id}\" class=\"tab\">");
            w.Write(body);
            w.Write("</section>\n");
        }
        w.Write("</main><footer>");
        w.Write(Html.Encode(Footer));
        w.Write("</footer>\n");
        foreach (var (id, json) in _data) w.Write($"<script type=\"application/json\" id=\"{id}\">{json}</script>\n");
        w.Write("<script>");
        w.Write(Asset("report.js"));
        foreach (var s in _scripts) w.Write(s);
        w.Write("</script></body></html>\n");
    }

    /// <summary>The page as a string.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(1 << 20);
        using var w = new StringWriter(sb);
        Render(w);
        return sb.ToString();
    }

    /// <summary>An embedded asset of this library (report.css, report.js, audit.js).</summary>
    public static string Asset(string name)
    {
        using var stream = typeof(HtmlPage).Assembly.GetManifestResourceStream("SocBridge.Reporting." + name)
            ?? throw new InvalidOperationException($"asset {name} is not embedded in {typeof(HtmlPage).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
