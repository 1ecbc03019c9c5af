using System.Text.Json;
using System.Text.RegularExpressions;
using SocBridge.Apportion.Engine;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Reporting.Evidence;
using SocBridge.Reporting.Export;
using SocBridge.Reporting.Html;
using SocBridge.Apportion.Weights;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Reporting;

[Collection(ReleaseCollection.Name)]
public class AuditFigureTests(ReleaseFixture fixture)
{
    private static readonly WeightSelection Women = new(WeightSet.Lfs, SexSet.Women);

    public static TheoryData<int, string> Groups => new() { { 3545, "lfs/all" }, { 2136, "lfs/all" }, { 5225, "lfs/women" }, { 2136, "census/men" } };

    private static WeightSelection Parse(string s)
    {
        var parts = s.Split('/');
        WeightSets.TryParse(parts[0], out var set);
        WeightSets.TryParseSex(parts[1], out var sex);
        return new WeightSelection(set, sex);
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void Group_evidence_equals_the_library_mapping(int code, string selection)
    {
        var sel = Parse(selection);
        var soc = SocCode.Create(SocVersion.Soc2010, code);
        var g = AuditEvidence.BuildGroup(fixture.Release, soc, new AuditOptions { Selection = sel });
        var m = fixture.Release.Crosswalk.Map(soc, sel);
        Assert.Equal(m.SampleTotal, g.SampleTotal);
        Assert.Equal(m.Used, g.Mapping.Used);
        Assert.Equal(m.ResidualShare, g.Mapping.ResidualShare);
        var group = fixture.Release.Crosswalk.Table.BySoc2010[soc];
        Assert.Equal(group.Bases, g.Bases);
        foreach (var t in m.Targets)
        {
            var e = g.Targets.Single(x => x.Code == t.Code);
            Assert.Equal(t.Weight, e.Weight);
            Assert.Equal(t.JointCount, e.JointCount);
            var link = group.Links.Single(l => l.Soc2020 == t.Code);
            foreach (var c in e.Cells)
            {
                Assert.Equal(link.Proportions[c.Cell], c.Proportion);
                Assert.Equal(link.JointCounts[c.Cell], c.JointCount);
            }
            var expected = ShareOut.Interval(t.Weight, t.Weight * (1 - t.Weight) / (m.SampleTotal + 1), 1, 0.95);
            Assert.Equal(expected.Lower, e.Interval.Lower, 12);
            Assert.Equal(expected.Upper, e.Interval.Upper, 12);
        }
        Assert.Equal(group.Links.Count, g.Targets.Count);
        Assert.Equal(1.0, g.Targets.Sum(t => t.Weight), 9);
    }

    [Fact]
    public void Fallback_group_says_which_weights_it_used()
    {
        var g = AuditEvidence.BuildGroup(fixture.Release, SocCode.Create(SocVersion.Soc2010, 5225), new AuditOptions { Selection = Women });
        Assert.True(g.IsFallback);
        Assert.Equal(new WeightSelection(WeightSet.Lfs, SexSet.All), g.Mapping.Used);
        Assert.Contains(g.Coverage, c => c.Requested == Women && c.IsFallback);
    }

    [Fact]
    public void A_share_interval_is_the_Beta_marginal_of_the_Dirichlet_with_the_joint_counts()
    {
        // One share w of a group with n records: Beta(n·w, n·(1−w)), the Dirichlet(joint counts) marginal.
        foreach (var (w, n) in new[] { (0.751, 2250.0), (0.02, 46.0), (0.5, 10.0) })
        {
            var interval = DirichletInterval.Share(w, n, 0.9);
            Assert.Equal(MathNet.Numerics.Distributions.Beta.InvCDF(n * w, n * (1 - w), 0.05), interval.Lower, 9);
            Assert.Equal(MathNet.Numerics.Distributions.Beta.InvCDF(n * w, n * (1 - w), 0.95), interval.Upper, 9);
        }
    }

    [Fact]
    public void Report_data_and_exports_equal_the_library_on_named_and_small_base_groups()
    {
        var evidence = AuditEvidence.Build(fixture.Release);
        var small = evidence.SmallBaseGroups(SocVersion.Soc2010);
        Assert.NotEmpty(small);
        var advice = small[0].SmallBase!;
        Assert.True(advice.Records < evidence.Options.SmallBase);
        Assert.True(advice.SaferRecords >= evidence.Options.SmallBase);
        Assert.True(small[0].Code.IsWithin(advice.Safer));

        var html = AuditReport.Page(evidence).ToString();
        var json = Regex.Match(html, "<script type=\"application/json\" id=\"audit-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        using var doc = JsonDocument.Parse(json);
        var groups = doc.RootElement.GetProperty("groups");

        var weights = AuditExport.Weights(fixture.Release);
        int Col(string name) => weights.IndexOf(name);

        foreach (var code in new[] { 3545, 2136, 5225, small[0].Code.Value })
        {
            var soc = SocCode.Create(SocVersion.Soc2010, code);
            var m = fixture.Release.Crosswalk.Map(soc, WeightSelection.Default);
            var g = groups.GetProperty($"2010-{code}");
            Assert.Equal(m.SampleTotal, g.GetProperty("n").GetDouble());
            Assert.Equal(m.Relationship.Name(), g.GetProperty("rel").GetString());
            var targets = g.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("c").GetString()!);
            foreach (var t in m.Targets)
            {
                Assert.Equal(t.Weight, targets[t.Code.ToString()].GetProperty("w").GetDouble());
                Assert.Equal(t.JointCount, targets[t.Code.ToString()].GetProperty("j").GetDouble());
                var interval = DirichletInterval.Share(t.Weight, m.SampleTotal, 0.95);
                Assert.Equal(interval.Lower, targets[t.Code.ToString()].GetProperty("lo").GetDouble());

                var row = weights.Rows.Single(r => (string)r[Col("weights")]! == "lfs" && (string)r[Col("sex")]! == "all" && (int)r[Col("from_version")]! == 2010
                    && (int)r[Col("level")]! == 4 && (string)r[Col("from_code")]! == code.ToString() && (string)r[Col("to_code")]! == t.Code.ToString());
                Assert.Equal(t.Weight, (double)row[Col("weight")]!);
                Assert.Equal(t.JointCount, (double)row[Col("joint_count")]!);
                Assert.Equal(m.SampleTotal, (double)row[Col("sample_total")]!);
                Assert.Equal(m.SourceBase, (double?)row[Col("source_base")]);
                Assert.Equal(m.ResidualShare, (double?)row[Col("residual")]);
                Assert.Equal(interval.Upper, (double)row[Col("interval_upper")]!);
                Assert.Equal(m.Relationship.Name(), (string)row[Col("relationship")]!);
            }
            // The page table shows the same records and relationship.
            Assert.Matches($"<tr data-code=\"{code}\" data-rel=\"{m.Relationship.Name()}\"", html);
        }

        var fallback = weights.Rows.Where(r => (string)r[Col("from_code")]! == "5225" && (int)r[Col("level")]! == 4 && (string)r[Col("weights")]! == "lfs" && (string)r[Col("sex")]! == "women").ToArray();
        Assert.NotEmpty(fallback);
        Assert.All(fallback, r => { Assert.True((bool)r[Col("fallback")]!); Assert.Equal("all", r[Col("sex_used")]); });
        Assert.Equal(fixture.Release.IndexPairsWithoutWeight().Count, evidence.IndexGaps.Count);
    }

    [Fact]
    public void Report_is_self_contained()
    {
        var html = AuditReport.Page(AuditEvidence.Build(fixture.Release)).ToString();
        Assert.Contains("Content-Security-Policy", html);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
        Assert.DoesNotContain("<link rel=\"stylesheet\"", html);
    }
}
