using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using SocBridge.Recode.Calibration;
using SocBridge.Recode.Coding;
using SocBridge.Recode.Recoding;
using SocBridge.Recode.Text;

namespace SocBridge.Recode;

/// <summary>Where a model came from.</summary>
public enum ModelSource
{
    /// <summary>Read from the cache after every file's SHA-256 matched its manifest; nothing was trained.</summary>
    Loaded,

    /// <summary>Trained, because the cache had no model for this release and these options; then cached.</summary>
    Built,

    /// <summary>Trained again, because the cached model was stale, incomplete or corrupt (see <see cref="ModelLoadReport.Reason"/>).</summary>
    Rebuilt,
}

/// <summary>How a model was obtained: from the cache or trained, where it is cached, how long it took, and why it was (re)built.</summary>
/// <param name="Kind">The model: <c>recoder</c> or <c>coder</c>.</param>
/// <param name="Source">Whether it was loaded, built or rebuilt.</param>
/// <param name="CacheDirectory">The model's folder in the cache.</param>
/// <param name="Elapsed">The time taken to load or train it (and write it to the cache).</param>
/// <param name="Reason">Why a cached model was not used (<see cref="ModelSource.Rebuilt"/>); null otherwise.</param>
public sealed record ModelLoadReport(string Kind, ModelSource Source, string CacheDirectory, TimeSpan Elapsed, string? Reason)
{
    /// <summary>True when nothing was trained.</summary>
    public bool FromCache => Source == ModelSource.Loaded;
}

/// <summary>A step of a model build: which model, what was just finished, and how many of the build's steps are done.</summary>
/// <param name="Kind">The model being trained: <c>recoder</c> or <c>coder</c>.</param>
/// <param name="Step">What was just finished, in words.</param>
/// <param name="Done">Steps finished so far, from 1.</param>
/// <param name="Total">Steps in the whole build.</param>
public sealed record ModelBuildProgress(string Kind, string Step, int Done, int Total);

/// <summary>A recoder and how its model was obtained.</summary>
/// <param name="Recoder">The recoder, ready to use.</param>
/// <param name="Report">Whether its model came from the cache or was trained.</param>
public sealed record LoadedRecoder(Recoder Recoder, ModelLoadReport Report);

/// <summary>A free-text coder and how its models were obtained.</summary>
/// <param name="Coder">The coder, ready to use.</param>
/// <param name="Report">Whether its models came from the cache or were trained.</param>
public sealed record LoadedCoder(FreeTextCoder Coder, ModelLoadReport Report);

/// <summary>
/// The cache of trained models, one folder per release, model kind and options:
/// <c>DIR/RELEASE_ID/recoder-KEY</c> and <c>DIR/RELEASE_ID/coder-KEY</c>, where KEY is the start of the
/// SHA-256 of the format version and the options that shape training. Each folder holds the trained
/// artefacts and a <c>manifest.json</c> with the release id, format version, options and every file's
/// SHA-256 and size. A model is loaded only when the manifest matches and every file's hash is right;
/// otherwise it is trained again, the reason is reported, and the folder is replaced as one unit
/// (written beside it, then renamed). The default folder is <see cref="DefaultDirectory"/>.
/// Hosts (the CLI, the HTTP API at start-up) call <see cref="LoadRecoder"/> and <see cref="LoadCoder"/>.
/// </summary>
public sealed class ModelStore
{
    private const string ManifestFile = "manifest.json";
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Action<string>? _log;

    /// <summary>A store in <paramref name="directory"/> (default <see cref="DefaultDirectory"/>); <paramref name="log"/> hears why a model is (re)built.</summary>
    /// <param name="directory">The cache folder; created when a model is first cached. Null for <see cref="DefaultDirectory"/>.</param>
    /// <param name="log">Hears, in words, why a model is trained and when it could not be cached; null for silence.</param>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty or not a valid path.</exception>
    public ModelStore(string? directory = null, Action<string>? log = null)
    {
        Directory = Path.GetFullPath(directory ?? DefaultDirectory());
        _log = log;
    }

    /// <summary>The cache folder, as a full path.</summary>
    public string Directory { get; }

