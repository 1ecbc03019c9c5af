namespace SocBridge.Core.Classification;

/// <summary>A group of a SOC hierarchy with its ONS title and a display title in normal case.</summary>
/// <param name="Code">The group's code.</param>
/// <param name="Title">The title as ONS publishes it (major group titles are in capitals).</param>
/// <param name="DisplayTitle">The title in sentence case, for display.</param>
/// <param name="Parent">The group one level up; null for a major group.</param>
/// <param name="Children">The groups one level down, in code order; empty for a unit group.</param>
public sealed record SocGroup(SocCode Code, string Title, string DisplayTitle, SocCode? Parent, IReadOnlyList<SocCode> Children)
{
    /// <summary>The edition of the group.</summary>
    public SocVersion Version => Code.Version;

    /// <summary>The level of the group.</summary>
    public SocLevel Level => Code.Level;
}
