using SocBridge.Api.Contracts;
using SocBridge.Apportion.Weights;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Index;
using SocBridge.Core.Lookup;
using SocBridge.Core.Release;
using SocBridge.Recode.Coding;

namespace SocBridge.Api.Services;

/// <summary>Turns the library's answers into the API contracts.</summary>
public static class Views
{
    public static WeightsRef Weights(WeightSelection s) => new(WeightSets.Name(s.Set), WeightSets.Name(s.Sex));

    public static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    public static SocCodeResponse Details(string releaseId, CodeDetails d) => new(
        releaseId,
        d.Version.Year(),
        d.Code.ToString(),
        (int)d.Level,
        d.Level.Name(),
        d.Title,
        d.OnsTitle,
        d.Parent is { } parent ? Ref(parent) : null,
        d.Ancestors.Select(Ref).ToArray(),
        d.Children.Select(Ref).ToArray(),
        d.Description is { } desc ? Description(desc) : null,
        d.Extensions.Select(e => new CodeRef(e.Code, e.Title)).ToArray(),
        d.IndexEntryCount,
        d.IndexSample.Select(Index).ToArray(),
        Mapping(d.Related, null));

    public static CodeRef Ref(GroupRef g) => new(g.Code, g.Title);

    public static GroupDescription Description(DescriptionRecord d) => new(
        NullIfEmpty(d.Description), NullIfEmpty(d.GroupsWithin), NullIfEmpty(d.EntryRoutes), d.Tasks, d.RelatedJobTitles);

    public static IndexTitle Index(CodingIndexEntry e) =>
        new(e.Id, e.QualifiedTitle, e.Soc2010?.ToString(), e.Soc2020?.ToString(), NullIfEmpty(e.Soc2020Ext));

    public static MappingResponse Mapping(MappingResult r, double? interval) => new(
        Source(r), Target(r), Weights(r.Requested), Weights(r.Used), r.IsFallback, r.FallbackReason, r.Relationship.Name(),
        r.SampleTotal, r.SourceBase, r.ResidualShare, interval, Targets(r, interval));

    public static MapResponse Map(string releaseId, MappingResult r, double? interval) => new(
        releaseId, Source(r), Target(r), Weights(r.Requested), Weights(r.Used), r.IsFallback, r.FallbackReason, r.Relationship.Name(),
        r.SampleTotal, r.SourceBase, r.ResidualShare, interval, Targets(r, interval));

    private static MappingSource Source(MappingResult r) => new(r.Source.Version.Year(), r.Source.ToString(), (int)r.Source.Level, r.SourceTitle);

    private static MappingTarget Target(MappingResult r) => new(r.TargetVersion.Year(), (int)r.TargetLevel, r.TargetLevel.Name());

    private static TargetWeight[] Targets(MappingResult r, double? interval) =>
        r.Targets.Select(t =>
        {
            if (interval is not { } p) return new TargetWeight(t.Code.ToString(), t.Title, t.Weight, t.JointCount);
            var bounds = DirichletInterval.Joint(t.JointCount, r.SampleTotal, p);
            return new TargetWeight(t.Code.ToString(), t.Title, t.Weight, t.JointCount, bounds.Lower, bounds.Upper);
        }).ToArray();

    public static SearchResult Hit(SocRelease release, int rank, SearchHit hit)
    {
        var e = hit.Entry;
        return new SearchResult(
            rank, hit.Score, e.Id, e.QualifiedTitle,
            e.Soc2010 is { } a ? new CodeRef(a.ToString(), release.Soc2010.Get(a).DisplayTitle) : null,
            e.Soc2020 is { } b ? new CodeRef(b.ToString(), release.Soc2020.Get(b).DisplayTitle) : null,
            NullIfEmpty(e.Soc2020Ext),
            hit.ReachedThrough?.QualifiedTitle);
    }

    public static ReleaseResponse Release(SocRelease release)
    {
        var m = release.Manifest;
        return new ReleaseResponse(
            m.ReleaseId, m.FormatVersion, m.Licence, m.Attribution,
            m.Sources.Select(s => new ReleaseSourceFile(s.File, s.Title, s.Url, s.Bytes, s.Sha256)).ToArray(),
            m.Outputs.Select(o => new ReleaseDataFile(o.File, o.Sha256, o.Rows)).ToArray(),
            new SortedDictionary<string, int>(m.Counts.ToDictionary(), StringComparer.Ordinal));
    }

    /// <summary>
    /// A group in the existing service's shape. Text comes from <see cref="OccupationTextBuilder"/>: a SOC2010
    /// group borrows the text of its SOC2020 counterparts and says so in <c>text_from</c>.
    /// </summary>
    public static CompatOccupation Compat(SocRelease release, OccupationTextBuilder texts, SocCode code)
    {
        var group = release.Hierarchy(code.Version).Get(code);
        var description = code.Version == SocVersion.Soc2020 ? release.Descriptions.GetValueOrDefault(code) : null;
        IReadOnlyList<string> titles = description is { RelatedJobTitles.Count: > 0 }
            ? description.RelatedJobTitles
            : IndexTitles(release, code, 20);
        var text = texts.For(code);
        return new CompatOccupation(
            code.Value, (int)code.Version, group.DisplayTitle,
            text.Description, text.Qualifications, text.Tasks, titles,
            new CompatTextOrigin(
                text.Origin switch { TextOrigin.Own => "own", TextOrigin.Dominant => "dominant", _ => "counterparts" },
                [.. text.Sources.Select(s => new CompatTextSource(s.Code.Value, (int)s.Code.Version, s.Title, Math.Round(s.Weight, 6)))]));
    }

    /// <summary>Distinct index titles coded to a group, the ONS default entries first.</summary>
    private static string[] IndexTitles(SocRelease release, SocCode code, int max)
    {
        var entries = release.Index.CodedTo(code);
        return entries.Where(e => e.DefaultFlag.Length > 0).Concat(entries)
            .Select(e => e.Title)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(max)
            .ToArray();
    }

    /// <summary>A coded title as GET /v1/code answers it (and <c>socbridge code --format json</c> writes it).</summary>
    public static CodeResponse Code(string releaseId, int top, string? industry, CodingResult r) =>
        new(releaseId, top, r.Query, NullIfEmpty(industry), r.Understood, Candidates(r), Soc2010Candidates(r));

    /// <summary>One title of a batch, at <paramref name="index"/> (from 0).</summary>
    public static CodedTitle Coded(int index, string? industry, CodingResult r) =>
        new(index, r.Query, NullIfEmpty(industry), r.Understood, Candidates(r), Soc2010Candidates(r));

    private static CodeCandidate[] Candidates(CodingResult r) =>
        [.. r.Candidates.Select(c => new CodeCandidate(
            c.Rank, c.Score, c.Probability,
            new CodeRef(c.Soc2020.ToString(), c.Soc2020Title),
            c.Soc2010 is { } s ? new CodeRef(s.ToString(), c.Soc2010Title) : null,
            NullIfEmpty(c.Soc2010Source),
            [.. c.Matches.Select(m => new MatchedTitleView(m.Title, m.Source, m.EntryId, NullIfEmpty(m.Soc2010), m.Soc2020, NullIfEmpty(m.Soc2020Ext), m.Similarity))]))];

    private static Soc2010CodeCandidate[] Soc2010Candidates(CodingResult r) =>
        [.. r.Soc2010Candidates.Select(c => new Soc2010CodeCandidate(c.Rank, c.Score, c.Soc2010.ToString(), c.Title))];
}
