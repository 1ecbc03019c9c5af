using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SocBridge.Api.Contracts;
using SocBridge.Api.Infrastructure;
using SocBridge.Core.Release;
using SocBridge.Recode.Coding;
using SocBridge.Recode.Recoding;

namespace SocBridge.Api.Services;

/// <summary>
/// GET and POST /v1/code: the free-text coder of SocBridge.Recode. The coder is built once per release
/// (a couple of seconds), at start-up unless configured otherwise, and is safe to share between requests.
/// </summary>
public sealed class CodeService(SocRelease release, ResponseCache cache, IOptions<ApiOptions> options)
{
    public const int DefaultTop = 5;
    public const int MaxTop = 20;
    public const int MaxTitleLength = 200;

    private readonly Lazy<FreeTextCoder> _coder = new(() => FreeTextCoder.Create(new RecodeCorpus(release)), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ApiOptions _options = options.Value;

    /// <summary>Builds the coder now, so that the first request does not wait for it.</summary>
    public void Prepare() => _ = _coder.Value;

    public IResult Code(string? title, string? top)
    {
        var text = (title ?? "").Trim();
        const string allowed = "a job title of 1 to 200 characters, such as 'senior software engineer'";
        if (text.Length == 0)
            return ApiProblem.BadParameter("title", title, allowed, "'title' is missing or empty; give the job title to code").ToResult();
        if (text.Length > MaxTitleLength)
            return ApiProblem.BadParameter("title", text[..40] + "…", allowed, $"'title' has {text.Length} characters; at most {MaxTitleLength} are accepted").ToResult();
        if (Top(top, out var n) is { } badTop) return badTop.ToResult();
        var key = string.Create(CultureInfo.InvariantCulture, $"code/{n}?{text}");
        return new CachedJsonResult(cache.GetOrAdd(key, (this, text, n), static s =>
        {
            var result = s.Item1._coder.Value.Code(s.text, s.n);
            return ApiJson.Serialize(new CodeResponse(s.Item1.ReleaseId, s.n, result.Query, result.Understood, Candidates(result), Soc2010(result)));
        }));
    }

    public async Task<IResult> CodeBatch(HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.Read(request, _options.MaxRequestBodyBytes, cancellationToken);
        if (problem is not null) return problem.ToResult();
        CodeBatchRequest? batch;
        try
        {
            batch = JsonSerializer.Deserialize(body, ApiJsonContext.Default.CodeBatchRequest);
        }
        catch (JsonException e)
        {
            return JsonBody.Invalid(e, "coding request").ToResult();
        }
        var limit = _options.MaxTitlesPerRequest;
        var titles = batch?.Titles;
        if (titles is null || titles.Count == 0)
            return Invalid("titles", "'titles' is missing or empty; give an array of job titles, e.g. {\"titles\": [\"nurse\", \"software engineer\"]}");
        if (titles.Count > limit)
            return Invalid("titles", $"{titles.Count.ToString("N0", CultureInfo.InvariantCulture)} titles; at most {limit.ToString("N0", CultureInfo.InvariantCulture)} are accepted in one request (split the list, or use 'socbridge code --in' for files)");
        for (var i = 0; i < titles.Count; i++)
            if (titles[i] is { Length: > MaxTitleLength } t)
                return Invalid($"titles[{i}]", $"title {i} has {t.Length} characters; at most {MaxTitleLength} are accepted");
        if (Top(batch!.Top?.ToString(CultureInfo.InvariantCulture), out var n) is { } badTop) return badTop.ToResult();

        var results = _coder.Value.CodeAll(titles, n);
        var coded = results.Select((r, i) => new CodedTitle(i, r.Query, r.Understood, Candidates(r), Soc2010(r))).ToArray();
        return Results.Bytes(ApiJson.Serialize(new CodeBatchResponse(ReleaseId, n, coded.Length, coded)), CachedJsonResult.ContentType);
    }

    private string ReleaseId => release.ReleaseId;

    private static IResult Invalid(string field, string detail) =>
        new ApiProblem(StatusCodes.Status400BadRequest, "Invalid coding request", detail) { Parameter = field }.ToResult();

    private static ApiProblem? Top(string? text, out int top)
    {
        top = DefaultTop;
        if (text is null) return null;
        var allowed = $"a whole number from 1 to {MaxTop} (default {DefaultTop})";
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxTop)
        {
            top = n;
            return null;
        }
        return ApiProblem.BadParameter("top", text, allowed, $"'{text}' is not a valid number of candidates; 'top' must be {allowed}");
    }

    private static CodeCandidate[] Candidates(CodingResult r) =>
        [.. r.Candidates.Select(c => new CodeCandidate(
            c.Rank, c.Score,
            new CodeRef(c.Soc2020.ToString(), c.Soc2020Title),
            c.Soc2010 is { } s ? new CodeRef(s.ToString(), c.Soc2010Title) : null,
            Views.NullIfEmpty(c.Soc2010Source),
            [.. c.Matches.Select(m => new MatchedTitleView(m.Title, m.Source, m.EntryId, Views.NullIfEmpty(m.Soc2010), m.Soc2020, Views.NullIfEmpty(m.Soc2020Ext), m.Similarity))]))];

    private static Soc2010CodeCandidate[] Soc2010(CodingResult r) =>
        [.. r.Soc2010Candidates.Select(c => new Soc2010CodeCandidate(c.Rank, c.Score, c.Soc2010.ToString(), c.Title))];
}
