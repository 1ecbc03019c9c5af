using System.Reflection;

namespace SocBridge.Core.Release;

/// <summary>Where the files of a release are read from.</summary>
public interface IReleaseSource
{
    /// <summary>Human-readable location, used in error messages (e.g. a folder path).</summary>
    string Location { get; }

    /// <summary>The exact bytes of a release file, or null when the file is absent.</summary>
    byte[]? TryRead(string file);
}

/// <summary>A release in a folder, such as the repository's <c>crosswalks/</c>.</summary>
/// <param name="directory">The folder; relative paths are taken from the current directory.</param>
public sealed class DirectoryReleaseSource(string directory) : IReleaseSource
{
    /// <summary>The full path of the folder.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <summary>The full path of the folder.</summary>
    public string Location => Directory;

    /// <summary>The bytes of <paramref name="file"/> in the folder, or null when it is absent.</summary>
    /// <param name="file">A file name of the release.</param>
    /// <exception cref="IOException">The file exists but cannot be read.</exception>
    public byte[]? TryRead(string file)
    {
        var path = Path.Combine(Directory, file);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }
}

/// <summary>The release compiled into SocBridge.Core, so the software runs from any working directory.</summary>
public sealed class EmbeddedReleaseSource : IReleaseSource
{
    private const string Prefix = "SocBridge.Release.";
    private readonly Assembly _assembly = typeof(EmbeddedReleaseSource).Assembly;

    /// <summary>Names the assembly the release is compiled into.</summary>
    public string Location => $"embedded in {_assembly.GetName().Name}";

    /// <summary>Whether the assembly holds a release (it does unless it was built without <c>crosswalks/</c>).</summary>
    public bool IsPresent => _assembly.GetManifestResourceInfo(Prefix + ReleaseFiles.Manifest) is not null;

    /// <summary>The bytes of the embedded <paramref name="file"/>, or null when it is not embedded.</summary>
    /// <param name="file">A file name of the release.</param>
    public byte[]? TryRead(string file)
    {
        using var stream = _assembly.GetManifestResourceStream(Prefix + file);
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
