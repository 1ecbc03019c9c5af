namespace SocBridge.Core.Classification;

/// <summary>A group of a SOC hierarchy with its ONS title and a display title in normal case.</summary>
public sealed record SocGroup(SocCode Code, string Title, string DisplayTitle, SocCode? Parent, IReadOnlyList<SocCode> Children)
{
    public SocVersion Version => Code.Version;
    public SocLevel Level => Code.Level;
}
