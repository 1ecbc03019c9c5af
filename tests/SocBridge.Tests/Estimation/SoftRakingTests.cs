using SocBridge.Apportion.Estimation;
using static SocBridge.Tests.Estimation.Tables;

namespace SocBridge.Tests.Estimation;

public class SoftRakingTests
{
    [Fact]
    public void The_fixed_point_is_c_equal_to_t_over_s_to_the_power_beta()
    {
        // One row of 10 split 50/50, two sets with targets 6 and 4. With γ = 0.5 (β = 1): c1 = 6/s1, c2 = 4/s2,
        // s1 = 10·c1/(c1 + c2), so c1² = 0.6(c1 + c2), c2² = 0.4(c1 + c2), c1/c2 = √1.5 and s1 = 10·√1.5/(1 + √1.5).
        var support = Table(("1111", "1111", 0.5), ("1111", "1112", 0.5));
        var problem = new RakingProblem(support, [10], [0, 1], [6, 4]);
        var outcome = SoftRaking.Run(problem, 0.5, 1e-13, 10_000);
        Assert.True(outcome.Converged);
        Assert.Equal(10 * Math.Sqrt(1.5) / (1 + Math.Sqrt(1.5)), outcome.SetTotals[0], 10);

        foreach (var gamma in new[] { 0.3, 0.8, 0.95 })
        {
            var o = SoftRaking.Run(problem, gamma, 1e-13, 100_000);
            var beta = gamma / (1 - gamma);
            Assert.True(o.Converged, $"γ {gamma}");
            for (var s = 0; s < 2; s++) Assert.Equal(Math.Pow(problem.Targets[s] / o.SetTotals[s], beta), o.Factors[s], 8);
            // Stronger calibration comes closer to the targets.
            Assert.InRange(o.SetTotals[0], 5, 6);
        }
    }

    [Fact]
    public void A_one_to_one_family_keeps_its_row_whatever_its_target()
    {
        var support = Table(("1111", "1111", 1), ("1112", "1112", 0.5), ("1112", "1113", 0.5));
        var outcome = SoftRaking.Run(new RakingProblem(support, [7, 10], [0, 1, 2], [20, 3, 7]), 0.95, 1e-11, 100_000);
        Assert.Equal(7, outcome.Cells[0]);
        Assert.Equal(1, Weight(support, outcome.Cells, [7, 10], "1111", "1111"));
    }

    [Fact]
    public void A_zero_target_and_an_unreachable_target_end_at_the_clip_without_overflow()
    {
        var support = Table(("1111", "1111", 0.5), ("1111", "1112", 0.5), ("1112", "1113", 1));
        var outcome = SoftRaking.Run(new RakingProblem(support, [10, 0], [0, 1, 2], [0, 10, 5]), 0.95, 1e-11, 100_000);
        Assert.True(outcome.Converged);
        Assert.Equal(1 / SoftRaking.Clip, outcome.Factors[0], 15);
        Assert.Equal(SoftRaking.Clip, outcome.Factors[2], 3);
        Assert.Equal(10, outcome.Cells[0] + outcome.Cells[1], 12);
        Assert.All(outcome.Cells, c => Assert.True(double.IsFinite(c)));
    }

    [Fact]
    public void Free_columns_keep_factor_one_and_a_capped_run_says_so()
    {
        var support = Table(("1111", "1111", 0.5), ("1111", "1112", 0.5));
        var capped = SoftRaking.Run(new RakingProblem(support, [10], [0, -1], [8]), 0.95, 1e-11, 3);
        Assert.False(capped.Converged);
        Assert.Equal(3, capped.Passes);
        Assert.True(capped.LastChange > 1e-11);
    }
}
