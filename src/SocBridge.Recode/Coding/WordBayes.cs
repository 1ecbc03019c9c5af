using SocBridge.Core.Classification;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Coding;

/// <summary>Weights of the word features of <see cref="WordBayes"/>, and its smoothing and sharpness.</summary>
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
public sealed class WordBayes
{
    private readonly SocCode[] _classes;
    private readonly double[] _logPrior;
    private readonly double[] _logMissing;
    private readonly Dictionary<string, (int Class, double Gain)[]> _features;
    private readonly BayesOptions _options;

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
