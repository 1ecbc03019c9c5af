using SocBridge.Recode;
using SocBridge.Recode.Coding;
using SocBridge.Recode.Evaluation;
using SocBridge.Recode.Model;
using SocBridge.Recode.Recoding;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Recode;

/// <summary>A model cache in a temporary folder, filled once with a small recoder and the free-text coder.</summary>
public sealed class ModelCacheFixture : IDisposable
{
    public ModelCacheFixture()
    {
        Corpus = new RecodeCorpus(SocBridge.Core.Release.SocRelease.LoadEmbedded());
        Store = new ModelStore(Folder.Path, Messages.Add);
        FirstRecoder = Store.LoadRecoder(Corpus, Options);
        FirstCoder = Store.LoadCoder(Corpus);
    }

    /// <summary>Few passes and two calibration folds: the cache does not care how good the model is.</summary>
    public static RecodeOptions Options { get; } = new() { CalibrationFolds = 2, Classifier = new ClassifierOptions { Iterations = 4 } };

    public TempDirectory Folder { get; } = new();
    public List<string> Messages { get; } = [];
    public RecodeCorpus Corpus { get; }
    public ModelStore Store { get; }
    public LoadedRecoder FirstRecoder { get; }
    public LoadedCoder FirstCoder { get; }

    public void Dispose() => Folder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ModelCacheCollection : ICollectionFixture<ModelCacheFixture>
{
    public const string Name = "model cache";
}

[Collection(ModelCacheCollection.Name)]
public class ModelCacheTests(ModelCacheFixture cache)
{
    private static readonly (string Title, string Soc2010)[] Titles =
    [
        ("Bar supervisor", "9274"), ("Bar staff", "9274"), ("Account manager", "3545"), ("Sales account manager", "3545"),
        ("Warehouse operative", "9260"), ("Nurse", "2231"), ("Software tester", "2136"), ("", "2136"), ("Senior planner", "2432"),
    ];

    private static readonly string[] FreeText =
        ["snr sofware enginer - London", "Care assistant (nights)", "HGV driver", "Bar supervisor", "zzzz", "Bailer", "Datal worker", "Operator (textile mfr)", "ecologist"];

    [Fact]
    public void The_recoder_cache_is_keyed_by_the_ML_NET_package_version_pinned_for_the_build()
    {
        // ML.NET's assembly version is 1.0.0.0 in every release, so the key must carry its package version.
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(SocBridge.Tests.Support.RepoPaths.Root, "Directory.Packages.props"));
        var pinned = props.Descendants("PackageVersion").Single(e => (string?)e.Attribute("Include") == "Microsoft.ML").Attribute("Version")!.Value;
        Assert.StartsWith(pinned + "+", ModelStore.MlNetVersion);
        var options = Directory.GetFiles(cache.Folder.Path, "manifest.json", SearchOption.AllDirectories)
            .Select(f => System.Text.Json.JsonDocument.Parse(File.ReadAllText(f)).RootElement)
            .Single(m => m.GetProperty("kind").GetString() == "recoder").GetProperty("options").GetString();
        Assert.EndsWith($"; ml.net {ModelStore.MlNetVersion}", options);
    }

    [Fact]
    public void The_first_load_trains_and_caches_and_the_second_reads_the_cache_without_training()
    {
        Assert.Equal(ModelSource.Built, cache.FirstRecoder.Report.Source);
        Assert.Equal(ModelSource.Built, cache.FirstCoder.Report.Source);
        Assert.Contains(cache.Messages, m => m.Contains("training it (once)"));
        var recoder = cache.Store.LoadRecoder(cache.Corpus, ModelCacheFixture.Options);
        var coder = cache.Store.LoadCoder(cache.Corpus);
        Assert.Equal(ModelSource.Loaded, recoder.Report.Source);
        Assert.True(recoder.Report.FromCache);
        Assert.Equal(ModelSource.Loaded, coder.Report.Source);
        Assert.Null(coder.Report.Reason);
        // The folder is keyed by release and options: another threshold reuses it, other training options do not.
        Assert.Equal(ModelSource.Loaded, cache.Store.LoadRecoder(cache.Corpus, ModelCacheFixture.Options with { Threshold = 0.5 }).Report.Source);
        Assert.StartsWith(Path.Combine(cache.Folder.Path, cache.Corpus.Release.ReleaseId), recoder.Report.CacheDirectory);
        Assert.True(File.Exists(Path.Combine(recoder.Report.CacheDirectory, "manifest.json")));
    }

