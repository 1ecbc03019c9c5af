namespace SocBridge.Core.Release;

/// <summary>
/// The files that make up a crosswalk release. Every data file is listed in <c>manifest.json</c>
/// with its SHA-256; the loader refuses a release whose files do not match.
/// </summary>
public static class ReleaseFiles
{
    public const string Manifest = "manifest.json";
    public const string Soc2010Groups = "soc2010_groups.csv";
    public const string Soc2020Groups = "soc2020_groups.csv";
    public const string Soc2020Descriptions = "soc2020_descriptions.json";
    public const string Soc2020Extensions = "soc2020_extensions.csv";
    public const string CodingIndex = "coding_index.csv";
    public const string RelationshipBases = "relationship_bases.csv";
    public const string RelationshipLinks = "relationship_links.csv";
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
