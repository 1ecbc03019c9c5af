using SocBridge.Core.Classification;

namespace SocBridge.Core.Index;

/// <summary>
/// An entry of the ONS SOC2020 coding index (Volume 2). Every coded entry carries both SOC2010 and
/// SOC2020 unit groups. An entry whose codes are the ONS "see another entry" placeholder has no codes
/// (<see cref="IsSeeReference"/>); <see cref="SeeTargetId"/> names the entry its SEE text resolves to, if any.
/// </summary>
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
