using System.Globalization;
using System.Text;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;

namespace SocBridge.Core.Lookup;

/// <summary>Where the text of an <see cref="OccupationText"/> comes from.</summary>
public enum TextOrigin
{
    /// <summary>The group's own ONS SOC2020 Volume 1 description.</summary>
    Own,

    /// <summary>
    /// A SOC2010 group whose records go mostly (at least <see cref="OccupationTextBuilder.DominantShare"/> of the
    /// pooled weights) to one SOC2020 group: that group's description, tasks and entry routes.
    /// </summary>
    Dominant,

    /// <summary>A SOC2010 group split between several SOC2020 groups: each counterpart's text, labelled with its code and weight.</summary>
    Counterparts,
}

/// <summary>A SOC2020 group whose text is used, with the share of the source group's records that go to it.</summary>
/// <param name="Code">The SOC2020 group.</param>
/// <param name="Title">Its display title.</param>
/// <param name="Weight">The share of the source group's records that go to it (1 for a group's own text).</param>
public sealed record TextSource(SocCode Code, string Title, double Weight);

/// <summary>
/// Descriptive text for a group of either edition: a description, the tasks (joined with "; ") and the entry
/// routes and qualifications, never null (a part ONS does not give for a group is the empty string).
/// <see cref="Sources"/> names every SOC2020 group the text was taken from.
/// </summary>
/// <param name="Description">What jobs in the group do.</param>
/// <param name="Tasks">The tasks, joined with "; ".</param>
/// <param name="Qualifications">Entry routes and qualifications.</param>
/// <param name="Origin">Where the text comes from.</param>
/// <param name="Sources">Every SOC2020 group the text was taken from, largest weight first.</param>
public sealed record OccupationText(
    string Description,
    string Tasks,
    string Qualifications,
    TextOrigin Origin,
    IReadOnlyList<TextSource> Sources);

/// <summary>
/// Gives every group text. The release holds ONS descriptions for SOC2020 only; a SOC2010 group borrows the
/// text of its SOC2020 counterparts, chosen by the pooled (LFS and Census, all persons) crosswalk weights at
/// the group's own level: the counterpart's text when one takes at least <see cref="DominantShare"/>,
/// otherwise the description, tasks and entry routes of every counterpart, each labelled with its code,
/// title and weight, largest first. Nothing is dropped silently: <see cref="OccupationText.Sources"/> lists them all.
/// </summary>
/// <param name="release">The release whose descriptions and weights are used.</param>
/// <param name="dominantShare">The share one counterpart needs for its text to be used alone, in (0, 1].</param>
/// <exception cref="ArgumentOutOfRangeException"><paramref name="dominantShare"/> is not in (0, 1].</exception>
public sealed class OccupationTextBuilder(SocRelease release, double dominantShare = OccupationTextBuilder.DominantShare)
{
    /// <summary>The share of a SOC2010 group's records one SOC2020 group needs for its text to be used alone.</summary>
    public const double DominantShare = 0.8;

    /// <summary>The weights the counterparts are chosen by: both samples, all persons (the most records).</summary>
    public static WeightSelection Selection { get; } = new(WeightSet.Pooled, SexSet.All);

    private readonly double _dominantShare = dominantShare is > 0 and <= 1
        ? dominantShare
        : throw new ArgumentOutOfRangeException(nameof(dominantShare), dominantShare, "the dominant share must be in (0, 1]");

    /// <summary>The text of <paramref name="code"/>, which must name a group of the release.</summary>
    /// <param name="code">A code of either edition.</param>
    /// <exception cref="UnknownSocCodeException"><paramref name="code"/> names no group of its edition.</exception>
    /// <exception cref="ArgumentException"><paramref name="code"/> is <see cref="SocCode.None"/>.</exception>
    /// <exception cref="ReleaseIntegrityException">The descriptions file is missing, unlisted or altered.</exception>
    public OccupationText For(SocCode code)
    {
        SocCode.ThrowIfNone(code);
        if (code.Version == SocVersion.Soc2020)
        {
            var own = release.Descriptions.GetValueOrDefault(code);
            var group = release.Soc2020.Get(code);
            return new OccupationText(
                own?.Description ?? "", Tasks(own), own?.EntryRoutes ?? "", TextOrigin.Own,
                [new TextSource(code, group.DisplayTitle, 1.0)]);
        }

        var mapping = release.Crosswalk.Map(code, Selection, code.Level);
        var sources = mapping.Targets
            .OrderByDescending(t => t.Weight).ThenBy(t => t.Code)
            .Select(t => new TextSource(t.Code, t.Title, t.Weight))
            .ToArray();
        if (sources.Length > 0 && sources[0].Weight >= _dominantShare)
        {
            var d = release.Descriptions.GetValueOrDefault(sources[0].Code);
            return new OccupationText(d?.Description ?? "", Tasks(d), d?.EntryRoutes ?? "", TextOrigin.Dominant, sources);
        }
        return new OccupationText(
            Labelled(sources, d => d.Description),
            Labelled(sources, Tasks),
            Labelled(sources, d => d.EntryRoutes),
            TextOrigin.Counterparts,
            sources);
    }

    private static string Tasks(DescriptionRecord? d) => d is null ? "" : string.Join("; ", d.Tasks);

    /// <summary>"SOC2020 2134 Title (weight 0.62): text" for each counterpart that has the text, one paragraph each.</summary>
    private string Labelled(IReadOnlyList<TextSource> sources, Func<DescriptionRecord, string> part)
    {
        var text = new StringBuilder();
        foreach (var source in sources)
        {
            if (release.Descriptions.GetValueOrDefault(source.Code) is not { } d || part(d) is not { Length: > 0 } value) continue;
            if (text.Length > 0) text.Append("\n\n");
            text.Append(CultureInfo.InvariantCulture, $"SOC2020 {source.Code} {source.Title} (weight {source.Weight:0.000}): {value}");
        }
        return text.ToString();
    }
}
