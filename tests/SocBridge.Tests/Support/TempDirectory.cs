namespace SocBridge.Tests.Support;

/// <summary>A folder for one test's files, deleted afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "socbridge-tests-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The names of the files and folders directly in the folder, in ordinal order.</summary>
    public string[] Names() => [.. Directory.GetFileSystemEntries(Path).Select(e => System.IO.Path.GetFileName(e)).Order(StringComparer.Ordinal)];

    public string Write(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
