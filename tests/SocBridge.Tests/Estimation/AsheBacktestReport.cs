using System.Diagnostics;
using SocBridge.Apportion.Estimation;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;
using Xunit.Abstractions;

namespace SocBridge.Tests.Estimation;

/// <summary>Prints the backtest tables on the committed ASHE samples (the figures of docs/estimator.md); asserts only that they are complete.</summary>
[Collection(ReleaseCollection.Name)]
public class AsheBacktestReport(ReleaseFixture fixture, ITestOutputHelper output)
{
    private readonly SocRelease _release = fixture.Release;

    [Fact]
    public void Parameter_backtests_on_the_ashe_samples()
    {
        var estimator = new CalibratedEstimator(_release);
        var watch = Stopwatch.StartNew();
        var report = WeightsBacktest.Run(estimator, AsheInputs.Inputs(_release, 2022, 2023, 2024), new BacktestOptions { FillSuppressed = true });
        output.WriteLine($"backtests took {watch.Elapsed.TotalSeconds:F2} s");
        foreach (var r in report.Rows)
            output.WriteLine($"{r.Backtest,-62} {r.Parameter,-10} {r.Value,6:G3} {r.Score,9:P3} prior {r.PriorScore,8:P3} gain {r.GainOverPrior,7:P1} {(r.Converged ? "" : "NOT CONVERGED")}");
        output.WriteLine($"recommended: year decay {report.RecommendedYearDecay}, γ {report.RecommendedGamma} (year gap best {report.YearGapBestGamma}, synthetic best {report.SyntheticBestGamma})");
        foreach (var n in report.Notes) output.WriteLine(n);
        Assert.All(report.Rows, r => Assert.True(double.IsFinite(r.Score) && r.Score is >= 0 and <= 1));
        Assert.Contains(report.Rows, r => r.Backtest.StartsWith("γ: same-year"));
    }

    [Fact]
    public void Estimators_compared_on_the_ashe_samples()
    {
        var estimator = new CalibratedEstimator(_release);
        int[] years = [2022, 2023, 2024];
        OtherSeries Sex(string sex, SexSet set) =>
            new(sex, AsheInputs.Series(_release, sex), years.ToDictionary(y => y, y => AsheInputs.Margin(_release, y, sex).Counts), set);
        var rows = EstimatorComparison.Run(_release, estimator, AsheInputs.Inputs(_release, years), new EstimatorOptions { FillSuppressed = true },
            otherSeries: [Sex("men", SexSet.Men), Sex("women", SexSet.Women)]);
        foreach (var backtest in rows.GroupBy(r => r.Backtest))
        {
            output.WriteLine($"## {backtest.Key} (mean over {backtest.First().Cases} held-out years)");
            output.WriteLine($"{"estimator",-44} {"unit",8} {"minor",8} {"sub-major",9}");
            foreach (var e in backtest.GroupBy(r => r.Estimator))
                output.WriteLine($"{e.Key,-44} {e.Single(r => r.Level == "unit group").Distance,8:P2} {e.Single(r => r.Level == "minor group").Distance,8:P2} {e.Single(r => r.Level == "sub-major group").Distance,9:P2}");
        }
        Assert.All(rows, r => Assert.True(double.IsFinite(r.Distance)));
    }
}
