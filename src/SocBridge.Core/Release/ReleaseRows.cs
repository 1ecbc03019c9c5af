namespace SocBridge.Core.Release;

// Row shapes of the release CSV files. The release builder writes them and the loader reads them,
// so the column names live in one place. Column order in the file follows the parameter order.

/// <summary>One group of a SOC hierarchy (any level). <c>parent</c> is empty for major groups.</summary>
internal sealed record GroupRow(
    string Code,
    int Level,
    string Parent,
    string Title,
    string DisplayTitle);

/// <summary>A SOC2020 sub-unit group (extension code such as <c>2134/01</c>).</summary>
/// <param name="Code">The extension code, e.g. "2134/01".</param>
/// <param name="UnitGroup">The unit group it belongs to, e.g. "2134".</param>
/// <param name="Title">Its title.</param>
public sealed record ExtensionRow(
    string Code,
    string UnitGroup,
    string Title);

/// <summary>
/// One entry of the ONS SOC2020 coding index (Volume 2). Code columns are empty when ONS gives the
/// "see another entry" placeholder; then <c>see_reference</c> is true and <c>see_target_id</c> names
/// the entry the SEE text resolves to, when exactly one such entry exists.
/// </summary>
internal sealed record IndexRow(
    string Id,
    int RecordNumber,
    string DefaultFlag,
    string Soc2010,
    string Soc2020,
    string Soc2020Ext,
    string Isco08,
    string Title,
    string IndexedTitle,
    string AdditionalQualifier,
    string IndustryQualifier,
    string See,
    bool IsSeeReference,
    string SeeTargetId,
    string VersionNumber,
    string Change);

/// <summary>Sample bases of one SOC2010 unit group in the ONS dual-coded relationship table.</summary>
internal sealed record RelationshipBaseRow(
    string Soc2010,
    int LfsMen,
    int LfsWomen,
    int CensusMen,
    int CensusWomen);

/// <summary>
/// One (SOC2010, SOC2020, source, sex) cell of the relationship table in long form.
/// <c>joint_count</c> = base × proportion, the number of dual-coded sample records in the cell.
/// </summary>
internal sealed record RelationshipLinkRow(
    string Soc2010,
    string Soc2020,
    string Source,
    string Sex,
    double Proportion,
    double JointCount);

/// <summary>
/// Per SOC2010 group, source and sex: the base, the sum of the listed proportions and the residual
/// (1 − sum) that ONS did not allocate to any listed SOC2020 group.
/// </summary>
internal sealed record RelationshipResidualRow(
    string Soc2010,
    string Source,
    string Sex,
    int Base,
    double ProportionSum,
    double Residual);

/// <summary>Volume 1 description of one SOC2020 group (any level); list fields are split on the ONS '~' bullets.</summary>
/// <param name="Code">The group's code.</param>
/// <param name="Level">The group's level (number of digits).</param>
/// <param name="Title">The group's title.</param>
/// <param name="GroupsWithin">The groups one level down, as ONS lists them.</param>
/// <param name="Description">What jobs in the group do.</param>
/// <param name="EntryRoutes">Entry routes and qualifications.</param>
/// <param name="Tasks">The tasks, one per bullet.</param>
/// <param name="RelatedJobTitles">Related job titles, one per bullet.</param>
public sealed record DescriptionRecord(
    string Code,
    int Level,
    string Title,
    string GroupsWithin,
    string Description,
    string EntryRoutes,
    IReadOnlyList<string> Tasks,
    IReadOnlyList<string> RelatedJobTitles);
