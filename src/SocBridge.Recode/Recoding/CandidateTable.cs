using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Index;
using SocBridge.Core.Release;
using SocBridge.Recode.Io;

namespace SocBridge.Recode.Recoding;

/// <summary>
/// One SOC2020 group a SOC2010 group can recode to: its crosswalk weight and joint sample count (zero
/// for pairs only the index uses) and the number of visible index titles on the pair.
/// </summary>
internal sealed record Candidate(SocCode Soc2020, double CrosswalkWeight, double JointCount, int IndexTitles, bool ListedInTable)
{
    /// <summary>Crosswalk prior with half a record added to every candidate, so index-only pairs keep a small chance.</summary>
    public double Prior(CandidateSet set) => (JointCount + 0.5) / (set.SampleTotal + 0.5 * set.Candidates.Count);

    /// <summary>Share of the group's visible index titles on this pair, with half a title added to every candidate.</summary>
    public double IndexShare(CandidateSet set) => (IndexTitles + 0.5) / (set.IndexTotal + 0.5 * set.Candidates.Count);
}

/// <summary>The candidate SOC2020 groups of one SOC2010 unit group: relationship-table links ∪ index pairs.</summary>
internal sealed record CandidateSet(SocCode Soc2010, IReadOnlyList<Candidate> Candidates, double SampleTotal, int IndexTotal)
{
    public bool IsSingle => Candidates.Count == 1;

    /// <summary>The modal SOC2020 group by crosswalk weight — what a mode-collapsing crosswalk would assign.</summary>
    public SocCode Modal => Candidates.OrderByDescending(c => c.JointCount).ThenByDescending(c => c.IndexTitles).ThenBy(c => c.Soc2020).First().Soc2020;

    public Candidate? Find(SocCode soc2020) => Candidates.FirstOrDefault(c => c.Soc2020 == soc2020);
}

/// <summary>Candidate sets for every SOC2010 unit group, from the crosswalk and the visible index entries.</summary>
internal sealed class CandidateTable
{
    private readonly Dictionary<SocCode, CandidateSet> _sets;

    private CandidateTable(Dictionary<SocCode, CandidateSet> sets) => _sets = sets;

    public CandidateSet? For(SocCode soc2010) => _sets.GetValueOrDefault(soc2010);

    public IEnumerable<CandidateSet> Sets => _sets.Values;

    public static CandidateTable Build(SocRelease release, IEnumerable<CodingIndexEntry> visible, WeightSelection selection)
    {
        var counts = visible.Where(e => e.Soc2010 is not null && e.Soc2020 is not null)
            .GroupBy(e => e.Soc2010!.Value)
            .ToDictionary(g => g.Key, g => g.GroupBy(e => e.Soc2020!.Value).ToDictionary(x => x.Key, x => x.Count()));
        var sets = new Dictionary<SocCode, CandidateSet>();
        foreach (var group in release.Soc2010.UnitGroups)
        {
            var code = group.Code;
            var mapping = release.Crosswalk.Map(code, selection);
            var weights = mapping.Targets.ToDictionary(t => t.Code);
            var listed = release.Crosswalk.LinksWithin(code).Select(l => l.Soc2020).ToHashSet();
            var indexCounts = counts.GetValueOrDefault(code) ?? [];
            var codes = weights.Keys.Concat(listed).Concat(indexCounts.Keys).Distinct().Order().ToArray();
            if (codes.Length == 0) continue;
            var candidates = codes.Select(c => new Candidate(c,
                weights.TryGetValue(c, out var t) ? t.Weight : 0, t?.JointCount ?? 0,
                indexCounts.GetValueOrDefault(c), listed.Contains(c))).ToArray();
            sets[code] = new CandidateSet(code, candidates, mapping.SampleTotal, indexCounts.Values.Sum());
        }
        return new CandidateTable(sets);
    }

    /// <summary>Writes the candidate sets, in their order, for <see cref="Read"/>.</summary>
    internal void Write(BinaryWriter writer)
    {
        writer.Write(_sets.Count);
        foreach (var set in _sets.Values)
        {
            writer.Write(set.Soc2010.ToString());
            writer.Write(set.SampleTotal);
            writer.Write(set.IndexTotal);
            writer.Write(set.Candidates.Count);
            foreach (var c in set.Candidates)
            {
                writer.Write(c.Soc2020.ToString());
                writer.Write(c.CrosswalkWeight);
                writer.Write(c.JointCount);
                writer.Write(c.IndexTitles);
                writer.Write(c.ListedInTable);
            }
        }
    }

    /// <summary>Reads candidate sets written by <see cref="Write"/>; neither the crosswalk nor the index is consulted.</summary>
    internal static CandidateTable Read(BinaryReader reader)
    {
        var remaining = reader.BaseStream.Length - reader.BaseStream.Position;
        int Count() => CachedCount.Checked(reader.ReadInt32(), remaining, "a candidate count");
        var sets = new Dictionary<SocCode, CandidateSet>();
        for (int i = 0, count = Count(); i < count; i++)
        {
            var code = SocCode.Parse(reader.ReadString(), SocVersion.Soc2010);
            var sampleTotal = reader.ReadDouble();
            var indexTotal = reader.ReadInt32();
            var candidates = new Candidate[Count()];
            for (var k = 0; k < candidates.Length; k++)
                candidates[k] = new Candidate(SocCode.Parse(reader.ReadString(), SocVersion.Soc2020), reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt32(), reader.ReadBoolean());
            sets.Add(code, new CandidateSet(code, candidates, sampleTotal, indexTotal));
        }
        return new CandidateTable(sets);
    }
}
