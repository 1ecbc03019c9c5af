namespace SocBridge.Core.Classification;

/// <summary>A structurally valid code names no group of the edition.</summary>
public sealed class UnknownSocCodeException(SocCode code, IReadOnlyList<SocGroup> suggestions)
    : Exception($"{code.ToQualifiedString()} is not a {code.Level.Name()} of SOC{code.Version.Year()}" +
                (suggestions.Count > 0 ? $"; nearest valid codes: {string.Join(", ", suggestions.Select(s => $"{s.Code} {s.DisplayTitle}"))}" : ""))
{
    public SocCode Code { get; } = code;
    public IReadOnlyList<SocGroup> Suggestions { get; } = suggestions;
}
