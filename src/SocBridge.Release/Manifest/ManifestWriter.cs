using System.Security.Cryptography;
using System.Text;
using SocBridge.Core.Release;

namespace SocBridge.Release.Manifest;

/// <summary>Builds the release manifest from the written outputs and the sources read.</summary>
internal static class ManifestWriter
{
    public const string ReleaseIdPrefix = "soc-crosswalk-";

    /// <summary>
    /// The release id: "soc-crosswalk-" and the first 12 hex digits of the SHA-256 of the output hashes
    /// (lower-case hex, in <see cref="ReleaseFiles.DataFiles"/> order) joined without separator. The same
    /// data therefore always gives the same id, and any change of data gives a new one.
    /// </summary>
    public static string ReleaseId(IReadOnlyList<OutputFile> outputs)
    {
        var joined = string.Concat(outputs.Select(o => o.Sha256));
        return ReleaseIdPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(joined)))[..12];
    }

    public static ReleaseManifest Create(
        IReadOnlyList<SourceFile> sources,
        IReadOnlyList<OutputFile> outputs,
        IReadOnlyDictionary<string, int> counts) =>
        new(
            ReleaseId(outputs),
            ReleaseManifest.CurrentFormatVersion,
            ReleaseManifest.OglLicence,
            ReleaseManifest.OglAttribution,
            sources,
            outputs,
            // Sorted by key so the manifest text never depends on the order figures were collected in.
            new SortedDictionary<string, int>(counts.ToDictionary(), StringComparer.Ordinal));
}
