using SocBridge.Core.Classification;
using SocBridge.Recode.Text;

namespace SocBridge.Tests.Recode;

[Collection(RecodeCollection.Name)]
public class PairClassifierTests(RecodeFixture fixture)
{
    private static readonly SocCode Pubs = SocCode.Create(SocVersion.Soc2010, 9274);
    private static readonly SocCode BarSupervisors = SocCode.Create(SocVersion.Soc2020, 9261);
    private static readonly SocCode BarStaff = SocCode.Create(SocVersion.Soc2020, 9265);

    private (float Supervisors, float Staff) Scores(string title)
    {
        var terms = TitleTerms.Parse(title);
        var s = fixture.Recoder.Model.Evidence.Classifier.Score([(terms, Pubs, BarSupervisors), (terms, Pubs, BarStaff)]);
        return (s[0], s[1]);
    }

    [Theory]
    [InlineData("Head barman")]
    [InlineData("Head barperson")]
    [InlineData("Bar team leader")]
    public void Titles_of_bar_supervisors_score_higher_for_supervisors_than_for_bar_staff(string title)
    {
        var (supervisors, staff) = Scores(title);
        Assert.True(supervisors > staff, $"{title}: 9261 {supervisors}, 9265 {staff}");
    }

    [Theory]
    [InlineData("Barman")]
    [InlineData("Barperson")]
    [InlineData("Bar tender")]
    public void Titles_of_bar_staff_score_higher_for_bar_staff_than_for_supervisors(string title)
    {
        var (supervisors, staff) = Scores(title);
        Assert.True(staff > supervisors, $"{title}: 9261 {supervisors}, 9265 {staff}");
    }
}
