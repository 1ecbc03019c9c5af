using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SocBridge.Core.Csv;
using SocBridge.Core.Release;

namespace SocBridge.Apportion.Estimation;

/// <summary>An input file of a fit, recorded in the manifest by its SHA-256.</summary>
public sealed record FitInputFile(string Role, string File, long Bytes, string Sha256)
{
    /// <summary>Hashes a file on disk.</summary>
    public static FitInputFile Of(string role, string path)
    {
        var bytes = System.IO.File.ReadAllBytes(path);
        return new FitInputFile(role, Path.GetFullPath(path), bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }
}

/// <summary>An output file of the folder with its SHA-256 and data rows.</summary>
public sealed record FitOutputFile(string File, string Sha256, int Rows);

/// <summary>The parameters of a fit as recorded.</summary>
public sealed record FitParameters(int SeriesYear, double Gamma, double YearDecay, bool FillSuppressed, double Tolerance, int MaxPasses, double MoveThreshold);

/// <summary>How the fit ended, as recorded.</summary>
public sealed record FitSummary(int Passes, bool Converged, string StopReason, bool UsedPrior, double ReallocatedShare, int MovedPairs,
    double MaxRelativeResidual, int Pairs, int Families, int OneToOneFamilies, int ConstraintSets, double SeriesTotal);

/// <summary>manifest.json of a fitted-weights folder.</summary>
public sealed record FitManifest(
    string Format,
    string ReleaseId,
    FitParameters Parameters,
    IReadOnlyList<MarginYearWeight> MarginYears,
    IReadOnlyList<FitInputFile> Inputs,
    IReadOnlyList<FitOutputFile> Outputs,
    FitSummary Fit,
    IReadOnlyList<string> Notes);

/// <summary>Fitted weights loaded from a folder and verified against its manifest.</summary>
public sealed record LoadedWeights(FittedWeights Weights, FitManifest Manifest, string Location);

/// <summary>
/// A fitted-weights folder, release-like: <c>weights.csv</c> (every pair: prior and fitted weight, family,
/// constraint set — the weight-moves file), <c>rows.csv</c> (the SOC2010 values fitted on, which coarser
/// source groups are shared by), <c>constraint_sets.csv</c> (target, fit, residual and factor per set) and
/// <c>manifest.json</c> (format, release, parameters, the SHA-256 of every input and output, the fit's
/// summary). Files are written beside their targets and renamed into place, the manifest last; loading
/// checks every output against the manifest and the release id against the release in use.
/// </summary>
public static class FittedWeightsFolder
{
    /// <summary>The folder format written into the manifest.</summary>
    public const string Format = "socbridge-fitted-weights/1";
    /// <summary>File names of the folder.</summary>
    public const string WeightsFile = "weights.csv";
    /// <summary>The fitted rows (the support with its observed counts).</summary>
    public const string RowsFile = "rows.csv";
    /// <summary>The constraint sets and how well each was met.</summary>
    public const string SetsFile = "constraint_sets.csv";
    /// <summary>The manifest: format, release, parameters and the SHA-256 of every file.</summary>
    public const string ManifestFile = "manifest.json";

    /// <summary>Writes the folder; returns its manifest.</summary>
    /// <exception cref="IOException">An input file lies where an output would be written.</exception>
    public static FitManifest Write(string directory, CalibratedFit fit, IReadOnlyList<FitInputFile> inputs)
    {
        var dir = Path.GetFullPath(directory);
        foreach (var input in inputs)
            foreach (var name in new[] { WeightsFile, RowsFile, SetsFile, ManifestFile })
                if (string.Equals(Path.GetFullPath(input.File), Path.Combine(dir, name), StringComparison.Ordinal))
                    throw new IOException($"{input.File}: the {input.Role} file would be overwritten by the output {name}; choose another output folder");

        var files = new List<(string Name, byte[] Bytes, int Rows)>
        {
            (WeightsFile, Csv(["soc2010", "soc2020", "family", "constraint_set", "prior_weight", "fitted_weight", "change"],
                fit.Pairs.Select(p => new[] { p.Soc2010.ToString(), p.Soc2020.ToString(), Num(p.Family), p.ConstraintSet ?? "", Num(p.Prior), Num(p.Fitted), Num(p.Change) })), fit.Pairs.Count),
            (RowsFile, Csv(["soc2010", "fit_total", "filled", "prior_base"],
                fit.Rows.Select(r => new[] { r.Soc2010.ToString(), Num(r.Total), r.Filled ? "true" : "false", Num(r.PriorBase) })), fit.Rows.Count),
            (SetsFile, Csv(["constraint_set", "block", "target", "fitted", "residual", "relative_residual", "factor"],
                fit.Sets.Select(s => new[] { s.Label, s.IsBlock ? "true" : "false", Num(s.Target), Num(s.Fitted), Num(s.Residual), Num(s.RelativeResidual), Num(s.Factor) })), fit.Sets.Count),
        };
        var o = fit.Options;
        var manifest = new FitManifest(Format, fit.ReleaseId,
            new FitParameters(fit.SeriesYear, o.Gamma, o.YearDecay, o.FillSuppressed, o.Tolerance, o.MaxPasses, o.MoveThreshold),
            fit.Years, inputs,
            [.. files.Select(f => new FitOutputFile(f.Name, Convert.ToHexStringLower(SHA256.HashData(f.Bytes)), f.Rows))],
            new FitSummary(fit.Passes, fit.Converged, fit.StopReason, fit.UsedPrior, fit.ReallocatedShare, fit.MovedPairs.Count, fit.MaxRelativeResidual,
                fit.Pairs.Count, fit.Families, fit.OneToOneFamilies, fit.Sets.Count, fit.SeriesTotal),
            fit.Notes);
        files.Add((ManifestFile, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(manifest, Io.MetadataJson.Context.FitManifest) + "\n"), 0));
        foreach (var (name, bytes, _) in files) AtomicFile.Write(Path.Combine(dir, name), s => s.Write(bytes));
        return manifest;
    }

