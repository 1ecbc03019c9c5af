using SocBridge.Core.Crosswalk;
using SocBridge.Recode.Model;

namespace SocBridge.Recode.Recoding;

/// <summary>Settings of the recoder. <see cref="Validate"/> lists what is wrong, if anything.</summary>
public sealed record RecodeOptions
{
    /// <summary>The default review threshold: below this confidence a scored title goes to review.</summary>
    public const double DefaultThreshold = 0.96;

    /// <summary>Weights of the crosswalk prior (and of the modal baseline).</summary>
    public WeightSelection Weights { get; init; } = WeightSelection.Default;

    /// <summary>A scored title whose confidence is below this goes to the review queue.</summary>
    public double Threshold { get; init; } = DefaultThreshold;

    /// <summary>Folds used to produce the out-of-fold scores the confidence model is fitted on.</summary>
    public int CalibrationFolds { get; init; } = 3;

    /// <summary>Seed of the calibration folds and the classifier's training data; part of the model cache key.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Reference titles compared by FuzzySharp per query (overall, and again within the SOC2010 group).</summary>
    public int Shortlist { get; init; } = 25;

    /// <summary>Settings of the (title, SOC2010, SOC2020) pair classifier.</summary>
    public ClassifierOptions Classifier { get; init; } = new();

    /// <summary>What is wrong with these settings: a threshold outside 0–1, fewer than 2 calibration folds, an empty shortlist.</summary>
    /// <returns>One message per problem; empty when the settings are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Threshold is < 0 or > 1 || double.IsNaN(Threshold)) errors.Add($"threshold {Threshold} is outside 0–1");
        if (CalibrationFolds < 2) errors.Add("calibration needs at least 2 folds");
        if (Shortlist < 1) errors.Add("the shortlist must hold at least one title");
        return errors;
    }
}
