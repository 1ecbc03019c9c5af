using SocBridge.Core.Classification;
using SocBridge.Recode.Io;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Coding;

/// <summary>Weights of the word features of the coder's naive Bayes word classifier, and its smoothing and sharpness.</summary>
/// <param name="Word">Weight of each title word.</param>
/// <param name="Head">Weight of the head word (the last word of the title proper, which names the occupation), on top of its weight as a word.</param>
/// <param name="Bigram">Weight of each pair of adjacent words.</param>
/// <param name="Qualifier">Weight of each qualifier word.</param>
/// <param name="Smoothing">Additive smoothing of the word counts.</param>
/// <param name="PriorWeight">Weight of the groups' sizes (the prior) in the posterior.</param>
/// <param name="Temperature">The log-posterior is divided by this before normalising, so higher flattens the posterior.</param>
public sealed record BayesOptions(
    double Word = 1.0,
    double Head = 1.0,
    double Bigram = 0.5,
    double Qualifier = 0.5,
    double Smoothing = 0.1,
    double PriorWeight = 0.5,
    double Temperature = 2.0);

/// <summary>
/// A multinomial naive Bayes classifier of titles into unit groups over weighted word features: the
/// title words, the head word (the last word of the title proper, which names the occupation) as a
/// feature of its own, adjacent word pairs and the qualifier words. Unlike nearest-title voting it
/// combines evidence from different titles, so "contracts administrator" can be coded from what
/// "contracts" and "administrator" say on their own. Trained in one pass over the reference titles.
/// </summary>
internal sealed class WordBayes
{
    private readonly SocCode[] _classes;
    private readonly double[] _logPrior;
    private readonly double[] _logMissing;
    private readonly Dictionary<string, (int Class, double Gain)[]> _features;
    private readonly BayesOptions _options;

    private WordBayes(SocCode[] classes, double[] logPrior, double[] logMissing, Dictionary<string, (int Class, double Gain)[]> features, BayesOptions options)
    {
        _classes = classes;
        _logPrior = logPrior;
        _logMissing = logMissing;
        _features = features;
        _options = options;
    }

    public WordBayes(IReadOnlyList<(TitleTerms Terms, SocCode Label)> examples, BayesOptions? options = null)
    {
        _options = options ?? new BayesOptions();
        _classes = [.. examples.Select(e => e.Label).Distinct().Order()];
        var classOf = _classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var counts = new Dictionary<string, Dictionary<int, double>>(StringComparer.Ordinal);
        var totals = new double[_classes.Length];
        var docs = new int[_classes.Length];
        foreach (var (terms, label) in examples)
        {
            var c = classOf[label];
            docs[c]++;
            foreach (var (name, w) in Features(terms))
            {
                if (!counts.TryGetValue(name, out var byClass)) counts[name] = byClass = [];
                byClass[c] = byClass.GetValueOrDefault(c) + w;
                totals[c] += w;
            }
        }
        var alpha = _options.Smoothing;
        var vocabulary = Math.Max(1, counts.Count);
        _logPrior = [.. docs.Select(d => Math.Log((d + 1.0) / (examples.Count + _classes.Length)))];
        _logMissing = [.. totals.Select(t => Math.Log(alpha / (t + alpha * vocabulary)))];
        _features = counts.ToDictionary(
            kv => kv.Key,
            kv => kv.Value.OrderBy(x => x.Key)
                .Select(x => (x.Key, Math.Log((x.Value + alpha) / (totals[x.Key] + alpha * vocabulary)) - _logMissing[x.Key]))
                .ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>Writes the counted tables (groups, log priors, log missing-word rates, each feature's gains) for <see cref="Read"/>.</summary>
    internal void Write(BinaryWriter writer)
    {
        writer.Write(_classes.Length);
        foreach (var c in _classes) writer.Write(c.ToString());
        foreach (var v in _logPrior) writer.Write(v);
        foreach (var v in _logMissing) writer.Write(v);
        writer.Write(_features.Count);
        foreach (var (name, gains) in _features)
        {
            writer.Write(name);
            writer.Write(gains.Length);
            foreach (var (c, gain) in gains)
            {
                writer.Write(c);
                writer.Write(gain);
            }
        }
    }

    /// <summary>Reads tables written by <see cref="Write"/>; <paramref name="options"/> must be those the tables were counted with.</summary>
    internal static WordBayes Read(BinaryReader reader, SocVersion version, BayesOptions? options)
    {
        var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        var classes = new SocCode[CachedCount.Checked(reader.ReadInt32(), remaining, "a word-Bayes count")];
        for (var i = 0; i < classes.Length; i++) classes[i] = SocCode.Parse(reader.ReadString(), version);
        var logPrior = new double[classes.Length];
        var logMissing = new double[classes.Length];
        for (var i = 0; i < classes.Length; i++) logPrior[i] = reader.ReadDouble();
        for (var i = 0; i < classes.Length; i++) logMissing[i] = reader.ReadDouble();
        var count = CachedCount.Checked(reader.ReadInt32(), remaining, "a word-Bayes count");
        var features = new Dictionary<string, (int Class, double Gain)[]>(count, StringComparer.Ordinal);
        for (var f = 0; f < count; f++)
        {
            var name = reader.ReadString();
            var gains = new (int Class, double Gain)[CachedCount.Checked(reader.ReadInt32(), remaining, "a word-Bayes count")];
            for (var i = 0; i < gains.Length; i++)
            {
                var c = reader.ReadInt32();
                if ((uint)c >= (uint)classes.Length) throw new InvalidDataException($"a word-Bayes gain names group {c} of {classes.Length}");
                gains[i] = (c, reader.ReadDouble());
            }
            features.Add(name, gains);
        }
        return new WordBayes(classes, logPrior, logMissing, features, options ?? new BayesOptions());
    }

    /// <summary>The posterior probability of each group the query's known words point to (empty when it has none).</summary>
    public IReadOnlyDictionary<SocCode, double> Posterior(TitleTerms query)
    {
        var known = Features(query).Where(f => _features.ContainsKey(f.Name)).ToArray();
        if (known.Length == 0) return new Dictionary<SocCode, double>();
        var mass = known.Sum(f => f.Weight);
        var scores = new double[_classes.Length];
        for (var c = 0; c < scores.Length; c++) scores[c] = _options.PriorWeight * _logPrior[c] + mass * _logMissing[c];
        foreach (var (name, weight) in known)
            foreach (var (c, gain) in _features[name])
                scores[c] += weight * gain;
        var max = scores.Max();
        var sum = 0.0;
        for (var c = 0; c < scores.Length; c++) sum += scores[c] = Math.Exp((scores[c] - max) / _options.Temperature);
        var result = new Dictionary<SocCode, double>();
        for (var c = 0; c < scores.Length; c++)
            if (scores[c] / sum > 1e-4) result[_classes[c]] = scores[c] / sum;
        return result;
    }

    private IEnumerable<(string Name, double Weight)> Features(TitleTerms terms)
    {
        var title = terms.Title;
        for (var i = 0; i < title.Length; i++)
        {
            yield return ("w:" + title[i], _options.Word);
            if (i > 0 && _options.Bigram > 0) yield return ("b:" + title[i - 1] + " " + title[i], _options.Bigram);
        }
        if (terms.Head is { } head && _options.Head > 0) yield return ("h:" + head, _options.Head);
        if (_options.Qualifier > 0)
            foreach (var word in terms.Qualifiers) yield return ("w:" + word, _options.Qualifier);
    }
}
