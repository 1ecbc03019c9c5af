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

/// <summary>The names of <see cref="RecodeMethod"/> values as the output files write them.</summary>
public static class RecodeMethods
{
    /// <summary>The method's name in output files: <c>exact_title</c>, <c>one_to_one</c>, <c>scored</c>, <c>review</c> or <c>invalid</c>.</summary>
    /// <param name="method">The method.</param>
    /// <returns>Its snake_case name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not a defined <see cref="RecodeMethod"/>.</exception>
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
/// <param name="Title">The job title as written; null or empty is recoded from the crosswalk alone.</param>
/// <param name="Soc2010">The SOC2010 unit group as written (four digits); a missing or bad code gives <see cref="RecodeMethod.Invalid"/>.</param>
/// <param name="Industry">The employer's industry; null when not known.</param>
public sealed record RecodeInput(string? Title, string? Soc2010, string? Industry = null);

/// <summary>A candidate SOC2020 group with its calibrated probability and the evidence behind it.</summary>
/// <param name="Soc2020">The SOC2020 unit group.</param>
/// <param name="Title">Its title.</param>
/// <param name="Probability">The probability (0–1) that it is the right group among the candidates; 1 for an exact title or a one-to-one group.</param>
/// <param name="CrosswalkWeight">Its weight in the ONS crosswalk from the SOC2010 group (0 for pairs only the coding index links).</param>
/// <param name="IndexTitles">How many coding-index titles are coded to this SOC2010 and SOC2020 pair.</param>
/// <param name="Fuzzy">The FuzzySharp similarity (0–1) of the nearest reference title coded to this group (0 when none is near); 1 for an exact title, NaN for a one-to-one group.</param>
/// <param name="Classifier">The pair classifier's score (log-odds, clamped to ±20); NaN for an exact title or a one-to-one group.</param>
/// <param name="NearestTitles">Up to three index titles behind the candidate: the matched entries, or the nearest reference titles.</param>
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
/// <param name="Title">The title as given.</param>
/// <param name="Soc2010Text">The SOC2010 code as given.</param>
/// <param name="Soc2010">The SOC2010 code read from <paramref name="Soc2010Text"/>; null when it could not be read.</param>
/// <param name="Soc2020">The SOC2020 unit group chosen; null when the title is left for review or invalid.</param>
/// <param name="Soc2020Ext">The SOC2020 extension code (six digits) when the index entry or a group with a single extension gives one; otherwise empty.</param>
/// <param name="Method">How the answer was reached.</param>
/// <param name="Confidence">The calibrated probability (0–1) that <paramref name="Best"/> is right; 1 for an exact title or a one-to-one group, 0 when invalid.</param>
/// <param name="Best">The likeliest SOC2020 group, coded or not; null when invalid.</param>
/// <param name="RunnerUp">The second likeliest SOC2020 group; null when there is none or the answer was not scored.</param>
/// <param name="Margin">The best candidate's probability minus the runner-up's (0–1); 1 for an exact title or a one-to-one group, 0 when invalid.</param>
/// <param name="Candidates">Up to three candidates, likeliest first, with their evidence.</param>
/// <param name="Problem">A note on the input or the choice (an empty title, a bad code, a title the index lists under several groups); null when there is nothing to say.</param>
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
    /// <summary>True when a SOC2020 group was assigned (<see cref="Soc2020"/> is set).</summary>
    public bool IsCoded => Soc2020 is not null;

    /// <summary>True for a title left for review or with an invalid SOC2010 code: what the review file lists.</summary>
    public bool NeedsReview => Method is RecodeMethod.Review or RecodeMethod.Invalid;
}
