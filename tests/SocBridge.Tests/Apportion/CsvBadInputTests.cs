using System.Text;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Apportion;

[Collection(ReleaseCollection.Name)]
public sealed class CsvBadInputTests(ReleaseFixture fixture) : IDisposable
{
    private readonly SocRelease _release = fixture.Release;
    private readonly TempDirectory _dir = new();

    private static ApportionOptions Options(bool sumDuplicates = false) => new()
    {
        From = SocVersion.Soc2010,
        CodeColumn = "soc2010",
        Values = [ValueColumn.Count("jobs"), ValueColumn.Median("median", "jobs")],
        SumDuplicates = sumDuplicates,
    };

    private (SeriesFileReport Report, string[] Rejects) Run(string csv, ApportionOptions? options = null, Encoding? encoding = null)
    {
        var input = _dir.File("in.csv");
        File.WriteAllText(input, csv, encoding ?? new UTF8Encoding(false));
        var request = new SeriesFileRequest(input, _dir.File("out.csv"), options ?? Options(), _dir.File("rejects.csv"), _dir.File("audit.csv"));
        var report = SeriesFileRunner.Run(_release, request);
        return (report, File.ReadAllLines(_dir.File("rejects.csv")));
    }

    [Fact]
    public void An_unknown_code_rejects_the_row_with_its_line_and_keeps_the_totals_reconciled()
    {
        var (report, rejects) = Run("year,soc2010,jobs,median\n2021,2136,100,40000\n2021,2130,50,30000\n2021,21a6,7,1\n");
        var r = report.Result.Reconciliation;
        Assert.Equal(3, r.RowsRead);
        Assert.Equal(2, r.RowsRejected);
        Assert.Equal(157, r.Columns[0].In);
        Assert.Equal(57, r.Columns[0].Rejected);
        Assert.Equal(100, r.Columns[0].Out, 9);
        Assert.StartsWith("3,2,soc2010,2130,\"SOC2010 2130 is not a unit group of SOC2010; nearest: 2133", rejects[1]);
        Assert.Contains("4,3,soc2010,21a6,'21a6' is not a SOC code: 'a' is not a digit", rejects[2]);
    }

    [Theory]
    [InlineData("x", "suppression or not-available marker")]
    [InlineData(":", "suppression or not-available marker")]
    [InlineData("*", "suppression or not-available marker")]
    [InlineData("!", "suppression or not-available marker")]
    [InlineData("~", "suppression or not-available marker")]
    [InlineData("-", "suppression or not-available marker")]
    [InlineData("12..5", "is not a number")]
    [InlineData("-40", "negative count")]
    public void A_bad_count_value_is_rejected_alone_and_the_rest_of_the_row_still_counts(string value, string reason)
    {
        var (report, rejects) = Run($"year,soc2010,jobs,median\n2021,2136,{value},40000\n2021,2137,10,35000\n");
        Assert.Equal(0, report.Result.Reconciliation.RowsRejected);
        Assert.True(report.Result.Reconciliation.Balances);
        Assert.Contains(rejects, l => l.StartsWith("2,1,jobs,", StringComparison.Ordinal) && l.Contains(reason));
        // The median of line 2 has no weight, so it is rejected too rather than silently averaged.
        Assert.Contains(rejects, l => l.StartsWith("2,1,median,40000,'median' cannot be weighted", StringComparison.Ordinal));
        Assert.Equal(10, report.Result.Cells.Sum(c => c.Values[0]), 9);
    }

    [Fact]
    public void A_missing_column_fails_the_run_naming_the_file_and_the_columns_it_has()
    {
        var e = Assert.Throws<InvalidDataException>(() => Run("year,soc2010,jobs\n2021,2136,100\n"));
        Assert.Contains("in.csv: line 1 (header): median column 'median' is not in the header", e.Message);
        Assert.Contains("The header has: year, soc2010, jobs", e.Message);
    }

    [Fact]
    public void An_empty_file_fails_the_run()
    {
        var e = Assert.Throws<InvalidDataException>(() => Run(""));
        Assert.Contains("the file is empty", e.Message);
    }

