using FsCheck;
using FsCheck.Fluent;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Crosswalk;

/// <summary>Invariants of the weights over all codes, weight sets, sexes, levels and both directions.</summary>
[Collection(ReleaseCollection.Name)]
public class WeightProperties(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(3000);

    private Gen<(SocCode Code, WeightSelection Selection, SocLevel TargetLevel)> Queries()
    {
        var codes = SocVersions.All.SelectMany(v => SocLevels.All.SelectMany(l => _release.Hierarchy(v).AtLevel(l))).Select(g => g.Code).ToArray();
        return from code in Gen.Elements(codes)
               from selection in Gen.Elements(WeightSelection.All.ToArray())
               from level in Gen.Elements(SocLevels.All.ToArray())
               select (code, selection, level);
    }

    [Fact]
    public void Weights_are_non_negative_and_sum_to_one_for_every_code_with_data()
    {
        Prop.ForAll(Queries().ToArbitrary(), q =>
        {
            var r = _release.Crosswalk.Map(q.Code, q.Selection, q.TargetLevel);
            var ok = r.Targets.All(t => t.Weight >= 0 && t.Code.Level == q.TargetLevel && t.Code.Version == q.Code.Version.Other())
                     && (!r.HasData || Math.Abs(r.Targets.Sum(t => t.Weight) - 1) < 1e-12);
            return ok.Label($"{q.Code.ToQualifiedString()} {q.Selection} level {q.TargetLevel}: sum {r.Targets.Sum(t => t.Weight)}");
        }).Check(Runs);
    }

    [Fact]
    public void Weights_at_any_level_are_the_aggregation_of_unit_group_joint_counts()
    {
        Prop.ForAll(Queries().ToArbitrary(), q =>
        {
            var r = _release.Crosswalk.Map(q.Code, q.Selection, q.TargetLevel);
            var forward = q.Code.Version == SocVersion.Soc2010;
            // Independent computation straight from the table's unit-level links.
            var links = _release.Crosswalk.Table.Links.Where(l => (forward ? l.Soc2010 : l.Soc2020).IsWithin(q.Code)).ToArray();
            var joint = links
                .GroupBy(l => (forward ? l.Soc2020 : l.Soc2010).AtLevel(q.TargetLevel))
                .ToDictionary(g => g.Key, g => g.Sum(l => l.JointCounts.Sum(r.Used)));
            var total = joint.Values.Sum();
            var ok = total <= 0
                ? !r.HasData
                : r.Targets.All(t => Math.Abs(t.Weight - joint[t.Code] / total) < 1e-12 && Math.Abs(t.JointCount - joint[t.Code]) < 1e-9)
                  && r.Targets.Count == joint.Count(kv => kv.Value > 0);
            return ok.Label($"{q.Code.ToQualifiedString()} {q.Selection} level {q.TargetLevel}");
        }).Check(Runs);
    }

    [Fact]
    public void Coarser_target_levels_add_up_the_finer_weights()
    {
        Prop.ForAll(Queries().ToArbitrary(), q =>
        {
            var fine = _release.Crosswalk.Map(q.Code, q.Selection, SocLevel.Unit);
            var coarse = _release.Crosswalk.Map(q.Code, q.Selection, q.TargetLevel);
            var summed = fine.Targets.GroupBy(t => t.Code.AtLevel(q.TargetLevel)).ToDictionary(g => g.Key, g => g.Sum(t => t.Weight));
            return coarse.Targets.All(t => Math.Abs(summed[t.Code] - t.Weight) < 1e-12)
                .Label($"{q.Code.ToQualifiedString()} {q.Selection} level {q.TargetLevel}");
        }).Check(Runs);
    }

    [Fact]
    public void Every_unit_group_of_each_edition_reaches_the_other_edition_under_every_selection()
    {
        foreach (var version in SocVersions.All)
            foreach (var g in _release.Hierarchy(version).UnitGroups)
                foreach (var selection in WeightSelection.All)
                {
                    var r = _release.Crosswalk.Map(g.Code, selection);
                    Assert.True(r.HasData, $"{g.Code.ToQualifiedString()} {selection}: {r.FallbackReason}");
                }
    }

    [Fact]
    public void Fallback_is_used_only_when_the_requested_selection_has_no_record()
    {
        foreach (var version in SocVersions.All)
            foreach (var g in _release.Hierarchy(version).UnitGroups)
                foreach (var selection in WeightSelection.All)
                {
                    var r = _release.Crosswalk.Map(g.Code, selection);
                    var requestedTotal = _release.Crosswalk.LinksWithin(g.Code).Sum(l => l.JointCounts.Sum(selection));
                    Assert.Equal(requestedTotal <= 0, r.IsFallback);
                    Assert.Equal(r.IsFallback, r.FallbackReason is not null);
                }
    }

    [Fact]
    public void Reported_residuals_match_the_source_proportions()
    {
        foreach (var group in _release.Crosswalk.Table.Groups)
            foreach (var selection in WeightSelection.All)
            {
                var r = _release.Crosswalk.Map(group.Soc2010, selection);
                if (r.IsFallback) continue;
                var bases = group.Bases.Sum(selection);
                var joints = group.Links.Sum(l => l.JointCounts.Sum(selection));
                Assert.Equal((bases - joints) / bases, r.ResidualShare!.Value, 9);
            }
    }
}
