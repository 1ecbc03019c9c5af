using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using SocBridge.Core.Classification;
using SocBridge.Recode.Io;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Coding;

/// <summary>How the coder's logistic model is trained: passes over the titles, the starting step size, the
/// fewest titles a feature must occur in to be kept, and the seed of the shuffle.</summary>
/// <param name="Epochs">Passes over the reference titles.</param>
/// <param name="LearningRate">The step size of the first step; it falls linearly to nothing.</param>
/// <param name="MinCount">The fewest titles a feature must occur in to be kept.</param>
/// <param name="Seed">Seed of the shuffle before each pass.</param>
public sealed record SoftmaxOptions(int Epochs = 10, float LearningRate = 5f, int MinCount = 2, int Seed = 1);

/// <summary>
/// A multinomial logistic regression of titles into unit groups over sparse title features
/// (words, word pairs, head-word endings, qualifiers). Where <see cref="WordBayes"/> treats the words as independent evidence,
/// this model learns their weights jointly, so a word that only ever appears beside a stronger one gets
/// little credit, and the endings of the head word ("-ologist", "-wright") carry over to head words never seen.
/// Trained by stochastic gradient descent on one thread: a seeded shuffle per pass, a step size falling
/// linearly to nothing, every feature vector scaled to unit length. The weights are one row of
/// <c>classes</c> floats per feature, so a step is a vector operation over all groups.
/// </summary>
internal sealed class TitleSoftmax
{
    private readonly SocCode[] _classes;
    private readonly Dictionary<string, int> _featureIds;
    private readonly float[] _weights;
    private readonly float[] _bias;

    private TitleSoftmax(SocCode[] classes, Dictionary<string, int> featureIds, float[] weights, float[] bias)
    {
        _classes = classes;
        _featureIds = featureIds;
        _weights = weights;
        _bias = bias;
    }

    public int FeatureCount => _featureIds.Count;

    /// <summary>Writes the model (groups, features in id order, weights and biases) for <see cref="Read"/>.</summary>
    internal void Write(BinaryWriter writer)
    {
        writer.Write(_classes.Length);
        foreach (var c in _classes) writer.Write(c.ToString());
        var names = new string[_featureIds.Count];
        foreach (var (name, id) in _featureIds) names[id] = name;
        writer.Write(names.Length);
        foreach (var name in names) writer.Write(name);
        writer.Write(MemoryMarshal.AsBytes(_weights.AsSpan()));
        writer.Write(MemoryMarshal.AsBytes(_bias.AsSpan()));
    }