    [Fact]
    public void A_repeated_key_is_rejected_unless_summing_is_asked_for()
    {
        const string csv = "year,soc2010,jobs,median\n2021,2136,100,40000\n2021,2136,30,20000\n";
        var (report, rejects) = Run(csv);
        Assert.Equal(1, report.Result.Reconciliation.RowsRejected);
        Assert.Contains("duplicate key: the same dimensions and code 2136 as line 2", rejects[1]);
        Assert.True(report.Result.Reconciliation.Balances);

        var (summed, _) = Run(csv, Options(sumDuplicates: true));
        Assert.Equal(130, summed.Result.Cells.Sum(c => c.Values[0]), 9);
        Assert.All(summed.Result.Cells, c => Assert.Equal((100 * 40000 + 30 * 20000) / 130.0, c.Values[1], 6));
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        var (report, _) = Run("year,soc2010,jobs,median\n2021,2136,100,40000\n", encoding: new UTF8Encoding(true));
        Assert.Equal("year", report.Result.Dimensions.Columns[0]);
        Assert.Equal(100, report.Result.Cells.Sum(c => c.Values[0]), 9);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_fail_the_run_with_the_line()
    {
        var input = _dir.File("in.csv");
        File.WriteAllBytes(input, [.. Encoding.ASCII.GetBytes("year,soc2010,jobs,median\n2021,2136,100,40000\n2021,"), 0xFF, 0xFE, .. Encoding.ASCII.GetBytes(",1,1\n")]);
        var e = Assert.Throws<InvalidDataException>(() => SeriesFileRunner.Run(_release, new SeriesFileRequest(input, _dir.File("out.csv"), Options())));
        Assert.Contains("in.csv: line 3: the file is not valid UTF-8", e.Message);
        Assert.False(File.Exists(_dir.File("out.csv")));
    }

    [Fact]
    public void A_short_row_is_rejected_whole()
    {
        var (report, rejects) = Run("year,soc2010,jobs,median\n2021,2136,100\n2021,2137,5,1\n");
        Assert.Equal(1, report.Result.Reconciliation.RowsRejected);
        Assert.Contains("the row has 3 fields; the header has 4", rejects[1]);
        Assert.Equal(100, report.Result.Reconciliation.Columns[0].Rejected);
        Assert.True(report.Result.Reconciliation.Balances);
    }

    [Fact]
    public void Output_has_dimensions_then_the_target_code_then_values_and_is_written_with_metadata()
    {
        var options = Options() with { Interval = 0.95, Selection = new SocBridge.Core.Crosswalk.WeightSelection(SocBridge.Core.Crosswalk.WeightSet.Pooled, SocBridge.Core.Crosswalk.SexSet.All) };
        Run("year,soc2010,jobs,median\n2021,3545,1000,50000\n", options);
        var lines = File.ReadAllLines(_dir.File("out.csv"));
        Assert.Equal("year,soc2020,jobs,jobs_lo,jobs_hi,median,flags", lines[0]);
        Assert.Equal(4, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.Equal(50000, double.Parse(l.Split(',')[5], System.Globalization.CultureInfo.InvariantCulture), 6));
        var meta = File.ReadAllText(_dir.File("out.meta.json"));
        Assert.Contains("\"kind\": \"median\"", meta);
        Assert.Contains("approximation", meta);
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.tmp"));
    }

    [Fact]
    public void Empty_and_quoted_dimension_values_keep_their_columns_in_the_output()
    {
        Run("region,soc2010,jobs,median\n,2136,100,40000\n\"Bristol, City of\",2136,5,1\n");
        var lines = File.ReadAllLines(_dir.File("out.csv"));
        Assert.Equal("region,soc2020,jobs,median,flags", lines[0]);
        Assert.Contains(lines, l => l.StartsWith(",2134,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("\"Bristol, City of\",2134,", StringComparison.Ordinal));
    }

    public void Dispose() => _dir.Dispose();
}
