using System.Globalization;
using SocBridge.Core.Csv;
using SocBridge.Release.Samples;

namespace SocBridge.Tests.Samples;

/// <summary>Checks on the committed samples/ alone; these run without the ONS originals.</summary>
public sealed class CommittedSampleTests
{
    private static List<Dictionary<string, string>> ReadAll(string fileName, params string[] columns)
    {
        var path = SamplePaths.Sample(fileName);
        using var text = new StreamReader(path);
        using var reader = new CsvRecordReader(text, fileName);
        reader.RequireColumns(columns);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
            rows.Add(columns.ToDictionary(c => c, reader.GetString, StringComparer.Ordinal));
        return rows;
    }

    private static double Number(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Fact]
    public void Ashe2021_has_369_unit_groups_for_every_sex_and_pay_period()
    {
        var rows = ReadAll(SampleBuilder.AsheSoc2010File, "soc2010", "level", "sex", "pay_period");
        var groups = rows.Where(r => r["level"] == "4").GroupBy(r => (r["sex"], r["pay_period"])).ToList();
        Assert.Equal(9, groups.Count);
        Assert.All(groups, g => Assert.Equal(369, g.Count()));
        Assert.All(groups, g => Assert.Equal(369, g.Select(r => r["soc2010"]).Distinct().Count()));
        Assert.Equal(4437, rows.Count);
        Assert.All(rows, r => Assert.Equal(int.Parse(r["level"], CultureInfo.InvariantCulture), r["soc2010"].Length));
    }

    [Fact]
    public void Ashe2022_has_412_unit_groups_for_every_sex_and_pay_period()
    {
        var rows = ReadAll("ashe_2022_soc2020.csv", "soc2020", "level", "sex", "pay_period");
        var groups = rows.Where(r => r["level"] == "4").GroupBy(r => (r["sex"], r["pay_period"])).ToList();
        Assert.Equal(9, groups.Count);
        Assert.All(groups, g => Assert.Equal(412, g.Count()));
    }

    [Fact]
    public void Ashe2021_known_row_matches_the_published_table()
    {
        var rows = ReadAll(SampleBuilder.AsheSoc2010File, "soc2010", "sex", "pay_period", "jobs_thousands", "median", "mean");
        var weekly = Assert.Single(rows, r => r["soc2010"] == "2136" && r["sex"] == "all" && r["pay_period"] == "weekly");
        Assert.Equal("282", weekly["jobs_thousands"]);
        Assert.Equal("848.8", weekly["median"]);
        Assert.Equal("884.2", weekly["mean"]);
        var annual = Assert.Single(rows, r => r["soc2010"] == "2136" && r["sex"] == "all" && r["pay_period"] == "annual");
        Assert.Equal("239", annual["jobs_thousands"]);
        Assert.Equal("42841", annual["median"]);
    }

    [Theory]
    [InlineData("ashe_2021_soc2010.csv")]
    [InlineData("ashe_2022_soc2020.csv")]
    [InlineData("ashe_2023_soc2020.csv")]
    [InlineData("ashe_2024_soc2020.csv")]
    public void Ashe_flagged_cells_have_no_value_and_values_have_no_flag(string file)
    {
        var rows = ReadAll(file, "jobs_thousands", "jobs_flag", "median", "median_flag", "mean", "mean_flag");
        string[] markers = ["", "x", ":", "..", "-"];
        foreach (var r in rows)
        {
            foreach (var measure in new[] { "jobs_thousands", "median", "mean" })
            {
                var flag = r[measure == "jobs_thousands" ? "jobs_flag" : measure + "_flag"];
                Assert.Contains(flag, markers);
                if (flag.Length > 0) Assert.Equal("", r[measure]);
                else if (r[measure].Length > 0) Assert.True(Number(r[measure]) >= 0);
            }
        }
        Assert.Contains(rows, r => r["median_flag"] == "x");
        // Officers in armed forces (SOC2010 1171) are not covered by ASHE: ':' rather than zero.
        if (file == SampleBuilder.AsheSoc2010File)
            Assert.Contains(rows, r => r["jobs_flag"] == ":" && r["jobs_thousands"] == "");
    }

