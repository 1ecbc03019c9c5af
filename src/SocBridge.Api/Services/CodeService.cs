using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using SocBridge.Api.Contracts;
using SocBridge.Api.Infrastructure;
using SocBridge.Core.Release;
using SocBridge.Recode.Coding;
using SocBridge.Recode;
using SocBridge.Recode.Recoding;

namespace SocBridge.Api.Services;

/// <summary>
/// GET and POST /v1/code: the free-text coder of SocBridge.Recode. The coder is loaded from the model cache
/// at start-up (trained and cached once per release when missing), and is safe to share between requests.
/// </summary>
internal sealed class CodeService(SocRelease release, ResponseCache cache, IOptions<ApiOptions> options) : IDisposable
{
    public const int DefaultTop = 5;
    public const int MaxTop = 20;
    public const int MaxTitleLength = 200;
    public const int MaxIndustryLength = 100;
    private const string AllowedIndustry = "a SIC2007 section or division code ('C', '13', 'C13') or a few words ('textile manufacture'), at most 100 characters";

    /// <summary>How long a request waits for a turn of the coder before it is answered 503.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    // Loaded from the model cache (trained and cached on first use per release), on a pool thread: a request
    // never builds it, it only waits for it (up to MaxWait).
    private readonly Lazy<Task<FreeTextCoder>> _coder = new(
        () => Task.Run(() => new ModelStore(options.Value.ModelCache).LoadCoder(new RecodeCorpus(release)).Coder), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly ApiOptions _options = options.Value;

    // Coding takes milliseconds of CPU per title: at most this many codings run at once, the rest wait
    // without holding a thread, so a burst of coding cannot starve lookups of threads.
    private readonly SemaphoreSlim _turns = new(Math.Max(1, options.Value.MaxConcurrentCoding));

    /// <summary>Starts building the coder if nobody has yet; completes when it is built.</summary>
    public Task Ready() => _coder.Value;

    /// <summary>Whether the coder is built and requests are answered without waiting for it.</summary>
    public bool IsReady => _coder.IsValueCreated && _coder.Value.IsCompletedSuccessfully;

    /// <summary>The coder, or null when it was not built within <see cref="MaxWait"/>.</summary>
    private async Task<FreeTextCoder?> Coder(CancellationToken cancellationToken)
    {
        var building = _coder.Value;
        if (building.IsCompletedSuccessfully) return building.Result;
        try
        {
            return await building.WaitAsync(MaxWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public async Task<IResult> Code(string? title, string? top, string? industry, CancellationToken cancellationToken)
    {
        var text = (title ?? "").Trim();
        const string allowed = "a job title of 1 to 200 characters, such as 'senior software engineer'";
        if (text.Length == 0)
            return ApiProblem.BadParameter("title", title, allowed, "'title' is missing or empty; give the job title to code").ToResult();
        if (text.Length > MaxTitleLength)
            return ApiProblem.BadParameter("title", text[..40] + "…", allowed, $"'title' has {text.Length} characters; at most {MaxTitleLength} are accepted").ToResult();
        if (Top(top, out var n) is { } badTop) return badTop.ToResult();
        var sector = (industry ?? "").Trim();
        if (sector.Length > MaxIndustryLength)
            return ApiProblem.BadParameter("industry", sector[..40] + "…", AllowedIndustry, $"'industry' has {sector.Length} characters; at most {MaxIndustryLength} are accepted").ToResult();
        var key = string.Create(CultureInfo.InvariantCulture, $"code/{n}/{sector.Length}:{sector}?{text}");
        if (cache.TryGet(key, out var hit)) return new CachedJsonResult(hit);
        if (await Coder(cancellationToken) is not { } coder) return WarmingUp();
        if (!await _turns.WaitAsync(MaxWait, cancellationToken)) return Busy();
        try
        {
            var result = coder.Code(text, n, sector.Length == 0 ? null : sector);
            return new CachedJsonResult(cache.Add(key, ApiJson.Serialize(Views.Code(ReleaseId, n, sector, result))));
        }
        finally
        {
            _turns.Release();
        }
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
        // Each title's industry as it is read and echoed: trimmed, null when none is given.
        var industries = batch.Industries?.Select(s => string.IsNullOrWhiteSpace(s) ? null : s.Trim()).ToArray();
        if (industries is not null && industries.Length != titles.Count)
            return Invalid("industries", $"{industries.Length} industries for {titles.Count} titles; give one per title (null or \"\" for none), in the same order");
        for (var i = 0; industries is not null && i < industries.Length; i++)
            if (industries[i] is { Length: > MaxIndustryLength } sector)
                return Invalid($"industries[{i}]", $"industry {i} has {sector.Length} characters; at most {MaxIndustryLength} are accepted");

        if (await Coder(cancellationToken) is not { } coder) return WarmingUp();
        if (!await _turns.WaitAsync(MaxWait, cancellationToken)) return Busy();
        IReadOnlyList<CodingResult> results;
        try
        {
            results = industries is null
                ? coder.CodeAll(titles, n)
                : [.. titles.Select((t, i) => coder.Code(t, n, industries[i]))];
        }
        finally
        {
            _turns.Release();
        }
        var coded = results.Select((r, i) => Views.Coded(i, industries?[i], r)).ToArray();
        return Results.Bytes(ApiJson.Serialize(new CodeBatchResponse(ReleaseId, n, coded.Length, coded)), CachedJsonResult.ContentType);
    }

    public void Dispose() => _turns.Dispose();

    private string ReleaseId => release.ReleaseId;

    private static IResult WarmingUp() => new RetryAfterResult(Results.Problem(new ProblemDetails
    {
        Status = StatusCodes.Status503ServiceUnavailable,
        Title = "Coder warming up",
        Detail = $"the free-text coder is still being built (it was not ready within {MaxWait.TotalSeconds:0} s); /health/ready says when it is; retry after 1 second",
    }));

    private IResult Busy()
    {
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Coder busy",
            Detail = $"this instance is already coding {_options.MaxConcurrentCoding} request(s) and none finished within {MaxWait.TotalSeconds:0} s; retry after 1 second",
        };
        return new RetryAfterResult(Results.Problem(problem));
    }

    private sealed class RetryAfterResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = "1";
            return inner.ExecuteAsync(httpContext);
        }
    }

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
}
