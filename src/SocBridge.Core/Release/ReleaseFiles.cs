namespace SocBridge.Core.Release;

/// <summary>
/// The files that make up a crosswalk release. Every data file is listed in <c>manifest.json</c>
/// with its SHA-256; the loader refuses a release whose files do not match.
/// </summary>
public static class ReleaseFiles
{
    /// <summary>The manifest: provenance, licence, and the SHA-256 and row count of every data file.</summary>
    public const string Manifest = "manifest.json";
    /// <summary>Every SOC2010 group, all levels (CSV).</summary>
    public const string Soc2010Groups = "soc2010_groups.csv";
    /// <summary>Every SOC2020 group, all levels (CSV).</summary>
    public const string Soc2020Groups = "soc2020_groups.csv";
    /// <summary>The ONS SOC2020 Volume 1 descriptions (JSON).</summary>
    public const string Soc2020Descriptions = "soc2020_descriptions.json";
    /// <summary>The SOC2020 sub-unit (extension) codes (CSV).</summary>
    public const string Soc2020Extensions = "soc2020_extensions.csv";
    /// <summary>The ONS SOC2020 coding index, Volume 2 (CSV).</summary>
    public const string CodingIndex = "coding_index.csv";
    /// <summary>The sample bases of each SOC2010 unit group in the relationship table (CSV).</summary>
    public const string RelationshipBases = "relationship_bases.csv";
    /// <summary>The relationship table in long form: one row per pair and sample cell (CSV).</summary>
    public const string RelationshipLinks = "relationship_links.csv";
    /// <summary>The share of each SOC2010 group and cell that ONS allocated to no listed SOC2020 group (CSV).</summary>
    public const string RelationshipResiduals = "relationship_residuals.csv";

    /// <summary>Data files in the order they are written and hashed.</summary>
    public static IReadOnlyList<string> DataFiles { get; } =
    [
        Soc2010Groups,
        Soc2020Groups,
        Soc2020Descriptions,
        Soc2020Extensions,
        CodingIndex,
        RelationshipBases,
        RelationshipLinks,
        RelationshipResiduals,
    ];
}
