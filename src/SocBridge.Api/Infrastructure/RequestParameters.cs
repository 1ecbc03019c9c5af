using System.Globalization;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Text;

namespace SocBridge.Api.Infrastructure;

/// <summary>Which editions a search result list is about.</summary>
internal enum SearchScope
{
    Both,
    Soc2010,
    Soc2020,
}

/// <summary>
/// Parses and checks query and route parameters. Each method returns null on success or a problem that
/// names the parameter, the value given and what is allowed.
/// </summary>
internal static class RequestParameters
{
    public const int DefaultSearchLimit = 30;
    public const int MaxSearchLimit = 100;
    public const int MaxQueryLength = 200;
    public const string VersionsAllowed = "2010 or 2020";
    public const string WeightsAllowed = "lfs (default), census or pooled";
    public const string SexAllowed = "all (default), men or women";
    public const string LevelAllowed = "1 (major group), 2 (sub-major group), 3 (minor group) or 4 (unit group)";

    public static ApiProblem? Version(string? text, string parameter, out SocVersion version)
    {
        if (SocVersions.TryParse(text, out version)) return null;
        return ApiProblem.BadParameter(parameter, text, VersionsAllowed,
            string.IsNullOrWhiteSpace(text)
                ? $"'{parameter}' is empty; give the SOC edition, {VersionsAllowed}"
                : $"'{text}' is not a SOC edition; '{parameter}' must be {VersionsAllowed}");
    }

    /// <summary>The version parameter of the compatibility routes: 2010 unless given.</summary>
    public static ApiProblem? OptionalVersion(string? text, string parameter, SocVersion fallback, out SocVersion version)
    {
        if (text is null)
        {
            version = fallback;
            return null;
        }
        return Version(text, parameter, out version);
    }

    /// <summary>
    /// The edition of a compatibility request: the route's own edition (a <c>version</c> that names the other one is
    /// an error), else <c>version</c>, else the configured default.
    /// </summary>
    public static ApiProblem? CompatVersion(string? text, SocVersion fallback, SocVersion? fixedEdition, out SocVersion version)
    {
        if (fixedEdition is not { } edition) return OptionalVersion(text, "version", fallback, out version);
        version = edition;
        if (text is null) return null;
        var allowed = $"{edition.Year()} (this route serves SOC{edition.Year()} only) or nothing";
        if (SocVersions.TryParse(text, out var parsed) && parsed == edition) return null;
        return ApiProblem.BadParameter("version", text, allowed,
            $"'{text}' conflicts with the route: '/api/v1/soc{edition.Year()}/…' serves SOC{edition.Year()}; leave 'version' out or use '/api/v1/soc/…?version={text}'");
    }

    public static ApiProblem? Selection(string? weights, string? sex, out WeightSelection selection)
    {
        selection = WeightSelection.Default;
        var set = WeightSet.Lfs;
        if (weights is not null && !WeightSets.TryParse(weights, out set))
            return ApiProblem.BadParameter("weights", weights, WeightsAllowed,
                $"'{weights}' is not a weight set; 'weights' must be {WeightsAllowed}");
        var who = SexSet.All;
        if (sex is not null && !WeightSets.TryParseSex(sex, out who))
            return ApiProblem.BadParameter("sex", sex, SexAllowed,
                $"'{sex}' is not a sex set; 'sex' must be {SexAllowed} (male/female, m/f and persons are accepted too)");
        selection = new WeightSelection(set, who);
        return null;
    }

    /// <summary>The target edition of a mapping: the other one; naming the source's own edition is an error.</summary>
    public static ApiProblem? Target(string? text, SocVersion source, out SocVersion target)
    {
        target = source.Other();
        if (text is null) return null;
        var allowed = $"{target.Year()} (the other edition; the default)";
        if (!SocVersions.TryParse(text, out var parsed))
            return ApiProblem.BadParameter("to", text, allowed, $"'{text}' is not a SOC edition; 'to' must be {target.Year()} for a SOC{source.Year()} code");
        if (parsed == source)
            return ApiProblem.BadParameter("to", text, allowed, $"a SOC{source.Year()} code maps to SOC{target.Year()}; 'to' cannot name its own edition");
        return null;
    }

    public static ApiProblem? Level(string? text, out SocLevel? level)
    {
        level = null;
        if (text is null) return null;
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var digits) && SocLevels.TryFromDigits(digits, out var parsed))
        {
            level = parsed;
            return null;
        }
        return ApiProblem.BadParameter("level", text, LevelAllowed, $"'{text}' is not a SOC level; 'level' must be {LevelAllowed}");
    }

    public static ApiProblem? Interval(string? text, out double? probability)
    {
        probability = null;
        if (text is null) return null;
        const string allowed = "a probability strictly between 0 and 1, such as 0.9 or 0.95";
        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p > 0 && p < 1)
        {
            probability = p;
            return null;
        }
        return ApiProblem.BadParameter("interval", text, allowed, $"'{text}' is not a valid interval; 'interval' must be {allowed}");
    }

    public static ApiProblem? Query(string? text, out string query)
    {
        query = (text ?? "").Trim();
        const string allowed = "job title words, 1 to 200 characters, such as 'software developer'";
        if (query.Length == 0)
            return ApiProblem.BadParameter("q", text, allowed, "'q' is missing or empty; give the job title words to search for");
        if (query.Length > MaxQueryLength)
            return ApiProblem.BadParameter("q", query[..40] + "…", allowed, $"'q' has {query.Length} characters; at most {MaxQueryLength} are accepted");
        if (TitleText.Tokens(query).Count == 0)
            return ApiProblem.BadParameter("q", text, allowed, $"'q' ('{query}') has no letters or digits to search for");
        return null;
    }

    public static ApiProblem? Limit(string? text, out int limit)
    {
        limit = DefaultSearchLimit;
        if (text is null) return null;
        var allowed = $"a whole number from 1 to {MaxSearchLimit} (default {DefaultSearchLimit})";
        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxSearchLimit)
        {
            limit = n;
            return null;
        }
        return ApiProblem.BadParameter("limit", text, allowed, $"'{text}' is not a valid limit; 'limit' must be {allowed}");
    }

    public static ApiProblem? Scope(string? text, out SearchScope scope)
    {
        scope = SearchScope.Both;
        if (text is null) return null;
        const string allowed = "both (default: every matching title), 2010 or 2020 (the best title per unit group of that edition)";
        var t = text.Trim().ToLowerInvariant();
        if (t == "both")
            return null;
        if (SocVersions.TryParse(t, out var version))
        {
            scope = version == SocVersion.Soc2010 ? SearchScope.Soc2010 : SearchScope.Soc2020;
            return null;
        }
        return ApiProblem.BadParameter("soc", text, allowed, $"'{text}' is not a search scope; 'soc' must be {allowed}");
    }

    public static string Name(this SearchScope scope) => scope switch
    {
        SearchScope.Soc2010 => "2010",
        SearchScope.Soc2020 => "2020",
        _ => "both",
    };
}
