using Microsoft.ML;
using Microsoft.ML.Trainers;
using SocBridge.Core.Classification;
using SocBridge.Recode.Text;

namespace SocBridge.Recode.Model;

/// <summary>
/// A training text for the classifier: its words, the SOC2020 group it belongs to, the groups it could be
/// confused with, and for an index title its SOC2010 group.
/// </summary>
internal sealed record ClassifierExample(TitleTerms Terms, SocCode Code, IReadOnlyList<SocCode> Rivals, float Weight, SocCode? Soc2010 = null);

/// <summary>
/// An ML.NET text classifier that scores a title against one candidate SOC2020 group at a time. Each
/// (title, candidate) pair becomes a bag of candidate-specific text features — words, word pairs,
/// word beginnings and the head word, each prefixed by the candidate's code, plus a bias of the
/// (SOC2010, candidate) pair for index titles — hashed into 2^20 slots and fitted by SDCA logistic
/// regression on one thread with a fixed seed, with the true group as the positive and its rivals as
/// negatives. The L2 penalty is kept very small: SDCA scales it by the number of rows, and a larger one
/// shrinks the weights of rarer words towards nothing. Restricted to a candidate set, the scores rank the
/// candidates the way a multiclass model over those groups would, at a fraction of the cost of one
/// over all 412 groups.
/// </summary>
internal sealed class PairClassifier
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _schema;

    private PairClassifier(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        _ml = ml;
        _model = model;
        _schema = schema;
    }

    /// <summary>Writes the fitted pipeline (ML.NET's model format) for <see cref="Read"/>.</summary>
    internal void Write(Stream stream) => _ml.Model.Save(_model, _schema, stream);

    /// <summary>Reads a pipeline written by <see cref="Write"/>.</summary>
    internal static PairClassifier Read(Stream stream, ClassifierOptions options)
    {
        var ml = new MLContext(seed: options.Seed);
        var model = ml.Model.Load(stream, out var schema);
        return new PairClassifier(ml, model, schema);
    }

    public static PairClassifier Train(IReadOnlyList<ClassifierExample> examples, ClassifierOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfZero(examples.Count);
        var ml = new MLContext(seed: options.Seed);
        var rows = new List<TrainingRow>(examples.Count * 4);
        foreach (var e in examples)
        {
            rows.Add(new TrainingRow { Text = PairFeatures.Text(e.Terms, e.Code, e.Soc2010), Label = true, Weight = e.Weight });
            foreach (var rival in e.Rivals)
                if (rival != e.Code)
                    rows.Add(new TrainingRow { Text = PairFeatures.Text(e.Terms, rival, e.Soc2010), Label = false, Weight = e.Weight });
        }
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Text.ProduceHashedWordBags("Features", nameof(TrainingRow.Text), numberOfBits: options.HashBits, ngramLength: 1, useAllLengths: false)
            .AppendCacheCheckpoint(ml)
            .Append(ml.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(TrainingRow.Label),
                FeatureColumnName = "Features",
                ExampleWeightColumnName = nameof(TrainingRow.Weight),
                NumberOfThreads = 1,
                MaximumNumberOfIterations = options.Iterations,
                L2Regularization = options.L2,
                Shuffle = true,
            }));
        return new PairClassifier(ml, pipeline.Fit(data), data.Schema);
    }

    /// <summary>The classifier's log-odds that each (tokens, candidate) pair is right, in the order given.</summary>
    public float[] Score(IReadOnlyList<(TitleTerms Terms, SocCode? Soc2010, SocCode Candidate)> pairs)
    {
        if (pairs.Count == 0) return [];
        var data = _ml.Data.LoadFromEnumerable(pairs.Select(p => new InputRow { Text = PairFeatures.Text(p.Terms, p.Candidate, p.Soc2010) }));
        var scored = _model.Transform(data);
        var result = new float[pairs.Count];
        var i = 0;
        foreach (var row in _ml.Data.CreateEnumerable<ScoreRow>(scored, reuseRowObject: true))
            result[i++] = row.Score;
        return result;
    }

    private sealed class TrainingRow
    {
        public string Text { get; set; } = "";
        public bool Label { get; set; }
        public float Weight { get; set; }
    }

    private sealed class InputRow
    {
        public string Text { get; set; } = "";
    }

    private sealed class ScoreRow
    {
        public float Score { get; set; }
    }
}

/// <summary>Settings of the recoder's pair classifier (a logistic model of title words against SOC2010 and SOC2020 pairs); all are part of the model cache key.</summary>
public sealed record ClassifierOptions
{
    /// <summary>Seed of the training.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Iterations of the optimiser.</summary>
    public int Iterations { get; init; } = 30;

    /// <summary>L2 regularisation of the weights.</summary>
    public float L2 { get; init; } = 1e-6f;

    /// <summary>Bits of the feature hash: the model has 2^<see cref="HashBits"/> weights.</summary>
    public int HashBits { get; init; } = 20;
}
