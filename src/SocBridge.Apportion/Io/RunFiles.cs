using SocBridge.Core.Files;

namespace SocBridge.Apportion.Io;

/// <summary>Two paths of one run name the same file (an output over the input, or two outputs on one file).</summary>
public sealed class RunFileConflictException(string message) : Exception(message);

/// <summary>
/// The files of one run. Sidecars share one naming scheme: for <c>--out OUT.csv</c> they are
/// <c>OUT.meta.json</c>, <c>OUT.rejects.csv</c>, <c>OUT.audit.csv</c>, <c>OUT.calibration.csv</c> and
/// <c>OUT.weight-moves.csv</c> (OUT being the output path without its extension). Every path is resolved
/// (symbolic links followed) before anything is read, and no output may be the input or another output.
/// </summary>
public sealed record RunFiles(string Input, string Output, string Rejects, string? Audit, string Metadata, string Calibration, string WeightMoves)
{
    /// <summary>The per-run report, when one is asked for.</summary>
    public string? Report { get; init; }

    /// <summary>The output path without its extension: the stem of every sidecar.</summary>
    public static string Stem(string output) => Path.ChangeExtension(Path.GetFullPath(output), null);

    /// <summary>The default path of a sidecar of <paramref name="output"/>, such as <c>rejects.csv</c> or <c>meta.json</c>.</summary>
    public static string Sidecar(string output, string suffix) => Stem(output) + "." + suffix;

    /// <summary>The files of a run writing <paramref name="output"/>; null rejects and audit paths take their defaults (no audit unless asked).</summary>
    public static RunFiles For(string input, string output, string? rejects = null, string? audit = null) => new(
        Path.GetFullPath(input), Path.GetFullPath(output),
        Path.GetFullPath(rejects ?? Sidecar(output, "rejects.csv")), audit is null ? null : Path.GetFullPath(audit),
        Sidecar(output, "meta.json"), Sidecar(output, "calibration.csv"), Sidecar(output, "weight-moves.csv"));

    /// <summary>Every file the run may write, by role.</summary>
    public IEnumerable<(string Role, string Path)> Outputs()
    {
        yield return ("output", Output);
        yield return ("rejects", Rejects);
        if (Audit is not null) yield return ("audit", Audit);
        yield return ("calibration", Calibration);
        yield return ("weight moves", WeightMoves);
        if (Report is not null) yield return ("report", Report);
        yield return ("metadata", Metadata);
    }

    /// <summary>Refuses a run where an output is the input, another output, or a folder; names both paths.</summary>
    public void CheckDistinct()
    {
        if (FilePaths.Conflict([("input", Input)], Outputs()) is { } conflict) throw new RunFileConflictException(conflict);
    }
}
