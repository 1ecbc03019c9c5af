namespace SocBridge.Release.Manifest;

/// <summary>An ONS original the release is built from, as described in shared/ons/SOURCES.md.</summary>
internal sealed record OnsSource(string FileName, string Title, string Url, string ExpectedSha256);

/// <summary>
/// The ONS originals the release builder reads, with the ONS title and address recorded for each in
/// SOURCES.md and the SHA-256 of the edition the importer was written against.
/// </summary>
internal static class OnsSourceCatalog
{
    public static readonly OnsSource Soc2010Structure = new(
        "soc2010_structure_colectica.ddi3.xml",
        "SOC2010 structure (DDI 3.2 code list converted from the ONS SOC2010 structure spreadsheet)",
        "http://www.ons.gov.uk/ons/guide-method/classifications/current-standard-classifications/soc2010/soc2010-structure--excel-download-.xls",
        "94cf00e564fd1cf3d980e6f83260848fc70471644d9e581a4ba57f2ef941609c");

    public static readonly OnsSource CodingIndex = new(
        "soc2020volume2thecodingindexexcel16042025.xlsx",
        "SOC 2020 Volume 2: the coding index (Version 12, 16 April 2025)",
        "https://www.ons.gov.uk/methodology/classificationsandstandards/standardoccupationalclassificationsoc/soc2020/soc2020volume2codingrulesandconventions",
        "1e9db61a04a95a76a17328813fab5ea6c5e52b2a50005f3cd4d2c876f61c119d");

    public static readonly OnsSource Volume1 = new(
        "soc2020volume1structureanddescriptionofunitgroupsexcel16042025.xlsx",
        "SOC 2020 Volume 1: structure and descriptions of unit groups (16 April 2025)",
        "https://www.ons.gov.uk/methodology/classificationsandstandards/standardoccupationalclassificationsoc/soc2020/soc2020volume1structureanddescriptionsofunitgroups",
        "4a858417d9329e438fc547a90b255a075df8c7f0a43667ddaa9235c6d91eafaa");

    public static readonly OnsSource RelationshipTables = new(
        "ons_soc2010_soc2020_relationship_tables.xlsx",
        "Relationship between Standard Occupational Classification 2010 and Standard Occupational Classification 2020 (unit groups, SOC2010 to SOC2020)",
        "https://www.ons.gov.uk/methodology/classificationsandstandards/standardoccupationalclassificationsoc/soc2020/relationshipbetweenstandardoccupationalclassification2010andstandardoccupationalclassification2020",
        "3d18379428e4a8d2990ff589145aefc6bf641e558eb19363b9dcb9bc17ec9876");

    /// <summary>All sources in the order the manifest lists them.</summary>
    public static IReadOnlyList<OnsSource> All { get; } = [Soc2010Structure, CodingIndex, Volume1, RelationshipTables];
}
