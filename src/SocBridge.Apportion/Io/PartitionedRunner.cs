using SocBridge.Core.Files;
using SocBridge.Core.Release;

namespace SocBridge.Apportion.Io;

/// <summary>What a partitioned run did: one report per partition, in file-name order.</summary>
public sealed record PartitionedReport(string InputFolder, string OutputFolder, IReadOnlyList<SeriesFileReport> Partitions);

/// <summary>
/// Translates a folder of partitions (CSV or Parquet files, one per year or region, say) into an output folder
/// with the same partitioning: OUT/NAME for each input NAME (the output's extension chosen by the output
/// format), each with its sidecars. Partitions are translated in parallel; all of them are written into a
/// hidden staging folder first and moved into place only when every partition has passed its checks
/// (<see cref="StagedFolder"/>), so a failing partition leaves the output folder as it was.
/// </summary>
public static class PartitionedRunner
{
    /// <summary>The input extensions taken as partitions.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".csv", ".parquet", ".xlsx", ".xls"];

    /// <summary>
    /// Runs <paramref name="template"/> (whose input and output paths are folders) on every partition;
    /// <paramref name="outputExtension"/> is ".csv" or ".parquet".
    /// </summary>
    /// <exception cref="InvalidDataException">The input folder holds no partition.</exception>
    /// <exception cref="RunFileConflictException">The output folder is the input folder or inside it.</exception>
    public static PartitionedReport Run(SocRelease release, SeriesFileRequest template, string outputExtension = ".csv")
    {
        var input = Path.GetFullPath(template.InputPath);
        var output = Path.GetFullPath(template.OutputPath);
        var canonicalIn = FilePaths.Canonical(input).TrimEnd('/') + "/";
        var canonicalOut = FilePaths.Canonical(output).TrimEnd('/') + "/";
        if (canonicalOut.StartsWith(canonicalIn, StringComparison.Ordinal) || canonicalIn.StartsWith(canonicalOut, StringComparison.Ordinal))
            throw new RunFileConflictException($"the output folder {output} and the input folder {input} overlap; give the output its own folder");
        var partitions = Directory.EnumerateFiles(input).Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
            .Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToArray();
        if (partitions.Length == 0)
            throw new InvalidDataException($"{input}: no partition in the folder (files ending {string.Join(", ", Extensions)})");
        using var staged = StagedFolder.Open(output, "partitions");
        try
        {
            var reports = new SeriesFileReport[partitions.Length];
            var threads = template.Options.Threads ?? Environment.ProcessorCount;
            // Partitions in parallel, each on one thread: small files gain nothing from slicing.
            Parallel.For(0, partitions.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, p =>
            {
                var name = Path.GetFileNameWithoutExtension(partitions[p]) + outputExtension;
                reports[p] = SeriesFileRunner.Run(release, template with
                {
                    InputPath = partitions[p], OutputPath = Path.Combine(staged.Path, name), RejectsPath = null,
                    AuditPath = template.AuditPath is null ? null : Path.Combine(staged.Path, Path.GetFileNameWithoutExtension(name) + ".audit.csv"),
                    ReportPath = template.ReportPath is null ? null : Path.Combine(staged.Path, Path.GetFileNameWithoutExtension(name) + ".report.html"),
                    Options = template.Options with { Threads = 1 },
                });
            });
            // Every partition passed: move the files in, metadata last.
            staged.Publish();
            return new PartitionedReport(input, output, reports.Select(r => r with { MetadataPath = staged.Published(r.MetadataPath) }).ToArray());
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
