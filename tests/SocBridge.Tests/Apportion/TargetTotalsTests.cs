using System.Globalization;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Evaluation;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Apportion;

[Collection(ReleaseCollection.Name)]
public sealed class TargetTotalsTests(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;

    private ApportionResult Translate(params (string Year, string Code, double Jobs)[] rows) =>
        SeriesApportioner.Apportion(_release,
            new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "code", Values = [ValueColumn.Count("jobs")] },
            ["year"], [.. rows.Select(r => new SeriesRow([r.Year], r.Code, [r.Jobs.ToString(CultureInfo.InvariantCulture)]))]).Result;

    [Fact]
    public void Totals_of_one_dimension_value_share_out_that_value_only()
    {
        var result = Translate(("2020", "3545", 100), ("2021", "3545", 300), ("2021", "1115", 50));
        var y2021 = TargetTotals.Of(result, new Dictionary<string, string> { ["year"] = "2021" });
        var y2020 = TargetTotals.Of(result, new Dictionary<string, string> { ["year"] = "2020" });
        var all = TargetTotals.Of(result, new Dictionary<string, string>());
        Assert.Equal(350, y2021.Values.Sum(), 9);
        Assert.Equal(100, y2020.Values.Sum(), 9);
        Assert.Equal(450, all.Values.Sum(), 9);
        var map = _release.Crosswalk.Map(SocCode.Parse("3545", SocVersion.Soc2010), WeightSelection.Default);
        foreach (var t in map.Targets) Assert.Equal(100 * t.Weight, y2020[t.Code.ToString()], 9);
    }

    [Fact]
    public void A_column_that_is_not_a_dimension_is_refused()
    {
        var result = Translate(("2020", "3545", 100));
        Assert.Throws<ArgumentException>(() => TargetTotals.Of(result, new Dictionary<string, string> { ["area"] = "UK" }));
    }
}
