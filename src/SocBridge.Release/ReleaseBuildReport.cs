using SocBridge.Core.Release;

namespace SocBridge.Release;

/// <summary>What a release build produced.</summary>
/// <param name="ReleaseId">Content-derived id, also in the manifest.</param>
/// <param name="OutputDirectory">Full path of the folder the release was written to.</param>
/// <param name="Outputs">Data files with SHA-256 and row counts, as listed in the manifest.</param>
/// <param name="Counts">The figures recorded in the manifest's <c>counts</c>.</param>
/// <param name="Warnings">Things in the sources worth a look that did not stop the build (e.g. title mismatches).</param>
public sealed record ReleaseBuildReport(
    string ReleaseId,
    string OutputDirectory,
    IReadOnlyList<OutputFile> Outputs,
    IReadOnlyDictionary<string, int> Counts,
    IReadOnlyList<string> Warnings);
