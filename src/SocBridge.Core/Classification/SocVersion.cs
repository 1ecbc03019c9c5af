namespace SocBridge.Core.Classification;

/// <summary>
/// An edition of the UK Standard Occupational Classification. The underlying value is the year.
/// <c>default(SocVersion)</c> (0) names no edition: every member of the library that takes an edition
/// rejects it with <see cref="ArgumentOutOfRangeException"/> rather than reading it as either edition.
/// </summary>
public enum SocVersion
{
    /// <summary>SOC2010, the edition used by ONS from 2011 to 2020.</summary>
    Soc2010 = 2010,

    /// <summary>SOC2020, the edition used by ONS from 2021.</summary>
    Soc2020 = 2020,
}

/// <summary>Helpers for <see cref="SocVersion"/>: the editions, their names and parsing.</summary>
public static class SocVersions
{
    /// <summary>Both editions, oldest first.</summary>
    public static IReadOnlyList<SocVersion> All { get; } = Array.AsReadOnly([SocVersion.Soc2010, SocVersion.Soc2020]);

    /// <summary>Whether <paramref name="version"/> is one of the two editions (and not, say, <c>default</c>).</summary>
    /// <param name="version">The value to check.</param>
    public static bool IsDefined(this SocVersion version) => version is SocVersion.Soc2010 or SocVersion.Soc2020;

    /// <summary>The other edition: the target of a translation from <paramref name="version"/>.</summary>
    /// <param name="version">An edition.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not an edition.</exception>
    public static SocVersion Other(this SocVersion version) => version switch
    {
        SocVersion.Soc2010 => SocVersion.Soc2020,
        SocVersion.Soc2020 => SocVersion.Soc2010,
        _ => throw Undefined(version),
    };

    /// <summary>The year as text, as used in column names and on the command line ("2010").</summary>
    /// <param name="version">An edition.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not an edition.</exception>
    public static string Year(this SocVersion version) => version switch
    {
        SocVersion.Soc2010 => "2010",
        SocVersion.Soc2020 => "2020",
        _ => throw Undefined(version),
    };

    /// <summary>Column name used for codes of this edition, e.g. <c>soc2020</c>.</summary>
    /// <param name="version">An edition.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not an edition.</exception>
    public static string ColumnName(this SocVersion version) => "soc" + version.Year();

    /// <summary>Parses an edition; accepts 2010, 2020, soc2010, SOC2020, 10 and 20 (any case, surrounding space ignored).</summary>
    /// <param name="text">The text to parse; null is not an edition.</param>
    /// <param name="version">The edition, when the text names one.</param>
    /// <returns>Whether the text names an edition.</returns>
    public static bool TryParse(string? text, out SocVersion version)
    {
        var t = (text ?? "").Trim().ToLowerInvariant();
        if (t.StartsWith("soc", StringComparison.Ordinal)) t = t[3..];
        switch (t)
        {
            case "2010" or "10": version = SocVersion.Soc2010; return true;
            case "2020" or "20": version = SocVersion.Soc2020; return true;
            default: version = default; return false;
        }
    }

    /// <summary>Picks the value for <paramref name="version"/>, refusing anything that is not an edition.</summary>
    internal static T Select<T>(this SocVersion version, T soc2010, T soc2020) => version switch
    {
        SocVersion.Soc2010 => soc2010,
        SocVersion.Soc2020 => soc2020,
        _ => throw Undefined(version),
    };

    internal static ArgumentOutOfRangeException Undefined(SocVersion version, string paramName = "version") =>
        new(paramName, (int)version, $"{(int)version} is not a SOC edition; expected {(int)SocVersion.Soc2010} or {(int)SocVersion.Soc2020}");
}
