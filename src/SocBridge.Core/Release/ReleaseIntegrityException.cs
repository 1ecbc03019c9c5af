namespace SocBridge.Core.Release;

/// <summary>A release file is missing, edited or corrupted; <see cref="File"/> names it.</summary>
/// <param name="file">The file, with the release's location.</param>
/// <param name="message">What is wrong with it.</param>
public sealed class ReleaseIntegrityException(string file, string message) : Exception($"{file}: {message}")
{
    /// <summary>The file, with the release's location.</summary>
    public string File { get; } = file;
}
