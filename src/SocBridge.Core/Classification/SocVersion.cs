namespace SocBridge.Core.Classification;

/// <summary>An edition of the UK Standard Occupational Classification.</summary>
public enum SocVersion
{
    Soc2010 = 2010,
    Soc2020 = 2020,
}

public static class SocVersions
{
    public static IReadOnlyList<SocVersion> All { get; } = [SocVersion.Soc2010, SocVersion.Soc2020];

    /// <summary>The other edition: the target of a translation from <paramref name="version"/>.</summary>
    public static SocVersion Other(this SocVersion version) =>
        version == SocVersion.Soc2010 ? SocVersion.Soc2020 : SocVersion.Soc2010;

    /// <summary>The year as text, as used in column names and on the command line ("2010").</summary>
    public static string Year(this SocVersion version) => ((int)version).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Column name used for codes of this edition, e.g. <c>soc2020</c>.</summary>
    public static string ColumnName(this SocVersion version) => "soc" + version.Year();

    /// <summary>Accepts 2010, 2020, soc2010, SOC2020, 10, 20.</summary>
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
}
