using MathNet.Numerics.Distributions;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Apportion;

[Collection(ReleaseCollection.Name)]
public class IntervalTests(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;
    private static readonly WeightSelection Pooled = new(WeightSet.Pooled, SexSet.All);

    private ApportionResult Translate(string code, double jobs) =>
        SeriesApportioner.Apportion(_release,
            new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "code", Values = [ValueColumn.Count("jobs")], Selection = Pooled, Interval = 0.95 },
            ["year"], [new SeriesRow(["2021"], code, [jobs.ToString(System.Globalization.CultureInfo.InvariantCulture)])]).Result;

    [Fact]
    public void A_cell_fed_by_one_source_gets_the_exact_Beta_posterior_interval()
    {
        var code = SocCode.Parse("3545", SocVersion.Soc2010);
        var map = _release.Crosswalk.Map(code, Pooled);
        var r = Translate("3545", 1000);
        foreach (var cell in r.Cells)
        {
            var target = map.Targets.Single(t => t.Code.ToString() == r.TargetCodes[cell.TargetSlot]);
            var n = map.SampleTotal;
            Assert.Equal(1000 * Beta.InvCDF(target.JointCount, n - target.JointCount, 0.025), cell.Lower![0], 6);
            Assert.Equal(1000 * Beta.InvCDF(target.JointCount, n - target.JointCount, 0.975), cell.Upper![0], 6);
        }
    }

    [Fact]
    public void Groups_with_smaller_samples_get_wider_intervals()
    {
        // Among SOC2010 groups that split, compare the relative width of the largest target's interval.
        var widths = _release.Soc2010.UnitGroups
            .Select(g => (Code: g.Code, Map: _release.Crosswalk.Map(g.Code, Pooled)))
            .Where(x => x.Map.Targets.Count >= 2 && x.Map.Targets[0].Weight is > 0.5 and < 0.95)
            .Select(x =>
            {
                var r = Translate(x.Code.ToString(), 1000);
                var main = r.Cells.Single(c => r.TargetCodes[c.TargetSlot] == x.Map.Targets[0].Code.ToString());
                return (x.Map.SampleTotal, Width: (main.Upper![0] - main.Lower![0]) / main.Values[0]);
            })
            .OrderBy(x => x.SampleTotal)
            .ToArray();
        Assert.True(widths.Length > 20);
        var smallest = widths.Take(widths.Length / 4).Average(x => x.Width);
        var largest = widths.Skip(3 * widths.Length / 4).Average(x => x.Width);
        Assert.True(smallest > 2 * largest, $"quarter with the smallest bases: {smallest:P1}; with the largest: {largest:P1}");
    }
}