    /// <summary>Loads and verifies a folder for <paramref name="release"/>.</summary>
    /// <exception cref="InvalidDataException">A file is missing, edited, malformed, or the folder was fitted on another release.</exception>
    public static LoadedWeights Load(string directory, SocRelease release)
    {
        var dir = Path.GetFullPath(directory);
        var manifestPath = Path.Combine(dir, ManifestFile);
        if (!File.Exists(manifestPath)) throw new InvalidDataException($"{manifestPath}: not found; a fitted-weights folder holds {ManifestFile}, {WeightsFile}, {RowsFile} and {SetsFile}");
        FitManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(File.ReadAllText(manifestPath), Io.MetadataJson.Context.FitManifest) ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{manifestPath}: not a fitted-weights manifest ({e.Message})", e);
        }
        if (manifest.Format != Format) throw new InvalidDataException($"{manifestPath}: format '{manifest.Format}', expected '{Format}'");
        if (manifest.ReleaseId != release.ReleaseId)
            throw new InvalidDataException($"{manifestPath}: the weights were fitted on release {manifest.ReleaseId}, but release {release.ReleaseId} is in use; fit them again");
        foreach (var name in new[] { WeightsFile, RowsFile, SetsFile })
        {
            var entry = manifest.Outputs.FirstOrDefault(f => f.File == name) ?? throw new InvalidDataException($"{manifestPath}: lists no {name}");
            var path = Path.Combine(dir, name);
            if (!File.Exists(path)) throw new InvalidDataException($"{path}: missing");
            var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
            if (sha != entry.Sha256) throw new InvalidDataException($"{path}: SHA-256 is {sha} but the manifest says {entry.Sha256}: the file was edited or corrupted");
        }
        var rows = new List<FitRow>();
        using (var reader = Open(Path.Combine(dir, RowsFile)))
        {
            reader.RequireColumns("soc2010", "fit_total", "filled", "prior_base");
            while (reader.Read())
                rows.Add(new FitRow(Code(reader, "soc2010", SocVersion.Soc2010), reader.GetDouble("fit_total"), reader.GetBool("filled"), reader.GetDouble("prior_base")));
        }
        var pairs = new List<PairFit>();
        using (var reader = Open(Path.Combine(dir, WeightsFile)))
        {
            reader.RequireColumns("soc2010", "soc2020", "family", "constraint_set", "prior_weight", "fitted_weight");
            while (reader.Read())
            {
                var set = reader.GetString("constraint_set");
                pairs.Add(new PairFit(Code(reader, "soc2010", SocVersion.Soc2010), Code(reader, "soc2020", SocVersion.Soc2020), reader.GetInt("family"),
                    set.Length == 0 ? null : set, reader.GetDouble("prior_weight"), reader.GetDouble("fitted_weight")));
            }
        }
        try
        {
            return new LoadedWeights(new FittedWeights(manifest.ReleaseId, rows, pairs), manifest, dir);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{Path.Combine(dir, WeightsFile)}: {e.Message}", e);
        }
    }

    private static CsvRecordReader Open(string path) => new(new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true), path);

    private static SocCode Code(CsvRecordReader reader, string column, SocVersion version)
    {
        var raw = reader.GetString(column);
        return SocCode.TryParse(raw, version, out var code, out var error) ? code : throw reader.Error(column, raw, error);
    }

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static byte[] Csv(string[] header, IEnumerable<string[]> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using (var writer = new CsvFieldWriter(text))
        {
            writer.WriteRow(header);
            foreach (var row in rows) writer.WriteRow(row);
            writer.Flush();
        }
        return CsvFieldWriter.Utf8NoBom.GetBytes(text.ToString());
    }
}
