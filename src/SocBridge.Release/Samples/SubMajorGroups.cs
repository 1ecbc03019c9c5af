using SocBridge.Core.Classification;

namespace SocBridge.Release.Samples;

/// <summary>
/// Sub-major groups of a SOC edition, from the release's hierarchy. Nomis labels its APS variables with
/// the title only (e.g. "All people - Health Professionals (SOC2010) : All people"), so the code is
/// recovered from the title.
/// </summary>
public static class SubMajorGroups
{
    /// <summary>The edition's label in Nomis variable names: "SOC2010" or "SOC2020".</summary>
    public static string Classification(SocHierarchy hierarchy) => $"SOC{hierarchy.Version.Year()}";

    /// <summary>All sub-major groups of the edition (code and ONS title), in code order.</summary>
    public static IReadOnlyList<(string Code, string Title)> For(SocHierarchy hierarchy) =>
        [.. hierarchy.AtLevel(SocLevel.SubMajor).OrderBy(g => g.Code).Select(g => (g.Code.ToString(), g.Title))];

    /// <summary>The 2-digit code of a sub-major title (case and surrounding spaces ignored), or null.</summary>
    public static string? CodeOf(SocHierarchy hierarchy, string title)
    {
        foreach (var (code, t) in For(hierarchy))
            if (string.Equals(t, title.Trim(), StringComparison.OrdinalIgnoreCase))
                return code;
        return null;
    }
}