    [Fact]
    public void A_cached_model_gives_the_same_results_as_the_freshly_trained_one()
    {
        var fresh = cache.FirstRecoder.Recoder;
        var loaded = cache.Store.LoadRecoder(cache.Corpus, ModelCacheFixture.Options).Recoder;
        var inputs = Titles.Select(t => new RecodeInput(t.Title, t.Soc2010)).ToArray();
        var a = fresh.RecodeAll(inputs);
        var b = loaded.RecodeAll(inputs);
        Assert.Contains(a, r => r.Method == RecodeMethod.Scored || r.Method == RecodeMethod.Review);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Method, b[i].Method);
            Assert.Equal(a[i].Best, b[i].Best);
            Assert.Equal(a[i].Confidence, b[i].Confidence);
            Assert.Equal(a[i].Candidates.Select(c => (c.Soc2020, c.Probability, c.Classifier)), b[i].Candidates.Select(c => (c.Soc2020, c.Probability, c.Classifier)));
        }
        var freshCoder = cache.FirstCoder.Coder;
        var loadedCoder = cache.Store.LoadCoder(cache.Corpus).Coder;
        // Index titles as written, with a typo and with advert words (seeded), and titles the SEE references rewrite.
        var random = new Random(11);
        var texts = FreeText.Concat(cache.Corpus.IndexTitles.Where((_, i) => i % 97 == 0).Select(t => (i: random.Next(3), t.Entry.QualifiedTitle)).Select(x => x.i switch
        {
            0 => x.QualifiedTitle,
            1 => Perturbation.Typo(x.QualifiedTitle, random),
            _ => Perturbation.ExtraWords(x.QualifiedTitle, random),
        })).ToArray();
        Assert.True(texts.Length > 300);
        foreach (var text in texts)
        {
            var x = freshCoder.Code(text, 5);
            var y = loadedCoder.Code(text, 5);
            Assert.Equal(x.Understood, y.Understood);
            Assert.Equal(x.Candidates.Select(c => (c.Soc2020, c.Score, c.Probability, c.Soc2010, c.Soc2010Source)), y.Candidates.Select(c => (c.Soc2020, c.Score, c.Probability, c.Soc2010, c.Soc2010Source)));
            Assert.Equal(x.Candidates.SelectMany(c => c.Matches), y.Candidates.SelectMany(c => c.Matches));
            Assert.Equal(x.Soc2010Candidates.Select(c => (c.Soc2010, c.Score)), y.Soc2010Candidates.Select(c => (c.Soc2010, c.Score)));
        }
        // The reference titles read back from the cache are the ones the coder was built over, words and all.
        Assert.Equal(
            freshCoder.References.Titles.Select(t => (t.Display, t.Terms.Text, t.Terms.Qualifiers.Length, t.Soc2010, t.Soc2020, t.Soc2020Ext, t.Source, t.EntryId)),
            loadedCoder.References.Titles.Select(t => (t.Display, t.Terms.Text, t.Terms.Qualifiers.Length, t.Soc2010, t.Soc2020, t.Soc2020Ext, t.Source, t.EntryId)));
        Assert.Equal(freshCoder.See.Count, loadedCoder.See.Count);
    }

    [Fact]
    public void A_coder_loaded_from_the_cache_normalises_nothing_from_the_index()
    {
        var corpus = new RecodeCorpus(cache.Corpus.Release);
        var loaded = cache.Store.LoadCoder(corpus);
        Assert.Equal(ModelSource.Loaded, loaded.Report.Source);
        Assert.Equal(ModelSource.Loaded, cache.Store.LoadCoder(corpus).Report.Source);
        Assert.NotNull(loaded.Coder.Code("snr sofware enginer - London").Best);
        Assert.False(corpus.IsNormalised);
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(loaded.Report.CacheDirectory, "manifest.json")));
        Assert.Equal(["coder-models.bin", "coder-index.bin"], manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("coder-index.bin", false)]
    [InlineData("coder-index.bin", true)]
    [InlineData("coder-models.bin", false)]
    public void A_corrupted_or_truncated_coder_file_is_detected_and_the_coder_rebuilt(string name, bool truncate)
    {
        using var folder = new TempDirectory();
        var messages = new List<string>();
        var store = new ModelStore(folder.Path, messages.Add);
        // No logistic models: quick to build, and the cache does not care how good the coder is.
        var options = new CoderOptions(SoftmaxWeight: 0);
        var first = store.LoadCoder(cache.Corpus, options);
        Assert.Equal(ModelSource.Built, first.Report.Source);
        var file = Path.Combine(first.Report.CacheDirectory, name);
        var bytes = File.ReadAllBytes(file);
        if (truncate) bytes = bytes[..(bytes.Length / 2)];
        else bytes[bytes.Length / 3] ^= 0x01;
        File.WriteAllBytes(file, bytes);

        var second = store.LoadCoder(cache.Corpus, options);
        Assert.Equal(ModelSource.Rebuilt, second.Report.Source);
        Assert.Contains("SHA-256", second.Report.Reason);
        Assert.Contains(name, second.Report.Reason);
        Assert.Contains(messages, m => m.Contains(name) && m.Contains("training it again"));
        var third = store.LoadCoder(cache.Corpus, options);
        Assert.Equal(ModelSource.Loaded, third.Report.Source);
        foreach (var text in FreeText)
            Assert.Equal(first.Coder.Code(text).Candidates.Select(c => (c.Soc2020, c.Score)), third.Coder.Code(text).Candidates.Select(c => (c.Soc2020, c.Score)));
    }

    [Fact]
    public void A_corrupted_cache_file_is_detected_and_the_model_rebuilt()
    {
        using var folder = new TempDirectory();
        var messages = new List<string>();
        var store = new ModelStore(folder.Path, messages.Add);
        var options = ModelCacheFixture.Options with { Seed = 5 };
        var first = store.LoadRecoder(cache.Corpus, options);
        Assert.Equal(ModelSource.Built, first.Report.Source);
        var file = Directory.GetFiles(first.Report.CacheDirectory, "recoder-classifier.zip").Single();
        var bytes = File.ReadAllBytes(file);
        bytes[bytes.Length / 2] ^= 0x20;
        File.WriteAllBytes(file, bytes);

        var second = store.LoadRecoder(cache.Corpus, options);
        Assert.Equal(ModelSource.Rebuilt, second.Report.Source);
        Assert.Contains("SHA-256", second.Report.Reason);
        Assert.Contains(messages, m => m.Contains("recoder-classifier.zip") && m.Contains("training it again"));
        Assert.Equal(ModelSource.Loaded, store.LoadRecoder(cache.Corpus, options).Report.Source);

        // A manifest that is not JSON, or a missing file, is not trusted either.
        File.WriteAllText(Path.Combine(first.Report.CacheDirectory, "manifest.json"), "{ not json");
        Assert.Equal(ModelSource.Rebuilt, store.LoadRecoder(cache.Corpus, options).Report.Source);
        File.Delete(Path.Combine(first.Report.CacheDirectory, "recoder-confidence.bin"));
        var again = store.LoadRecoder(cache.Corpus, options);
        Assert.Equal(ModelSource.Rebuilt, again.Report.Source);
        Assert.Contains("missing", again.Report.Reason);
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(first.Report.CacheDirectory)!, ".*.tmp"));
    }

    /// <summary>Every field of a recoder result, candidates and their evidence included, doubles to the last bit.</summary>
    private static string Describe(RecodeResult r) => string.Join(" | ",
        r.Title, r.Soc2010Text, r.Soc2010, r.Soc2020, r.Soc2020Ext, r.Method, r.Confidence.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        r.Best, r.RunnerUp, r.Margin.ToString("R", System.Globalization.CultureInfo.InvariantCulture), r.Problem,
        string.Join(" ; ", r.Candidates.Select(c => string.Join(", ", c.Soc2020, c.Title,
            string.Join("/", new[] { c.Probability, c.CrosswalkWeight, c.IndexTitles, c.Fuzzy, c.Classifier }.Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
            string.Join("/", c.NearestTitles)))));

    /// <summary>
    /// Several hundred index titles as the index gives them, plain, with a typo, with advert words and with an industry
    /// (seeded), plus the fixed titles; each with its SOC2010 code.
    /// </summary>
    private RecodeInput[] RecoderInputs()
    {
        var random = new Random(16);
        string[] industries = ["C", "13", "47.11", "textile mfr", "local government", "bank"];
        var inputs = Titles.Select(t => new RecodeInput(t.Title, t.Soc2010)).Concat(cache.Corpus.IndexTitles.Where((_, i) => i % 89 == 0).Select((t, i) => (i % 5) switch
        {
            0 => new RecodeInput(t.Entry.QualifiedTitle, t.Soc2010.ToString()),
            1 => new RecodeInput(t.Entry.Title, t.Soc2010.ToString()),
            2 => new RecodeInput(Perturbation.Typo(t.Entry.Title, random), t.Soc2010.ToString()),
            3 => new RecodeInput(Perturbation.ExtraWords(t.Entry.Title, random), t.Soc2010.ToString()),
            _ => new RecodeInput(t.Entry.Title, t.Soc2010.ToString(), industries[random.Next(industries.Length)]),
        })).Concat([new RecodeInput("Nurse", "99x"), new RecodeInput("Nurse", "2231", "Q"), new RecodeInput("Operator", "8114", "textile manufacture")]).ToArray();
        Assert.True(inputs.Length > 300);
        return inputs;
    }

    [Fact]
    public void A_cached_recoder_gives_the_same_results_as_the_fresh_one_on_hundreds_of_titles()
    {
        var fresh = cache.FirstRecoder.Recoder;
        var corpus = new RecodeCorpus(cache.Corpus.Release);
        var loaded = cache.Store.LoadRecoder(corpus, ModelCacheFixture.Options);
        Assert.Equal(ModelSource.Loaded, loaded.Report.Source);
        var inputs = RecoderInputs();
        var a = fresh.RecodeAll(inputs);
        var b = loaded.Recoder.RecodeAll(inputs);
        foreach (var method in new[] { RecodeMethod.ExactTitle, RecodeMethod.OneToOne, RecodeMethod.Invalid })
            Assert.Contains(a, r => r.Method == method);
        Assert.Contains(a, r => r.Method is RecodeMethod.Scored or RecodeMethod.Review);
        Assert.Equal(a.Select(Describe), b.Select(Describe));
        // Read as free text (advert words dropped, SEE references applied, spelling corrected), as 'code --code-column' does.
        var freeText = inputs.Concat([new RecodeInput("Bailer", "9139"), new RecodeInput("Datal worker", "8149"), new RecodeInput("snr sofware enginer - London", "2136")]).ToArray();
        Assert.Equal(fresh.RecodeFreeText(freeText).Select(Describe), loaded.Recoder.RecodeFreeText(freeText).Select(Describe));
        // The candidate table, exact lookup and reference titles read back are the ones the model was built with.
        var (x, y) = (fresh.Model.Evidence, loaded.Recoder.Model.Evidence);
        Assert.Equal(x.Candidates.Sets.Select(s => (s.Soc2010, s.SampleTotal, s.IndexTotal, string.Join(";", s.Candidates))),
            y.Candidates.Sets.Select(s => (s.Soc2010, s.SampleTotal, s.IndexTotal, string.Join(";", s.Candidates))));
        Assert.Equal(x.References.Titles.Select(t => (t.Display, t.Terms.Text, t.Terms.Qualifiers.Length, t.Soc2010, t.Soc2020, t.Soc2020Ext, t.Source, t.EntryId)),
            y.References.Titles.Select(t => (t.Display, t.Terms.Text, t.Terms.Qualifiers.Length, t.Soc2010, t.Soc2020, t.Soc2020Ext, t.Source, t.EntryId)));
        foreach (var t in cache.Corpus.IndexTitles.Where((_, i) => i % 53 == 0))
        {
            var (e, f) = (x.Exact.Find(t.Soc2010, t.Terms), y.Exact.Find(t.Soc2010, t.Terms));
            Assert.Equal(e is null, f is null);
            if (e is null || f is null) continue;
            Assert.Equal((e.Soc2020, e.Soc2020Ext, e.ByDefaultEntry), (f.Soc2020, f.Soc2020Ext, f.ByDefaultEntry));
            Assert.Equal(e.Entries, f.Entries);
            Assert.Equal(x.Exact.SharedTitleCodes(t.Soc2010, t.PlainTerms), y.Exact.SharedTitleCodes(t.Soc2010, t.PlainTerms));
        }
    }

    [Fact]
    public void A_recoder_loaded_from_the_cache_derives_nothing_from_the_index()
    {
        var corpus = new RecodeCorpus(cache.Corpus.Release);
        var loaded = cache.Store.LoadRecoder(corpus, ModelCacheFixture.Options);
        Assert.Equal(ModelSource.Loaded, loaded.Report.Source);
        var results = loaded.Recoder.RecodeAll(Titles.Select(t => new RecodeInput(t.Title, t.Soc2010)).ToArray());
        Assert.Contains(results, r => r.Method is RecodeMethod.Scored or RecodeMethod.Review);
        Assert.Contains(results, r => r.Method == RecodeMethod.ExactTitle);
        Assert.NotNull(loaded.Recoder.RecodeFreeText([new RecodeInput("Bailer", "9139")])[0].Best);
        // Nothing was normalised from the index, and the SEE references came from the cache, not from the index.
        Assert.False(corpus.IsNormalised);
        Assert.NotNull(loaded.Recoder.Model.Evidence.See);
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(loaded.Report.CacheDirectory, "manifest.json")));
        Assert.Equal(["recoder-classifier.zip", "recoder-confidence.bin", "recoder-lookup.bin", "recoder-references.bin", "recoder-see.bin"],
            manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("recoder-lookup.bin", false)]
    [InlineData("recoder-references.bin", true)]
    [InlineData("recoder-see.bin", true)]
    public void A_corrupted_or_truncated_recoder_file_is_detected_and_the_recoder_rebuilt(string name, bool truncate)
    {
        // A copy of the fixture's cached recoder, so that only the rebuild trains.
        using var folder = new TempDirectory();
        var messages = new List<string>();
        var store = new ModelStore(folder.Path, messages.Add);
        var source = cache.FirstRecoder.Report.CacheDirectory;
        var target = Path.Combine(folder.Path, Path.GetRelativePath(cache.Folder.Path, source));
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        var first = store.LoadRecoder(cache.Corpus, ModelCacheFixture.Options);
        Assert.Equal(ModelSource.Loaded, first.Report.Source);
        Assert.Equal(target, first.Report.CacheDirectory);
        var path = Path.Combine(target, name);
        var bytes = File.ReadAllBytes(path);
        if (truncate) bytes = bytes[..(bytes.Length / 2)];
        else bytes[bytes.Length / 3] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var second = store.LoadRecoder(cache.Corpus, ModelCacheFixture.Options);
        Assert.Equal(ModelSource.Rebuilt, second.Report.Source);
        Assert.Contains("SHA-256", second.Report.Reason);
        Assert.Contains(name, second.Report.Reason);
        Assert.Contains(messages, m => m.Contains(name) && m.Contains("training it again"));
        var third = store.LoadRecoder(new RecodeCorpus(cache.Corpus.Release), ModelCacheFixture.Options);
        Assert.Equal(ModelSource.Loaded, third.Report.Source);
        var inputs = Titles.Select(t => new RecodeInput(t.Title, t.Soc2010)).ToArray();
        Assert.Equal(cache.FirstRecoder.Recoder.RecodeAll(inputs).Select(Describe), third.Recoder.RecodeAll(inputs).Select(Describe));
        Assert.Equal(cache.FirstRecoder.Recoder.RecodeFreeText(inputs).Select(Describe), third.Recoder.RecodeFreeText(inputs).Select(Describe));
    }

    [Fact]
    public void The_default_folder_follows_the_environment()
    {
        var folder = ModelStore.DefaultDirectory();
        if (Environment.GetEnvironmentVariable("SOCBRIDGE_MODEL_CACHE") is { Length: > 0 } set)
        {
            Assert.Equal(set, folder);
            return;
        }
        Assert.EndsWith(Path.Combine("socbridge", "models"), folder.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);
    }
}
