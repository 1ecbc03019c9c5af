using MathNet.Numerics.Distributions;
using SocBridge.Apportion.Weights;

namespace SocBridge.Tests.Apportion;

public sealed class JointIntervalTests
{
    [Theory]
    [InlineData(12, 40, 0.95)]
    [InlineData(0.5, 3, 0.9)]
    [InlineData(399, 400, 0.99)]
    public void A_weight_gets_the_central_interval_of_its_Beta_marginal(double joint, double total, double probability)
    {
        var interval = DirichletInterval.Joint(joint, total, probability);
        var tail = (1 - probability) / 2;
        Assert.Equal(Beta.InvCDF(joint, total - joint, tail), interval.Lower);
        Assert.Equal(Beta.InvCDF(joint, total - joint, 1 - tail), interval.Upper);
        Assert.Equal(probability, interval.Probability);
        Assert.InRange(joint / total, interval.Lower, interval.Upper);
    }

    [Fact]
    public void It_agrees_with_the_share_interval_of_the_same_weight()
    {
        var joint = DirichletInterval.Joint(30, 120, 0.95);
        var share = DirichletInterval.Share(30.0 / 120, 120, 0.95);
        Assert.Equal(share.Lower, joint.Lower, 9);
        Assert.Equal(share.Upper, joint.Upper, 9);
    }

    [Fact]
    public void No_joint_count_gives_zero_and_the_whole_sample_gives_one()
    {
        Assert.Equal(new Interval(0, 0, 0.9), DirichletInterval.Joint(0, 50, 0.9));
        Assert.Equal(new Interval(1, 1, 0.9), DirichletInterval.Joint(50, 50, 0.9));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void A_probability_outside_zero_to_one_is_refused(double probability) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DirichletInterval.Joint(1, 2, probability));
}