    /// <summary>
    /// <c>$SOCBRIDGE_MODEL_CACHE</c> when set; otherwise <c>$XDG_CACHE_HOME/socbridge/models</c>, or
    /// <c>~/.cache/socbridge/models</c> on Linux and macOS, or <c>%LOCALAPPDATA%\socbridge\models</c> on Windows.
    /// </summary>
    public static string DefaultDirectory()
    {
        if (Environment.GetEnvironmentVariable("SOCBRIDGE_MODEL_CACHE") is { Length: > 0 } set) return set;
        if (OperatingSystem.IsWindows())
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "socbridge", "models");
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = xdg is { Length: > 0 } && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "socbridge", "models");
    }

    /// <summary>The recoder for the corpus's release and these options: loaded from the cache, or trained and cached.</summary>
    /// <param name="corpus">The release to recode with.</param>
    /// <param name="options">The recoder's settings; null for the defaults. Every setting but the threshold is part of the cache key.</param>
    /// <param name="progress">Hears each finished step when the model is trained; null for none.</param>
    /// <returns>The recoder and how its model was obtained.</returns>
    /// <exception cref="ArgumentException"><paramref name="options"/> are invalid (<see cref="RecodeOptions.Validate"/>).</exception>
    public LoadedRecoder LoadRecoder(RecodeCorpus corpus, RecodeOptions? options = null, IProgress<ModelBuildProgress>? progress = null)
    {
        options ??= new RecodeOptions();
        var o = options;
        var description = string.Create(CultureInfo.InvariantCulture,
            $"recoder format {RecodeModel.FormatVersion}; weights {o.Weights.Set}/{o.Weights.Sex}; calibration folds {o.CalibrationFolds}; seed {o.Seed}; shortlist {o.Shortlist}; " +
            $"classifier seed {o.Classifier.Seed}, iterations {o.Classifier.Iterations}, l2 {o.Classifier.L2:R}, hash bits {o.Classifier.HashBits}; " +
            // The classifier file is ML.NET's own format and is read after the model is handed out (on another core),
            // past the point where a failed read could still be rebuilt: a new ML.NET makes a new cache entry instead.
            // Its package version, not its assembly version (which ML.NET keeps at 1.0.0.0 in every release).
            $"ml.net {MlNetVersion}");
        var total = options.CalibrationFolds + 1;
        var (model, report) = LoadOrBuild("recoder", corpus, description, RecodeModel.Files,
            dir => RecodeModel.Read(dir, corpus, options),
            () =>
            {
                var done = 0;
                return RecodeModel.Build(corpus, corpus.IndexTitles, options,
                    step => progress?.Report(new ModelBuildProgress("recoder", step, Interlocked.Increment(ref done), total)));
            },
            (m, dir) => m.Write(dir, corpus));
        return new LoadedRecoder(new Recoder(corpus.Release, model, options), report);
    }

    /// <summary>The calibrated free-text coder for the corpus's release and these options: loaded from the cache, or trained and cached.</summary>
    /// <param name="corpus">The release to code with.</param>
    /// <param name="options">The coder's settings; null for the defaults. They are part of the cache key.</param>
    /// <param name="progress">Hears each finished step when the models are trained; null for none.</param>
    /// <returns>The coder and how its models were obtained.</returns>
    public LoadedCoder LoadCoder(RecodeCorpus corpus, CoderOptions? options = null, IProgress<ModelBuildProgress>? progress = null)
    {
        options ??= new CoderOptions();
        var description = string.Create(CultureInfo.InvariantCulture, $"coder format {CoderFiles.FormatVersion}; {options}");
        var (coder, report) = LoadOrBuild("coder", corpus, description, CoderFiles.Files,
            dir => CoderFiles.Read(dir, corpus, options),
            () =>
            {
                var done = 0;
                return FreeTextCoder.Build(corpus, corpus.IndexTitles, options, 1,
                    step => progress?.Report(new ModelBuildProgress("coder", step, Interlocked.Increment(ref done), 4)));
            },
            CoderFiles.Write);
        return new LoadedCoder(coder, report);
    }

    /// <summary>The version of the ML.NET package in use, as its assembly states it (e.g. 5.0.1 and the commit it was built from).</summary>
    internal static string MlNetVersion { get; } =
        System.Reflection.CustomAttributeExtensions.GetCustomAttribute<System.Reflection.AssemblyInformationalVersionAttribute>(typeof(Microsoft.ML.MLContext).Assembly)?.InformationalVersion
        ?? typeof(Microsoft.ML.MLContext).Assembly.GetName().Version?.ToString() ?? "unknown";

    /// <summary>The cache folder of one model kind and option set for a release.</summary>
    internal string FolderFor(string releaseId, string kind, string description)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(description)))[..16];
        return Path.Combine(Directory, releaseId, $"{kind}-{key}");
    }

    private (T Model, ModelLoadReport Report) LoadOrBuild<T>(string kind, RecodeCorpus corpus, string description, IReadOnlyList<string> files,
        Func<string, T> read, Func<T> build, Action<T, string> write)
    {
        var watch = Stopwatch.StartNew();
        var releaseId = corpus.Release.ReleaseId;
        var folder = FolderFor(releaseId, kind, description);
        // One loader or builder of a model at a time, across threads and processes: the second waits and then loads.
        using var gate = WaitForGate(folder);
        var (problem, manifest) = ReadManifest(folder, releaseId, kind, description, files);
        if (problem is null)
        {
            // The files are hashed on another core while they are read; what was read is used only when every
            // hash matches its manifest, and a mismatch is the reason given even when the damage made the read fail.
            var hashes = Task.Run(() => CheckHashes(folder, kind, manifest!, files));
            T? loaded = default;
            Exception? failure = null;
            try
            {
                loaded = read(folder);
            }
            catch (Exception e)
            {
                failure = e;
            }
            problem = hashes.GetAwaiter().GetResult();
            if (problem is null && failure is null) return (loaded!, new ModelLoadReport(kind, ModelSource.Loaded, folder, watch.Elapsed, null));
            if (problem is null && failure is not (IOException or InvalidDataException or EndOfStreamException or FormatException or InvalidOperationException or ArgumentException or UnauthorizedAccessException))
                ExceptionDispatchInfo.Capture(failure!).Throw();
            problem ??= $"the cached {kind} model could not be read ({failure!.Message})";
        }
        var fresh = problem != NotCached;
        _log?.Invoke(fresh ? $"{problem}; training it again" : $"no cached {kind} model for release {releaseId} in {Directory}; training it (once)");
        var model = build();
        var saved = Save(folder, releaseId, kind, description, files, dir => write(model, dir));
        var reason = fresh ? problem : null;
        if (saved is not null) _log?.Invoke(saved);
        return (model, new ModelLoadReport(kind, fresh ? ModelSource.Rebuilt : ModelSource.Built, folder, watch.Elapsed, reason));
    }

    private const string NotCached = "not cached";

    /// <summary>
    /// An exclusive lock on a file beside the model's folder (an advisory lock the system releases if the process
    /// dies), waited for in short steps; null when the cache folder cannot be written (then no one can share it).
    /// </summary>
    private static FileStream? WaitForGate(string folder)
    {
        var path = folder + ".lock";
        try
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        for (var waited = TimeSpan.Zero; ; waited += GateStep)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
            catch (IOException) when (waited < GateTimeout)
            {
                Thread.Sleep(GateStep);
            }
            catch (IOException)
            {
                return null; // waited long enough: build without the lock rather than never
            }
        }
    }

    private static readonly TimeSpan GateStep = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan GateTimeout = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The manifest when the folder holds a model of this release, kind and options with every file listed and
    /// present; otherwise why not. The files' hashes are checked by <see cref="CheckHashes"/>.
    /// </summary>
    private static (string? Problem, CacheManifest? Manifest) ReadManifest(string folder, string releaseId, string kind, string description, IReadOnlyList<string> files)
    {
        var manifestPath = Path.Combine(folder, ManifestFile);
        if (!System.IO.Directory.Exists(folder) || !File.Exists(manifestPath)) return (NotCached, null);
        CacheManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<CacheManifest>(File.ReadAllText(manifestPath), Json);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return ($"the cached {kind} model's manifest {manifestPath} cannot be read ({e.Message})", null);
        }
        if (manifest is null || manifest.ReleaseId != releaseId || manifest.Kind != kind || manifest.Options != description)
            return ($"the cached {kind} model in {folder} was built for another release or other options", null);
        foreach (var name in files)
        {
            var path = Path.Combine(folder, name);
            if (!manifest.Files.Any(f => f.Name == name)) return ($"the cached {kind} model's manifest does not list {name}", null);
            if (!File.Exists(path)) return ($"the cached {kind} model file {path} is missing", null);
        }
        return (null, manifest);
    }

    /// <summary>Null when every file's SHA-256 matches the manifest (the files hashed side by side); otherwise the first file that does not.</summary>
    private static string? CheckHashes(string folder, string kind, CacheManifest manifest, IReadOnlyList<string> files)
    {
        var wrong = new bool[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            var entry = manifest.Files.First(f => f.Name == files[i]);
            wrong[i] = !string.Equals(Sha256(Path.Combine(folder, files[i])), entry.Sha256, StringComparison.OrdinalIgnoreCase);
        });
        var first = Array.IndexOf(wrong, true);
        return first < 0 ? null
            : $"the cached {kind} model file {Path.Combine(folder, files[first])} does not match the SHA-256 in its manifest (corrupt or changed)";
    }

    /// <summary>Writes the model into a fresh folder beside <paramref name="folder"/> and renames it into place; returns a warning if it could not.</summary>
    private static string? Save(string folder, string releaseId, string kind, string description, IReadOnlyList<string> files, Action<string> write)
    {
        var parent = Path.GetDirectoryName(folder)!;
        var temp = Path.Combine(parent, $".{Path.GetFileName(folder)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            System.IO.Directory.CreateDirectory(temp);
            write(temp);
            var manifest = new CacheManifest(kind, releaseId, description, DateTimeOffset.UtcNow,
                [.. files.Select(name => new CacheFile(name, Sha256(Path.Combine(temp, name)), new FileInfo(Path.Combine(temp, name)).Length))]);
            File.WriteAllText(Path.Combine(temp, ManifestFile), JsonSerializer.Serialize(manifest, Json));
            if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
            System.IO.Directory.Move(temp, folder);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            return $"warning: the {kind} model could not be cached in {folder} ({e.Message}); it will be trained again next time";
        }
    }

    private static void TryDelete(string dir)
    {
        try
        {
            if (System.IO.Directory.Exists(dir)) System.IO.Directory.Delete(dir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Nothing more to do: the temporary folder's name marks it as one.
        }
    }

    private static string Sha256(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private sealed record CacheManifest(string Kind, string ReleaseId, string Options, DateTimeOffset BuiltUtc, IReadOnlyList<CacheFile> Files);

    private sealed record CacheFile(string Name, string Sha256, long Bytes);
}

/// <summary>
/// The files of a cached free-text coder: its two logistic models and calibration map (<c>coder-models.bin</c>),
/// and what the coder derives from the index at the start (<c>coder-index.bin</c>): the reference titles with
/// their normalised words, the two word classifiers' tables and the index's SEE references. Loading reads both side by side and
/// normalises and counts nothing.
/// </summary>
internal static class CoderFiles
{
    /// <summary>
    /// Part of the cache key: bump when the files or what goes into the coder change — including the title
    /// normalisation, whose output <c>coder-index.bin</c> holds.
    /// </summary>
    public const int FormatVersion = 3;

    private const string Models = "coder-models.bin";
    private const string Index = "coder-index.bin";

    public static IReadOnlyList<string> Files { get; } = [Models, Index];

    public static void Write(FreeTextCoder coder, string directory)
    {
        using (var writer = new BinaryWriter(new BufferedStream(File.Create(Path.Combine(directory, Models)), 1 << 20)))
        {
            var (soc2020, soc2010) = coder.SoftmaxModels;
            writer.Write(soc2020 is not null);
            soc2020?.Write(writer);
            writer.Write(soc2010 is not null);
            soc2010?.Write(writer);
            coder.Calibration.Write(writer);
        }
        using (var writer = new BinaryWriter(new BufferedStream(File.Create(Path.Combine(directory, Index)), 1 << 20)))
        {
            coder.References.Write(writer);
            var (bayes2020, bayes2010) = coder.BayesModels;
            bayes2020.Write(writer);
            bayes2010.Write(writer);
            coder.See.Write(writer);
        }
    }

    public static FreeTextCoder Read(string directory, RecodeCorpus corpus, CoderOptions options)
    {
        // The reference titles and word tables are read on another core while the logistic weights are read.
        var index = Task.Run(() =>
        {
            using var reader = new BinaryReader(new BufferedStream(File.OpenRead(Path.Combine(directory, Index)), 1 << 16));
            var references = ReferenceIndex.Read(reader);
            var bayes2020 = WordBayes.Read(reader, Core.Classification.SocVersion.Soc2020, options.Bayes);
            var bayes2010 = WordBayes.Read(reader, Core.Classification.SocVersion.Soc2010, options.Bayes);
            var see = SeeReferences.Read(reader);
            return (references, (bayes2020, bayes2010), see);
        });
        TitleSoftmax? soc2020, soc2010;
        ScoreCalibration calibration;
        using (var reader = new BinaryReader(new BufferedStream(File.OpenRead(Path.Combine(directory, Models)), 1 << 20)))
        {
            soc2020 = reader.ReadBoolean() ? TitleSoftmax.Read(reader, Core.Classification.SocVersion.Soc2020) : null;
            soc2010 = reader.ReadBoolean() ? TitleSoftmax.Read(reader, Core.Classification.SocVersion.Soc2010) : null;
            calibration = ScoreCalibration.Read(reader);
        }
        var (references, bayes, see) = index.GetAwaiter().GetResult();
        return new FreeTextCoder(corpus.Release, references, options, (soc2020, soc2010), bayes, see, calibration);
    }
}
