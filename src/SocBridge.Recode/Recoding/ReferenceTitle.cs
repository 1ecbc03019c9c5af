using SocBridge.Core.Classification;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Recoding;

/// <summary>Where a reference title comes from.</summary>
internal enum ReferenceSource
{
    /// <summary>An entry of the ONS coding index (dual-coded).</summary>
    CodingIndex,

    /// <summary>A related job title listed for a unit group in SOC2020 Volume 1 (SOC2020 only).</summary>
    Volume1,
}

/// <summary>A coded title the recoder and coder compare against.</summary>
internal sealed record ReferenceTitle(
    string Display,
    TitleTerms Terms,
    SocCode? Soc2010,
    SocCode Soc2020,
    string Soc2020Ext,
    ReferenceSource Source,
    string? EntryId);
