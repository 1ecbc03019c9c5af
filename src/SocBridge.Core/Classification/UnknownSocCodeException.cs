namespace SocBridge.Core.Classification;

/// <summary>A structurally valid code names no group of the edition.</summary>
/// <param name="code">The code that names no group.</param>
/// <param name="suggestions">The nearest valid codes, best first.</param>
public sealed class UnknownSocCodeException(SocCode code, IReadOnlyList<SocGroup> suggestions)
    : Exception($"{code.ToQualifiedString()} is not a {code.Level.Name()} of SOC{code.Version.Year()}" +
                (suggestions.Count > 0 ? $"; nearest valid codes: {string.Join(", ", suggestions.Select(s => $"{s.Code} {s.DisplayTitle}"))}" : ""))
{
    /// <summary>The code that names no group.</summary>
    public SocCode Code { get; } = code;
    /// <summary>The nearest valid codes, best first.</summary>
    public IReadOnlyList<SocGroup> Suggestions { get; } = suggestions;
}
