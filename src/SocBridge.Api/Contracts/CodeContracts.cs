namespace SocBridge.Api.Contracts;

/// <summary>
/// Candidates for one free-text job title in both editions (GET /v1/code), with the employer's industry when
/// one was given (a SIC2007 section or division code, or free text, read against the index's industry qualifiers).
/// </summary>
public sealed record CodeResponse(
    string ReleaseId,
    int Top,
    string Title,
    string? Industry,
    string Understood,
    IReadOnlyList<CodeCandidate> Candidates,
    IReadOnlyList<Soc2010CodeCandidate> Soc2010Candidates);

/// <summary>
/// A ranked SOC2020 unit group with its score (0–100, the candidates' scores share 100), that score calibrated
/// on held-out titles as a probability (0–1: of the titles whose top candidate has 0.9, about 90% are right), the SOC2010 group
/// that goes with it (<c>soc2010_source</c>: <c>index</c> from the dual-coded index entry that matched, or
/// <c>crosswalk</c>) and the reference titles that support it.
/// </summary>
public sealed record CodeCandidate(
    int Rank,
    double Score,
    double Probability,
    CodeRef Soc2020,
    CodeRef? Soc2010,
    string? Soc2010Source,
    IReadOnlyList<MatchedTitleView> Matches);

/// <summary>A coding-index or SOC2020 Volume 1 title that supports a candidate, with its similarity (0–1).</summary>
public sealed record MatchedTitleView(string Title, string Source, string? EntryId, string? Soc2010, string Soc2020, string? Soc2020Extension, double Similarity);

/// <summary>A ranked SOC2010 unit group for the title, scored on its own (0–100).</summary>
public sealed record Soc2010CodeCandidate(int Rank, double Score, string Code, string Title);

/// <summary>
/// Titles to code in one request (POST /v1/code); <c>industries</c>, when given, holds each title's industry
/// (null or empty for none) in the same order.
/// </summary>
public sealed record CodeBatchRequest(IReadOnlyList<string?>? Titles, int? Top = null, IReadOnlyList<string?>? Industries = null);

/// <summary>The candidates of each title of a batch, in input order.</summary>
public sealed record CodeBatchResponse(string ReleaseId, int Top, int Count, IReadOnlyList<CodedTitle> Results);

/// <summary>One title of a batch: its position (from 0), the text as understood, and its candidates.</summary>
public sealed record CodedTitle(
    int Index,
    string Title,
    string? Industry,
    string Understood,
    IReadOnlyList<CodeCandidate> Candidates,
    IReadOnlyList<Soc2010CodeCandidate> Soc2010Candidates);