    /// <summary>Reads a model written by <see cref="Write"/>.</summary>
    internal static TitleSoftmax Read(BinaryReader reader, SocVersion version)
    {
        var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        var classes = new SocCode[CachedCount.Checked(reader.ReadInt32(), remaining, "a logistic-model count")];
        for (var i = 0; i < classes.Length; i++) classes[i] = SocCode.Parse(reader.ReadString(), version);
        var count = CachedCount.Checked(reader.ReadInt32(), remaining, "a logistic-model count");
        if ((long)count * classes.Length * sizeof(float) > remaining) throw new InvalidDataException($"{count} features of {classes.Length} groups do not fit the file");
        var ids = new Dictionary<string, int>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++) ids[reader.ReadString()] = i;
        // Every weight is overwritten by the read, so the array need not be cleared first.
        var weights = GC.AllocateUninitializedArray<float>(count * classes.Length);
        var bias = new float[classes.Length];
        ReadExactly(reader, MemoryMarshal.AsBytes(weights.AsSpan()));
        ReadExactly(reader, MemoryMarshal.AsBytes(bias.AsSpan()));
        return new TitleSoftmax(classes, ids, weights, bias);
    }

    private static void ReadExactly(BinaryReader reader, Span<byte> target) => reader.BaseStream.ReadExactly(target);

    public static TitleSoftmax Train(IReadOnlyList<(TitleTerms Terms, SocCode Label)> examples, SoftmaxOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(examples.Count);
        options ??= new SoftmaxOptions();
        var classes = examples.Select(e => e.Label).Distinct().Order().ToArray();
        var classOf = classes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        var featureIds = KeptFeatures(examples, options.MinCount);
        var k = classes.Length;
        var rows = examples.Select(e => (Vector: Encode(e.Terms, featureIds), Label: classOf[e.Label])).ToArray();
        var weights = new float[featureIds.Count * k];
        var bias = new float[k];
        var p = new float[k];
        var order = Enumerable.Range(0, rows.Length).ToArray();
        var random = new Random(options.Seed);
        var steps = (long)options.Epochs * rows.Length;
        var step = 0L;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var r in order)
            {
                var (vector, label) = rows[r];
                var rate = options.LearningRate * (1 - step++ / (float)steps);
                Probabilities(vector, weights, bias, p);
                p[label] -= 1;
                foreach (var (feature, value) in vector)
                {
                    var row = weights.AsSpan(feature * k, k);
                    TensorPrimitives.MultiplyAdd(p, -rate * value, row, row);
                }
                TensorPrimitives.MultiplyAdd(p, -rate, bias, bias);
            }
        }
        return new TitleSoftmax(classes, featureIds, weights, bias);
    }

    /// <summary>The probability of each group, for groups above 1e-4 (empty when the title has no known feature).</summary>
    public IReadOnlyDictionary<SocCode, double> Posterior(TitleTerms terms)
    {
        var vector = Encode(terms, _featureIds);
        if (vector.Length == 0) return new Dictionary<SocCode, double>();
        var p = new float[_classes.Length];
        Probabilities(vector, _weights, _bias, p);
        var result = new Dictionary<SocCode, double>();
        for (var c = 0; c < p.Length; c++)
            if (p[c] > 1e-4f) result[_classes[c]] = p[c];
        return result;
    }

    /// <summary>
    /// The features of a title, with their weights: its words, adjacent word pairs, the head word, the
    /// word before it paired with it, the first word, the head word's letter 3- to 5-grams (with ends marked)
    /// and the qualifier words, alone and paired with the head word; and, when any of those is known, the
    /// title's length in words.
    /// </summary>
    private static IEnumerable<(string Name, float Weight)> Features(TitleTerms terms) =>
        WordFeatures(terms).Append(LengthFeature(terms));

    private static (string Name, float Weight) LengthFeature(TitleTerms terms) => ("n:" + Math.Min(terms.Title.Length, 4), 0.3f);

    private static IEnumerable<(string Name, float Weight)> WordFeatures(TitleTerms terms)
    {
        var title = terms.Title;
        for (var i = 0; i < title.Length; i++)
        {
            yield return ("w:" + title[i], 1f);
            if (i > 0) yield return ("b:" + title[i - 1] + " " + title[i], 1f);
        }
        if (terms.Head is { } head)
        {
            yield return ("h:" + head, 1f);
            if (title.Length > 1)
            {
                yield return ("m:" + title[^2] + " " + head, 1f);
                yield return ("f:" + title[0], 0.5f);
            }
            var marked = "<" + head + ">";
            for (var n = 3; n <= 5; n++)
                for (var i = 0; i + n <= marked.Length; i++)
                    yield return ("c:" + marked.Substring(i, n), 0.3f);
        }
        foreach (var q in terms.Qualifiers)
        {
            yield return ("q:" + q, 0.7f);
            yield return ("hq:" + terms.Head + "|" + q, 0.5f);
        }
    }

    /// <summary>Ids for the features found in at least <paramref name="minCount"/> titles, numbered in order of first appearance.</summary>
    private static Dictionary<string, int> KeptFeatures(IReadOnlyList<(TitleTerms Terms, SocCode Label)> examples, int minCount)
    {
        var titlesWith = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstSeen = new List<string>();
        foreach (var (terms, _) in examples)
            foreach (var name in Features(terms).Select(f => f.Name).Distinct())
            {
                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(titlesWith, name, out var existed);
                if (!existed) firstSeen.Add(name);
                count++;
            }
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var name in firstSeen)
            if (titlesWith[name] >= minCount) ids[name] = ids.Count;
        return ids;
    }

    /// <summary>The title's known features with their summed weights, scaled to unit length, in id order; none when no word feature is known.</summary>
    private static (int Feature, float Value)[] Encode(TitleTerms terms, Dictionary<string, int> featureIds)
    {
        var sums = new SortedDictionary<int, float>();
        foreach (var (name, weight) in WordFeatures(terms))
            if (featureIds.TryGetValue(name, out var id))
                sums[id] = sums.GetValueOrDefault(id) + weight;
        if (sums.Count == 0) return [];
        var (lengthName, lengthWeight) = LengthFeature(terms);
        if (featureIds.TryGetValue(lengthName, out var lengthId)) sums[lengthId] = sums.GetValueOrDefault(lengthId) + lengthWeight;
        var norm = MathF.Sqrt(sums.Values.Sum(v => v * v));
        return [.. sums.Select(kv => (kv.Key, kv.Value / norm))];
    }

    private static void Probabilities((int Feature, float Value)[] vector, float[] weights, float[] bias, float[] p)
    {
        var k = p.Length;
        bias.CopyTo(p, 0);
        foreach (var (feature, value) in vector)
            TensorPrimitives.MultiplyAdd(weights.AsSpan(feature * k, k), value, p, p);
        TensorPrimitives.SoftMax(p, p);
    }
}
