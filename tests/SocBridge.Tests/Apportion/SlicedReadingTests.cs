using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Apportion;

/// <summary>
/// A file without quotes is read in slices on several threads; the rows, line numbers, rejects and
/// output must be those of the general CSV reader going line by line.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class SlicedReadingTests(ReleaseFixture fixture) : IDisposable
{
    private readonly SocRelease _release = fixture.Release;
    private readonly TempDirectory _dir = new();

    private static ApportionOptions Options(bool sumDuplicates = false) => new()
    {
        From = SocVersion.Soc2010,
        CodeColumn = "soc2010",
        Values = [ValueColumn.Count("jobs"), ValueColumn.Mean("pay", "jobs")],
        SexColumn = "sex",
        SumDuplicates = sumDuplicates,
    };

    /// <summary>Runs one way and returns the output, rejects and metadata reconciliation as text, plus the report.</summary>
    private (string Output, string Rejects, SeriesFileReport Report) Run(byte[] input, string name, ApportionOptions options, int? slices, bool general = false)
    {
        var path = _dir.File("in.csv");
        File.WriteAllBytes(path, input);
        var output = _dir.File(name + ".csv");
        var report = SeriesFileRunner.Run(_release, new SeriesFileRequest(path, output, options, _dir.File(name + ".rejects.csv"))
        {
            Slices = slices,
            GeneralReader = general,
        });
        return (File.ReadAllText(output), File.ReadAllText(_dir.File(name + ".rejects.csv")), report);
    }

    private void AssertSameAsGeneralReader(byte[] input, ApportionOptions options, params int[] slices)
    {
        var expected = Run(input, "general", options, null, general: true);
        foreach (var count in slices)
        {
            var actual = Run(input, $"sliced{count}", options, count);
            Assert.Equal(expected.Rejects, actual.Rejects);
            var lines = actual.Rejects.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => long.Parse(l[..l.IndexOf(',')], CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(lines.Order(), lines);
            Assert.Equal(expected.Output, actual.Output);
            Assert.Equal(expected.Report.Result.Reconciliation with { Columns = [] }, actual.Report.Result.Reconciliation with { Columns = [] });
            Assert.Equal(expected.Report.Result.Reconciliation.Columns, actual.Report.Result.Reconciliation.Columns);
        }
    }

    private static byte[] Utf8(string text, bool bom = false) => [.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)];

    [Fact]
    public void Awkward_lines_read_the_same_in_any_number_of_slices()
    {
        var text = new StringBuilder("region,sex,soc2010,jobs,pay\r\n");
        text.Append("Ynys Môn,male,2136,10,30000\r\n");                 // non-ASCII value, CRLF
        text.Append("\n");                                              // blank line: a one-field row
        text.Append("north,female,3545,x,\n");                          // suppressed count, no pay
        text.Append("north,female,9999,5,1\n");                         // unknown code
        text.Append("north,alien,2136,5,1\n");                          // unknown sex
        text.Append("north,male,2136,7\n");                             // short row
        text.Append("north,male,2136,7,1,extra\n");                     // long row
        text.Append("south,male,2136, 12 ,25000\n");                    // spaces around a number
        text.Append("south,male,2136,-3,25000\n");                      // negative count
        text.Append("south,male,1115,1.5e3,99000.5\n");
        for (var i = 0; i < 40; i++) text.Append(CultureInfo.InvariantCulture, $"r{i % 7},{(i % 2 == 0 ? "male" : "female")},{(i % 3 == 0 ? "3545" : "2136")},{i},{1000 + i}\n");
        text.Append("wales,female,2136,4,20000\r");                     // last line ends with a carriage return
        AssertSameAsGeneralReader(Utf8(text.ToString(), bom: true), Options(sumDuplicates: true), 1, 2, 3, 7, 50);
    }

    [Fact]
    public void A_key_repeated_in_another_slice_is_rejected_as_the_general_reader_does()
    {
        var text = new StringBuilder("region,sex,soc2010,jobs,pay\n");
        for (var i = 0; i < 30; i++) text.Append(CultureInfo.InvariantCulture, $"r{i},male,2136,{i},100\n");
        text.Append("r0,male,2136,999,100\n"); // repeats line 2, in the last slice
        var input = Utf8(text.ToString());
        AssertSameAsGeneralReader(input, Options(), 1, 4);
        var (_, rejects, report) = Run(input, "check", Options(), 4);
        Assert.Contains("duplicate key: the same dimensions and code 2136 as line 2", rejects);
        // The slices' reject files from the first reading are gone; only the final files remain.
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.part", SearchOption.AllDirectories));
        Assert.Equal(999, report.Result.Reconciliation.Columns[0].Rejected);
    }

    [Fact]
    public void Bytes_that_are_not_UTF8_in_a_later_slice_name_their_line()
    {
        var text = new StringBuilder("region,sex,soc2010,jobs,pay\n");
        for (var i = 0; i < 30; i++) text.Append(CultureInfo.InvariantCulture, $"r{i},male,2136,{i},100\n");
        byte[] input = [.. Utf8(text.ToString()), .. "r,male,"u8, 0xFF, 0xFE, .. ",1,1\n"u8];
        var path = _dir.File("bad.csv");
        File.WriteAllBytes(path, input);
        var e = Assert.Throws<InvalidDataException>(() => SeriesFileRunner.Run(_release, new SeriesFileRequest(path, _dir.File("bad-out.csv"), Options()) { Slices = 4 }));
        Assert.Contains("bad.csv: line 32: the file is not valid UTF-8", e.Message);
        Assert.False(File.Exists(_dir.File("bad-out.csv")));
        Assert.Empty(Directory.GetFiles(_dir.Path, "*.part", SearchOption.AllDirectories));
    }

    [Fact]
    public void Quoted_fields_read_the_same_in_slices_and_keep_their_commas()
    {
        var text = new StringBuilder("region,sex,soc2010,jobs,pay\n");
        for (var i = 0; i < 30; i++) text.Append(CultureInfo.InvariantCulture, $"\"Bristol, City of {i % 4}\",male,2136,{i},100\n");
        text.Append("\"say \"\"hi\"\"\",female,3545,3,100\n");
        text.Append("north,male,9999,1,1\n");
        var input = Utf8(text.ToString());
        AssertSameAsGeneralReader(input, Options(sumDuplicates: true), 1, 3, 8);
        Assert.Contains("\"Bristol, City of 1\",male,2134,", Run(input, "quoted", Options(sumDuplicates: true), 3).Output);
    }

    [Fact]
    public void A_quoted_line_break_makes_the_file_read_whole()
    {
        var text = new StringBuilder("region,sex,soc2010,jobs,pay\n");
        for (var i = 0; i < 30; i++) text.Append(CultureInfo.InvariantCulture, $"r{i},male,2136,{i},100\n");
        text.Append("\"two\nlines\",male,2136,5,100\n");
        text.Append("north,male,9999,1,1\n");
        AssertSameAsGeneralReader(Utf8(text.ToString()), Options(), 4);
    }

    [Theory]
    [InlineData("aps_2017_2021_soc2010_submajor.csv", "soc2010", "employment")]
    [InlineData("ashe_2021_soc2010.csv", "soc2010", "jobs_thousands")]
    public void Quoted_ONS_samples_translate_the_same_in_slices(string sample, string code, string count)
    {
        var input = File.ReadAllBytes(Path.Combine(RepoPaths.Samples, sample));
        Assert.Contains((byte)'"', input);
        var options = new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = code, Values = [ValueColumn.Count(count)], SumDuplicates = true };
        AssertSameAsGeneralReader(input, options, 2, 5);
    }

    [Fact]
    public void Random_series_read_in_slices_match_the_general_reader()
    {
        var gen = from rows in (from region in Gen.Elements("north", "south", "wales", "Ynys Môn")
                                from sex in Gen.Elements("male", "female")
                                from code in Gen.Elements("2136", "3545", "1115", "9260", "0000", "8160")
                                from jobs in Gen.OneOf(Gen.Choose(0, 50_000).Select(j => j.ToString(CultureInfo.InvariantCulture)), Gen.Elements("x", "", "-1", "1e2"))
                                from pay in Gen.Choose(0, 90_000)
                                select $"{region},{sex},{code},{jobs},{pay}").ListOf()
                  from slices in Gen.Choose(1, 9)
                  from crlf in Gen.Elements(false, true)
                  select (Rows: rows.ToArray(), Slices: slices, Crlf: crlf);
        Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var newline = x.Crlf ? "\r\n" : "\n";
            var input = Utf8("region,sex,soc2010,jobs,pay" + newline + string.Concat(x.Rows.Select(r => r + newline)));
            // A run that apportions nothing is refused the same way by both readers.
            string Outcome(string name, int? slices, bool general)
            {
                try
                {
                    var (output, rejects, _) = Run(input, name, Options(sumDuplicates: true), slices, general);
                    return output + "\n--\n" + rejects;
                }
                catch (SeriesRunException e)
                {
                    return "refused: " + e.Message;
                }
            }
            var generalRun = Outcome("g", null, general: true);
            var slicedRun = Outcome("s", x.Slices, general: false);
            // Whole-number counts sum exactly in any grouping, so the files match byte for byte.
            return (generalRun == slicedRun).Label($"{x.Slices} slices, {x.Rows.Length} rows");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(60));
    }

    [Fact]
    public void The_LFS_sample_translates_the_same_in_slices_as_with_the_general_reader()
    {
        var input = File.ReadAllBytes(Path.Combine(RepoPaths.Samples, "lfs_2018_soc2010_by_sic2007.csv"));
        Assert.DoesNotContain((byte)'"', input);
        var options = new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("employment")] };
        AssertSameAsGeneralReader(input, options, 1, 2, 5);
        var (output, _, report) = Run(input, "lfs", options, 5);
        Assert.True(report.Result.Reconciliation.Balances);
        Assert.Equal(0, report.Result.Reconciliation.RowsRejected);
        Assert.StartsWith("sic2007_class,sic2007_section,soc2020,employment,flags\n", output);
    }

    public void Dispose() => _dir.Dispose();
}
