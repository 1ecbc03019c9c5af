using System.Security.Cryptography;

namespace SocBridge.Core.Release;

/// <summary>The check of one release file against the manifest.</summary>
/// <param name="File">The file name.</param>
/// <param name="ExpectedSha256">The SHA-256 the manifest records ("(not in manifest)" when it does not list the file).</param>
/// <param name="ActualSha256">The SHA-256 of the file; null when it is missing.</param>
/// <param name="ExpectedRows">The row count the manifest records.</param>
public sealed record FileCheck(string File, string ExpectedSha256, string? ActualSha256, int ExpectedRows)
{
    /// <summary>Whether the file is present and its SHA-256 matches the manifest.</summary>
    public bool Ok => ActualSha256 == ExpectedSha256;

    /// <summary>What is wrong with the file; empty when <see cref="Ok"/>.</summary>
    public string Problem => ActualSha256 is null
        ? "file is missing"
        : Ok ? "" : $"SHA-256 is {ActualSha256} but the manifest says {ExpectedSha256}: the file was edited or corrupted";
}

/// <summary>Checks every release file against the SHA-256 recorded in the manifest.</summary>
public static class ReleaseVerifier
{
    internal static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Reads and parses the manifest of a release.</summary>
    /// <param name="source">Where the release is.</param>
    /// <exception cref="ReleaseIntegrityException">The manifest is missing, not valid JSON, or of another format version.</exception>
    public static ReleaseManifest ReadManifest(IReleaseSource source)
    {
        var bytes = source.TryRead(ReleaseFiles.Manifest)
                    ?? throw new ReleaseIntegrityException(Path.Combine(source.Location, ReleaseFiles.Manifest), "the release has no manifest");
        try
        {
            var manifest = ReleaseManifest.Parse(System.Text.Encoding.UTF8.GetString(bytes));
            if (manifest.FormatVersion != ReleaseManifest.CurrentFormatVersion)
                throw new ReleaseIntegrityException(Path.Combine(source.Location, ReleaseFiles.Manifest),
                    $"format version {manifest.FormatVersion} is not supported (expected {ReleaseManifest.CurrentFormatVersion})");
            return manifest;
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ReleaseIntegrityException(Path.Combine(source.Location, ReleaseFiles.Manifest), $"not valid JSON ({e.Message})");
        }
    }

    /// <summary>Checks every data file; also reports data files the manifest does not list.</summary>
    /// <param name="source">Where the release is.</param>
    /// <param name="manifest">Its manifest (see <see cref="ReadManifest"/>).</param>
    /// <returns>One check per file of <see cref="ReleaseFiles.DataFiles"/>, in that order.</returns>
    public static IReadOnlyList<FileCheck> Check(IReleaseSource source, ReleaseManifest manifest)
    {
        var checks = new List<FileCheck>();
        foreach (var file in ReleaseFiles.DataFiles)
        {
            var entry = manifest.Outputs.FirstOrDefault(o => o.File == file);
            var bytes = source.TryRead(file);
            if (entry is null)
            {
                checks.Add(new FileCheck(file, "(not in manifest)", bytes is null ? null : Sha256Hex(bytes), 0));
                continue;
            }
            checks.Add(new FileCheck(file, entry.Sha256, bytes is null ? null : Sha256Hex(bytes), entry.Rows));
        }
        return checks;
    }

    /// <summary>
    /// The bytes of one data file, after checking them against the manifest; throws
    /// <see cref="ReleaseIntegrityException"/> naming the file when it is missing, unlisted or altered.
    /// </summary>
    internal static byte[] ReadVerified(IReleaseSource source, ReleaseManifest manifest, string file)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(manifest);
        var path = Path.Combine(source.Location, file);
        var entry = manifest.Outputs.FirstOrDefault(o => o.File == file)
                    ?? throw new ReleaseIntegrityException(path, "the manifest does not list this file");
        var bytes = source.TryRead(file);
        var check = new FileCheck(file, entry.Sha256, bytes is null ? null : Sha256Hex(bytes), entry.Rows);
        return check.Ok ? bytes! : throw new ReleaseIntegrityException(path, check.Problem);
    }

    /// <summary>Throws <see cref="ReleaseIntegrityException"/> when the manifest does not list every data file (no file is read).</summary>
    internal static void CheckListed(IReleaseSource source, ReleaseManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(manifest);
        foreach (var file in ReleaseFiles.DataFiles)
            if (!manifest.Outputs.Any(o => o.File == file))
                throw new ReleaseIntegrityException(Path.Combine(source.Location, file), "the manifest does not list this file");
    }

    /// <summary>Checks the manifest and every data file; throws <see cref="ReleaseIntegrityException"/> naming the first file that fails.</summary>
    /// <param name="source">Where the release is.</param>
    /// <returns>The manifest, when every file matches it.</returns>
    /// <exception cref="ReleaseIntegrityException">The manifest is missing or unreadable, or a file is missing, unlisted or altered.</exception>
    public static ReleaseManifest Verify(IReleaseSource source)
    {
        var manifest = ReadManifest(source);
        foreach (var check in Check(source, manifest))
            if (!check.Ok)
                throw new ReleaseIntegrityException(Path.Combine(source.Location, check.File), check.Problem);
        return manifest;
    }
}
