using System.Collections.Immutable;

namespace SocBridge.Release.Samples;

/// <summary>
/// Sub-major group titles of SOC2010 and SOC2020 with their 2-digit codes. Nomis labels its APS
/// variables with the title only (e.g. "All people - Health Professionals (SOC2010) : All people"),
/// so the code is recovered from the title.
/// </summary>
public static class SubMajorGroups
{
    private static readonly ImmutableArray<(string Code, string Title)> Soc2010Groups =
    [
        ("11", "Corporate Managers and Directors"),
        ("12", "Other Managers and Proprietors"),
        ("21", "Science, Research, Engineering and Technology Professionals"),
        ("22", "Health Professionals"),
        ("23", "Teaching and Educational Professionals"),
        ("24", "Business, Media and Public Service Professionals"),
        ("31", "Science, Engineering and Technology Associate Professionals"),
        ("32", "Health and Social Care Associate Professionals"),
        ("33", "Protective Service Occupations"),
        ("34", "Culture, Media and Sports Occupations"),
        ("35", "Business and Public Service Associate Professionals"),
        ("41", "Administrative Occupations"),
        ("42", "Secretarial and Related Occupations"),
        ("51", "Skilled Agricultural and Related Trades"),
        ("52", "Skilled Metal, Electrical and Electronic Trades"),
        ("53", "Skilled Construction and Building Trades"),
        ("54", "Textiles, Printing and Other Skilled Trades"),
        ("61", "Caring Personal Service Occupations"),
        ("62", "Leisure, Travel and Related Personal Service Occupations"),
        ("71", "Sales Occupations"),
        ("72", "Customer Service Occupations"),
        ("81", "Process, Plant and Machine Operatives"),
        ("82", "Transport and Mobile Machine Drivers and Operatives"),
        ("91", "Elementary Trades and Related Occupations"),
        ("92", "Elementary Administration and Service Occupations"),
    ];

    private static readonly ImmutableArray<(string Code, string Title)> Soc2020Groups =
    [
        ("11", "Corporate Managers and Directors"),
        ("12", "Other Managers and Proprietors"),
        ("21", "Science, Research, Engineering and Technology Professionals"),
        ("22", "Health Professionals"),
        ("23", "Teaching and Other Educational Professionals"),
        ("24", "Business, Media and Public Service Professionals"),
        ("31", "Science, Engineering and Technology Associate Professionals"),
        ("32", "Health and Social Care Associate Professionals"),
        ("33", "Protective Service Occupations"),
        ("34", "Culture, Media and Sports Occupations"),
        ("35", "Business and Public Service Associate Professionals"),
        ("41", "Administrative Occupations"),
        ("42", "Secretarial and Related Occupations"),
        ("51", "Skilled Agricultural and Related Trades"),
        ("52", "Skilled Metal, Electrical and Electronic Trades"),
        ("53", "Skilled Construction and Building Trades"),
        ("54", "Textiles, Printing and Other Skilled Trades"),
        ("61", "Caring Personal Service Occupations"),
        ("62", "Leisure, Travel and Related Personal Service Occupations"),
        ("63", "Community and Civil Enforcement Occupations"),
        ("71", "Sales Occupations"),
        ("72", "Customer Service Occupations"),
        ("81", "Process, Plant and Machine Operatives"),
        ("82", "Transport and Mobile Machine Drivers and Operatives"),
        ("91", "Elementary Trades and Related Occupations"),
        ("92", "Elementary Administration and Service Occupations"),
    ];

    /// <summary>All sub-major groups of a classification ("SOC2010" or "SOC2020"), in code order.</summary>
    public static IReadOnlyList<(string Code, string Title)> For(string classification) => classification switch
    {
        "SOC2010" => Soc2010Groups,
        "SOC2020" => Soc2020Groups,
        _ => throw new ArgumentOutOfRangeException(nameof(classification), classification, "expected SOC2010 or SOC2020"),
    };

    /// <summary>The 2-digit code of a sub-major title (case and surrounding spaces ignored), or null.</summary>
    public static string? CodeOf(string classification, string title)
    {
        foreach (var (code, t) in For(classification))
            if (string.Equals(t, title.Trim(), StringComparison.OrdinalIgnoreCase))
                return code;
        return null;
    }
}
