using SocBridge.Apportion.Estimation;
using SocBridge.Core.Classification;
using SocBridge.Core.Csv;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Estimation;

[Collection(ReleaseCollection.Name)]
public class InputFileTests(ReleaseFixture fixture)
{
    [Theory]
    [InlineData("ashe_2022_soc2020.csv", "ashe_2022_soc2020.csv", 2022)]
    [InlineData("margins.csv:2023", "margins.csv", 2023)]
    [InlineData("/data/c:/x/aps soc2020 2021.csv", "/data/c:/x/aps soc2020 2021.csv", 2021)]
    public void A_margin_file_names_its_year_or_takes_it_from_the_file_name(string text, string path, int year)
    {
        Assert.True(MarginFileSpec.TryParse(text, out var spec, out _));
        Assert.Equal(new MarginFileSpec(path, year), spec);
    }

    [Fact]
    public void A_margin_file_without_a_year_is_refused()
    {
        Assert.False(MarginFileSpec.TryParse("margins_soc2020.csv", out _, out var error));
        Assert.Contains("FILE:YEAR", error);
    }

    [Fact]
    public void Calibrate_to_style_margins_with_a_total_column_are_read_and_suppressed_values_are_not_published()
    {
        using var dir = new TempDirectory();
        var margins = dir.Write("m.csv", "code,total\n1111,10\n1112,x\n111,12\n");
        var series = dir.Write("s.csv", "soc2010,jobs\n1115,10\n1116,\n");
        var (inputs, files) = new EstimatorInputFiles(series, 2021, [new MarginFileSpec(margins, 2022)], "jobs", "soc2010").Read(fixture.Release);
        var year = Assert.Single(inputs.Margins);
        Assert.Equal(10, year.Counts.Values[SocCode.Parse("1111", SocVersion.Soc2020)]);
        Assert.Null(year.Counts.Values[SocCode.Parse("1112", SocVersion.Soc2020)]);
        Assert.Null(inputs.Series.Values[SocCode.Parse("1116", SocVersion.Soc2010)]);
        Assert.Equal(2, files.Count);
    }

    [Fact]
    public void A_code_of_the_wrong_edition_names_the_place()
    {
        using var dir = new TempDirectory();
        var series = dir.Write("s.csv", "soc2010,jobs\n1115,10\n1111,4\n");
        var e = Assert.Throws<CsvDataException>(() => LeveledCountsCsv.Read(series, SocVersion.Soc2010, "soc2010", "jobs", [], fixture.Release.Soc2010));
        Assert.Contains("s.csv:3, column 'soc2010': value '1111'", e.Message);
    }
}