    [Fact]
    public void Lfs_long_form_totals_27_213_191_with_no_zero_cells()
    {
        var rows = ReadAll(SampleBuilder.LfsFile, "soc2010", "sic2007_class", "sic2007_section", "employment");
        Assert.Equal(6588, rows.Count);
        Assert.Equal(27_213_191L, rows.Sum(r => long.Parse(r["employment"], CultureInfo.InvariantCulture)));
        Assert.All(rows, r => Assert.True(long.Parse(r["employment"], CultureInfo.InvariantCulture) > 0));
        Assert.All(rows, r => Assert.Matches("^[0-9]{2}\\.[0-9]{2}$", r["sic2007_class"]));
        Assert.All(rows, r => Assert.Equal(
            Sic2007.SectionOf(int.Parse(r["sic2007_class"][..2], CultureInfo.InvariantCulture))!.Value.ToString(), r["sic2007_section"]));
        // 369 unit groups in the matrix; 5212 and 5421 are zero in every class, so they have no rows here.
        Assert.Equal(367, rows.Select(r => r["soc2010"]).Distinct().Count());
        Assert.DoesNotContain(rows, r => r["soc2010"] is "5212" or "5421");
        Assert.Equal(rows.Count, rows.Select(r => (r["soc2010"], r["sic2007_class"])).Distinct().Count());
    }

    [Fact]
    public void Aps_soc2010_has_five_years_of_414_areas_by_25_groups()
    {
        var rows = ReadAll(SampleBuilder.ApsSoc2010File, "year", "area_type", "area_name", "soc2010", "employment", "flag", "conf", "conf_flag");
        Assert.Equal(5 * 414 * 25, rows.Count);
        var years = rows.GroupBy(r => r["year"]).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(["2017", "2018", "2019", "2020", "2021"], years.Select(g => g.Key));
        foreach (var year in years)
        {
            Assert.Equal(414, year.Select(r => (r["area_type"], r["area_name"])).Distinct().Count());
            Assert.Equal(363, year.Where(r => r["area_type"] == "local_authority").Select(r => r["area_name"]).Distinct().Count());
            Assert.Equal(38, year.Where(r => r["area_type"] == "lep").Select(r => r["area_name"]).Distinct().Count());
            Assert.Equal(12, year.Where(r => r["area_type"] == "region").Select(r => r["area_name"]).Distinct().Count());
        }
        foreach (var r in rows)
        {
            Assert.Contains(r["flag"], new[] { "", "!", "*", "~", "-" });
            if (r["flag"] is "!" or "~" or "-") Assert.Equal("", r["employment"]);
            else Assert.NotEqual("", r["employment"]);
        }
    }

    [Fact]
    public void Aps_totals_reconcile_where_the_total_is_given()
    {
        var rows = ReadAll(SampleBuilder.ApsTotalsFile, "year", "area_type", "area_name", "employment", "flag", "submajor_sum", "submajor_without_value");
        Assert.Equal(5 * 414, rows.Count);
        var england2021 = Assert.Single(rows, r => r["year"] == "2021" && r["area_name"] == "England");
        Assert.Equal("27569900", england2021["employment"]);
        Assert.Equal("27124100", england2021["submajor_sum"]);
        // 2017-2020: the total variable is 0/0/0 in the source, written as no value with flag '0'.
        Assert.All(rows.Where(r => r["year"] != "2021"), r => Assert.Equal(("", "0"), (r["employment"], r["flag"])));
        // Sub-major estimates and the total are rounded and weighted separately: where every sub-major cell has a
        // value the sum is within a few per cent of the total (at most 5.3% over, North Northamptonshire 2021).
        foreach (var r in rows.Where(r => r["employment"].Length > 0 && r["submajor_without_value"] == "0"))
        {
            var ratio = Number(r["submajor_sum"]) / Number(r["employment"]);
            Assert.InRange(ratio, 0.85, 1.06);
        }
    }

    [Fact]
    public void Readme_carries_the_attribution_and_describes_every_file()
    {
        var readme = File.ReadAllText(SamplePaths.Sample(SampleBuilder.ReadmeFile));
        Assert.Contains("Contains public sector information licensed under the Open Government Licence v3.0. Source: Office for National Statistics (ONS).", readme);
        foreach (var csv in Directory.GetFiles(SamplePaths.Samples, "*.csv"))
            Assert.Contains(Path.GetFileName(csv), readme);
        foreach (var source in SampleSources.All)
        {
            Assert.Contains(source.FileName, readme);
            Assert.Contains(source.Sha256, readme);
        }
    }

    [Fact]
    public void Samples_stay_small()
    {
        foreach (var file in Directory.GetFiles(SamplePaths.Samples))
            Assert.True(new FileInfo(file).Length < 4_000_000, $"{file} is larger than 4 MB");
    }
}
