using SocBridge.Recode.Calibration;
using SocBridge.Recode.Evaluation;

namespace SocBridge.Tests.Recode;

public class ReliabilityTextTests
{
    private static string Text(double predicted, int right, int titles) =>
        EvaluationReport.Reliability(new ReliabilityCurve("test", [new ReliabilityBand(0.99, 1, titles, predicted, right / (double)titles)]));

    [Fact]
    public void A_gap_that_rounds_to_nothing_prints_as_plus_zero_whichever_side_it_falls()
    {
        // 99.5% right against 99.501% predicted: a gap of -0.001 points.
        var below = Text(0.99501, 199, 200);
        Assert.Contains("+0.0 pt", below);
        Assert.DoesNotContain("-+", below);
        Assert.Contains("+0.0 pt", Text(0.99499, 199, 200));
    }

    [Fact]
    public void Gaps_keep_their_sign_and_one_decimal()
    {
        Assert.Contains("-4.8 pt", Text(0.853, 161, 200)); // 80.5% observed
        Assert.Contains("+5.2 pt", Text(0.688, 111, 150)); // 74.0% observed
    }
}
