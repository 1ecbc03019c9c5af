using SocBridge.Core.Classification;

namespace SocBridge.Recode.Recoding;

/// <summary>How the recoder reached its answer.</summary>
public enum RecodeMethod
{
    /// <summary>The normalised title is in the index under the same SOC2010 group.</summary>
    ExactTitle,

    /// <summary>The SOC2010 group has a single candidate SOC2020 group.</summary>
    OneToOne,

    /// <summary>Chosen among the candidates by the calibrated confidence model, at or above the threshold.</summary>
    Scored,

    /// <summary>Scored below the threshold: left for a person, with the top candidates and their evidence.</summary>
    Review,

    /// <summary>The SOC2010 code is missing, malformed or not a SOC2010 unit group.</summary>
    Invalid,
}

public static class RecodeMethods
{
    public static string Name(this RecodeMethod method) => method switch
    {
        RecodeMethod.ExactTitle => "exact_title",
        RecodeMethod.OneToOne => "one_to_one",
        RecodeMethod.Scored => "scored",
        RecodeMethod.Review => "review",
        RecodeMethod.Invalid => "invalid",
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };
}

/// <summary>
/// One title and SOC2010 code to recode, with the employer's industry when known: a SIC2007 section
/// ("C") or division ("13") code, or free text ("textile manufacture"); it is read against the index's
/// industry qualifiers.
/// </summary>
public sealed record RecodeInput(string? Title, string? Soc2010, string? Industry = null);

/// <summary>A candidate SOC2020 group with its calibrated probability and the evidence behind it.</summary>
public sealed record RecodeCandidate(
    SocCode Soc2020,
    string Title,
    double Probability,
    double CrosswalkWeight,
    int IndexTitles,
    double Fuzzy,
    double Classifier,
    IReadOnlyList<string> NearestTitles);

/// <summary>
/// The recoder's answer for one title. <see cref="Soc2020"/> is set only when the title is coded (exact,
/// one-to-one, or scored at or above the threshold); a title for review carries its best candidate in
/// <see cref="Best"/> and its top candidates in <see cref="Candidates"/> instead.
/// </summary>
public sealed record RecodeResult(
    string Title,
    string Soc2010Text,
    SocCode? Soc2010,
    SocCode? Soc2020,
    string Soc2020Ext,
    RecodeMethod Method,
    double Confidence,
    SocCode? Best,
    SocCode? RunnerUp,
    double Margin,
    IReadOnlyList<RecodeCandidate> Candidates,
    string? Problem)
{
    public bool IsCoded => Soc2020 is not null;

    public bool NeedsReview => Method is RecodeMethod.Review or RecodeMethod.Invalid;
}
