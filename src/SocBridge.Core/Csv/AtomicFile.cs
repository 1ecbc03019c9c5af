using SocBridge.Core.Files;

namespace SocBridge.Core.Csv;

/// <summary>Writes a file through a temporary sibling and renames it into place, so readers never see half a file.</summary>
internal static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        using var files = new StagedFiles();
        files.Write(path, write);
        files.Publish();
    }

    public static void WriteText(string path, Action<TextWriter> write)
    {
        using var files = new StagedFiles();
        files.WriteText(path, write);
        files.Publish();
    }
}
