using SocBridge.Core.Classification;

namespace SocBridge.Core.Index;

/// <summary>
/// An entry of the ONS SOC2020 coding index (Volume 2). Every coded entry carries both SOC2010 and
/// SOC2020 unit groups. An entry whose codes are the ONS "see another entry" placeholder has no codes
/// (<see cref="IsSeeReference"/>); <see cref="SeeTargetId"/> names the entry its SEE text resolves to, if any.
/// </summary>
/// <param name="Id">The ONS entry id.</param>
/// <param name="RecordNumber">The ONS record number (the order of the index).</param>
/// <param name="DefaultFlag">The ONS default flag; non-empty for the entry ONS codes a bare title to.</param>
/// <param name="Soc2010">The SOC2010 unit group; null for a "see another entry" reference.</param>
/// <param name="Soc2020">The SOC2020 unit group; null for a "see another entry" reference.</param>
/// <param name="Soc2020Ext">The SOC2020 sub-unit (extension) code, when ONS gives one.</param>
/// <param name="Isco08">The ISCO-08 code ONS gives.</param>
/// <param name="Title">The job title.</param>
/// <param name="IndexedTitle">The title in ONS index order (e.g. "Accountant, cost").</param>
/// <param name="AdditionalQualifier">The ONS ADD qualifier (a specialism), possibly empty.</param>
/// <param name="IndustryQualifier">The ONS IND qualifier (an industry), possibly empty.</param>
/// <param name="See">The ONS SEE text, possibly empty.</param>
/// <param name="IsSeeReference">Whether the entry is a "see another entry" placeholder without codes.</param>
/// <param name="SeeTargetId">The id of the entry the SEE text resolves to; empty when none or several match.</param>
/// <param name="VersionNumber">The ONS version number of the entry.</param>
/// <param name="Change">The ONS change note of the entry.</param>
public sealed record CodingIndexEntry(
    string Id,
    int RecordNumber,
    string DefaultFlag,
    SocCode? Soc2010,
    SocCode? Soc2020,
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
    string Change)
{
    /// <summary>The entry's code in <paramref name="version"/>; null for a "see another entry" reference.</summary>
    /// <param name="version">An edition.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not an edition.</exception>
    public SocCode? Code(SocVersion version) => version.Select(Soc2010, Soc2020);

    /// <summary>The title with its qualifiers, e.g. "Accountant (cost) [manufacturing]".</summary>
    public string QualifiedTitle
    {
        get
        {
            var t = Title;
            if (AdditionalQualifier.Length > 0) t += $" ({AdditionalQualifier})";
            if (IndustryQualifier.Length > 0) t += $" [{IndustryQualifier}]";
            return t;
        }
    }
}
