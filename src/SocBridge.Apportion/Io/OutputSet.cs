using System.Security.Cryptography;
using SocBridge.Core.Files;

namespace SocBridge.Apportion.Io;

/// <summary>A file published by a run, as recorded in its metadata.</summary>
public sealed record PublishedFile(string Role, string Path, long Bytes, string Sha256);

/// <summary>
/// The files of one run, written as one unit. Each file is first written to a hidden temporary file in its
/// target folder (<c>.NAME.PID.GUID.tmp</c>); <see cref="Publish"/> hashes them (or takes the hash recorded while one was written), removes the previous
/// metadata, renames every file into place and writes the metadata last, carrying each file's SHA-256, so
/// a reader can check that a set belongs together. Disposing an unpublished set deletes its temporary files:
/// a failed run leaves nothing new behind. Temporary files left by a killed run are removed by the next run
/// to the same output (<see cref="StagedFiles.RemoveStale"/>).
/// </summary>
internal sealed class OutputSet : IDisposable
{
    private readonly List<(string Role, string Final, string Temp)> _staged = [];
    private readonly Dictionary<string, FileDigest> _digests = new(StringComparer.Ordinal);

    /// <summary>A temporary path for the file that will become <paramref name="final"/>; its folder is created.</summary>
    public string Stage(string role, string final)
    {
        var temp = StagedFiles.TempFor(final, "tmp");
        _staged.Add((role, final, temp));
        return temp;
    }

    /// <summary>
    /// Records the SHA-256 of a staged file computed while it was written, so <see cref="Publish"/> need not read it
    /// back; a file whose length is no longer the recorded one is hashed again.
    /// </summary>
    public void Hashed(string temp, FileDigest digest) => _digests[temp] = digest;

    /// <summary>The temporary path staged for <paramref name="final"/>, or null.</summary>
    public string? StagedPath(string final) => _staged.Where(s => s.Final == final).Select(s => s.Temp).FirstOrDefault();

    /// <summary>The files staged so far, by role and final name (sizes and hashes not yet known).</summary>
    public IReadOnlyList<PublishedFile> Preview() => _staged.Select(s => new PublishedFile(s.Role, Path.GetFileName(s.Final), 0, "")).ToArray();

    /// <summary>
    /// Hashes the staged files, then calls <paramref name="writeMetadata"/> to write the metadata to its
    /// temporary path, then renames everything into place (the metadata last).
    /// </summary>
    public IReadOnlyList<PublishedFile> Publish(string metadataPath, Action<string, IReadOnlyList<PublishedFile>> writeMetadata)
    {
        var metadataDir = Path.GetDirectoryName(Path.GetFullPath(metadataPath))!;
        var files = _staged.Where(s => File.Exists(s.Temp)).Select(s =>
        {
            var shown = Path.GetDirectoryName(s.Final) == metadataDir ? Path.GetFileName(s.Final) : s.Final;
            if (_digests.TryGetValue(s.Temp, out var known) && new FileInfo(s.Temp).Length == known.Bytes)
                return new PublishedFile(s.Role, shown, known.Bytes, known.Sha256);
            using var stream = new FileStream(s.Temp, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            var hash = Convert.ToHexStringLower(SHA256.HashData(stream));
            return new PublishedFile(s.Role, shown, stream.Length, hash);
        }).ToArray();
        var metadataTemp = Stage("metadata", metadataPath);
        writeMetadata(metadataTemp, files);
        // Without metadata a set is visibly incomplete: the old metadata goes first, the new comes last.
        if (File.Exists(metadataPath)) File.Delete(metadataPath);
        foreach (var (_, final, temp) in _staged)
            if (temp != metadataTemp && File.Exists(temp)) File.Move(temp, final, overwrite: true);
        File.Move(metadataTemp, metadataPath, overwrite: true);
        return files;
    }

    public void Dispose()
    {
        foreach (var (_, _, temp) in _staged) StagedFiles.TryDelete(temp);
    }
}
