namespace SocBridge.Core.Release;

/// <summary>A release file is missing, edited or corrupted; <see cref="File"/> names it.</summary>
public sealed class ReleaseIntegrityException(string file, string message) : Exception($"{file}: {message}")
{
    public string File { get; } = file;
}
