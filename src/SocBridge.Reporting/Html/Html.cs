using System.Globalization;
using System.Net;

namespace SocBridge.Reporting.Html;

/// <summary>Small helpers for writing HTML text: encoding and invariant number formats.</summary>
internal static class Html
{
    /// <summary>Text made safe for element content and quoted attribute values.</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A number in the invariant culture with the given .NET format (e.g. "N0", "0.000").</summary>
    public static string Number(double value, string format = "N0") =>
        double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with one decimal.</summary>
    public static string Percent(double share) => double.IsNaN(share) ? "–" : (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A value for a data attribute that sorts numerically (invariant, round-trip).</summary>
    public static string SortKey(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>An SVG coordinate with two decimals.</summary>
    internal static string C(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
