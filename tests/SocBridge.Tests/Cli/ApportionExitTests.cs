using System.Text;
using SocBridge.Tests.Support;
using static SocBridge.Tests.Apportion.SeriesFileSupport;

namespace SocBridge.Tests.Cli;

/// <summary>
/// The exit contract of <c>socbridge apportion</c>: 0 only for a run that translated something and reconciles;
/// 1 for a command line that cannot be used (found before the input is read); 4 for input data that cannot
/// be used; 5 for anything else. Every failure is one line on stderr, with no stack trace unless --verbose.
/// </summary>
public sealed class ApportionExitTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private const string Csv = "region,soc2010,jobs,pay\nnorth,2136,100,40000\nsouth,3545,50,30000\n";

    private static CliRunner.Run Apportion(params string[] args) => CliRunner.Invoke(["apportion", .. args]);

    private CliRunner.Run Run(string input, params string[] more) =>
        Apportion(["--in", input, "--out", _dir.File("out.csv"), "--code-column", "soc2010", .. more]);

    /// <summary>A failure: the status, one line on stderr starting "error:", no stack trace, and no output written.</summary>
    private void AssertFailure(CliRunner.Run run, int exit, string message)
    {
        Assert.True(run.Exit == exit, $"exit {run.Exit}, expected {exit}: {run.Error}");
        var lines = run.Error.Trim().Split('\n');
        Assert.True(lines.Length == 1, $"more than one line on stderr: {run.Error}");
        Assert.StartsWith("error: ", lines[0]);
        Assert.Contains(message, lines[0]);
        Assert.DoesNotContain("   at ", run.Error);
        Assert.DoesNotContain("Exception", run.Error);
        Assert.False(File.Exists(_dir.File("out.csv")), "an output was written by a failed run");
        Assert.False(File.Exists(_dir.File("out.meta.json")), "metadata was written by a failed run");
    }

    [Fact]
    public void A_good_run_exits_0_and_prints_its_dimensions_and_files()
    {
        var run = Run(_dir.Write("in.csv", Csv), "--count", "jobs", "--mean", "pay=jobs");
        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("dimensions: region", run.Out);
        Assert.Contains("out.meta.json", run.Out);
        Assert.True(File.Exists(_dir.File("out.rejects.csv")));
    }

    [Fact]
    public void Count_options_take_comma_lists_repeats_and_patterns_with_the_same_result()
    {
        var input = _dir.Write("in.csv", "soc2010,2019,2020,2021,note\n2136,1,2,3,a\n3545,4,5,6,b\n");
        byte[] Output(string name, params string[] counts)
        {
            var run = Apportion(["--in", input, "--out", _dir.File(name), "--code-column", "soc2010", "--ignore", "note", .. counts]);
            Assert.True(run.Exit == 0, $"{string.Join(" ", counts)}: {run.Error}");
            return File.ReadAllBytes(_dir.File(name));
        }
        var list = Output("list.csv", "--count", "2019,2020,2021");
        Assert.Equal(list, Output("repeat.csv", "--count", "2019", "--count", "2020", "--count", "2021"));
        Assert.Equal(list, Output("mixed.csv", "--count", "2019,2020", "--count", "2021"));
        Assert.Equal(list, Output("pattern.csv", "--count", "/^20\\d\\d$/"));
        Assert.StartsWith("soc2020,2019,2020,2021,flags\n", Encoding.UTF8.GetString(list));
    }

    [Fact]
    public void Flows_and_attributes_are_declared_by_their_own_options()
    {
        var input = _dir.Write("in.csv", "soc2010,change,score\n2136,-500,3.5\n3545,200,2\n");
        var run = Apportion("--in", input, "--out", _dir.File("out.csv"), "--code-column", "soc2010", "--flow", "change", "--attribute", "score");
        Assert.True(run.Exit == 0, run.Error);
        var output = ReadTable(_dir.File("out.csv"));
        AssertClose(-300, output.Sum("change"));
        Assert.Contains("flow", run.Out);
    }

    [Fact]
    public void Column_warnings_are_printed_and_strict_columns_make_them_exit_4_before_anything_is_written()
    {
        var input = _dir.Write("in.csv", "soc2010,title,2019,2020\n2136,Programmers,1,2.5\n3545,Sales managers,4,5.5\n1115,Chief executives,7,8.5\n");
        var warned = Apportion("--in", input, "--out", _dir.File("warned.csv"), "--code-column", "soc2010", "--count", "2019");
        Assert.True(warned.Exit == 0, warned.Error);
        Assert.Contains("warning:", warned.Out);
        Assert.Contains("column '2020'", warned.Out);
        Assert.Contains("column 'title'", warned.Out);

        var strict = Run(input, "--count", "2019", "--strict-columns");
        AssertFailure(strict, 4, "column '2020'");
        Assert.False(File.Exists(_dir.File("out.rejects.csv")));
    }

    [Fact]
    public void A_run_where_every_row_is_rejected_exits_4_and_writes_nothing()
    {
        var input = _dir.Write("in.csv", "soc2010,jobs\n9999,5\nAll occupations,5\n");
        AssertFailure(Run(input, "--count", "jobs"), 4, "no row was apportioned");
        Assert.False(File.Exists(_dir.File("out.rejects.csv")));
    }

    [Fact]
    public void Too_large_a_rejected_share_exits_4()
    {
        var input = _dir.Write("in.csv", "soc2010,jobs\n2136,90\n9999,10\n");
        AssertFailure(Run(input, "--count", "jobs", "--max-rejected-share", "0.05"), 4, "of column 'jobs' was rejected");
        Assert.Equal(0, Run(input, "--count", "jobs", "--max-rejected-share", "0.2").Exit);
    }

    [Fact]
    public void An_output_path_equal_to_the_input_exits_1_and_leaves_the_input_alone()
    {
        var input = _dir.Write("in.csv", Csv);
        var run = Apportion("--in", input, "--out", input, "--code-column", "soc2010", "--count", "jobs");
        Assert.Equal(1, run.Exit);
        Assert.Contains("is the input file", run.Error);
        Assert.Equal(Csv, File.ReadAllText(input));
    }

    [Fact]
    public void An_unclosed_quote_exits_4_with_file_and_line()
    {
        var input = _dir.Write("in.csv", "region,soc2010,jobs\nnorth,2136,100\nsouth,\"3545,50\n");
        AssertFailure(Run(input, "--count", "jobs"), 4, "in.csv: line 3");
    }

    [Fact]
    public void A_10_MB_quoted_field_and_a_10_MB_header_exit_4_with_the_line()
    {
        var field = _dir.File("field.csv");
        File.WriteAllText(field, "region,soc2010,jobs\nnorth,3545,5\n\"" + new string('a', 10 << 20) + "\",2136,1\n");
        AssertFailure(Run(field, "--count", "jobs"), 4, "field.csv: line 3");
        var header = _dir.File("header.csv");
        File.WriteAllText(header, "region,soc2010,jobs," + new string('h', 10 << 20) + "\nnorth,2136,1,2\n");
        AssertFailure(Run(header, "--count", "jobs"), 4, "header.csv: line 1 (header)");
    }

    [Fact]
    public void A_missing_or_unreadable_input_and_standard_input_exit_4_with_a_reason()
    {
        AssertFailure(Run(_dir.File("missing.csv"), "--count", "jobs"), 4, "input file not found");
        // A folder is a set of partitions: one without any is refused, and an output inside it overlaps it.
        var empty = Directory.CreateDirectory(_dir.File("empty")).FullName;
        var run = CliRunner.Invoke("apportion", "--in", empty, "--out", _dir.File("partitions-out"), "--code-column", "soc2010", "--count", "jobs");
        AssertFailure(run, 4, "no partition in the folder");
        AssertFailure(Run(_dir.Path, "--count", "jobs"), 1, "overlap");
        if (File.Exists("/dev/stdin")) AssertFailure(Run("/dev/stdin", "--count", "jobs"), 4, "not a regular file");
        if (!Environment.UserName.Equals("root", StringComparison.Ordinal) && OperatingSystem.IsLinux())
        {
            var locked = _dir.Write("locked.csv", Csv);
            File.SetUnixFileMode(locked, UnixFileMode.None);
            AssertFailure(Run(locked, "--count", "jobs"), 4, "cannot be read");
        }
    }

    [Fact]
    public void An_empty_calibration_file_exits_4_naming_it()
    {
        var margins = _dir.Write("margins.csv", "");
        AssertFailure(Run(_dir.Write("in.csv", Csv), "--count", "jobs", "--calibrate-to", margins), 4, "margins.csv");
    }

    [Fact]
    public void An_unknown_calibration_column_is_refused_before_the_input_is_read()
    {
        // The input is a marker: were it read, the run would fail on its unclosed quote (exit 4) instead.
        var input = _dir.Write("in.csv", "\"" + new string('a', 1000));
        var margins = _dir.Write("margins.csv", "soc2020,total\n2134,100\n");
        var run = Run(input, "--count", "jobs", "--calibrate-to", margins, "--calibration-column", "employment");
        AssertFailure(run, 1, "the calibration column 'employment' is not one of the count columns (jobs)");
        Assert.DoesNotContain("line", run.Error);
    }

    [Fact]
    public void Option_errors_are_found_before_the_input_is_read()
    {
        var input = _dir.Write("in.csv", "\"" + new string('a', 1000));
        AssertFailure(Run(input, "--count", "jobs", "--decimals", "40"), 1, "decimals");
        AssertFailure(Run(input, "--count", "jobs", "--max-rejected-share", "2"), 1, "rejected share");
        AssertFailure(Run(input, "--count", "jobs", "--count", "/[/"), 1, "not a valid regular expression");
        AssertFailure(Run(input, "--count", "jobs", "--sheet", "UK"), 1, "workbook input");
    }

    [Fact]
    public void Counts_of_1e308_exit_0_with_the_values_rejected_and_no_infinity_written()
    {
        var input = _dir.Write("in.csv", "soc2010,jobs,pay\n2136,1e308,30000\n2137,1e308,20000\n3545,100,50000\n");
        var run = Run(input, "--count", "jobs", "--mean", "pay=jobs");
        Assert.True(run.Exit == 0, run.Error);
        foreach (var f in new[] { "out.csv", "out.meta.json", "out.rejects.csv" })
            Assert.DoesNotContain("Infinity", File.ReadAllText(_dir.File(f)));
        Assert.DoesNotContain("Infinity", run.Out);
        Assert.Contains("out of range", File.ReadAllText(_dir.File("out.rejects.csv")));
    }

    [Fact]
    public void Verbose_adds_the_stack_trace_and_only_then()
    {
        var input = _dir.Write("in.csv", "region,soc2010,jobs\nnorth,\"2136,1\n");
        var quiet = Run(input, "--count", "jobs");
        Assert.DoesNotContain("   at ", quiet.Error);
        var verbose = Run(input, "--count", "jobs", "--verbose");
        Assert.Equal(4, verbose.Exit);
        Assert.Contains("   at ", verbose.Error);
    }

    [Fact]
    public void Workbook_options_select_the_sheet_and_header_row_from_the_command_line()
    {
        var run = Apportion("--in", Fixture("wf_small.xlsx"), "--out", _dir.File("rd.csv"), "--code-column", "Occupation", "--sheet", "3",
            "--count", "Base year employment,Retirements,Mortality,Replacement demand", "--flow", "Expansion demand,/mobility$/,Total requirement",
            "--to-level", "2", "--decimals", "0", "--titles");
        Assert.True(run.Exit == 0, run.Error);
        Assert.Contains("total rows kept out as checks", run.Out);
        var output = ReadTable(_dir.File("rd.csv"));
        Assert.Equal("soc2020_title", output.Header[1]);
        // Rounded to whole numbers when written; the sums of the rounded values stay near the conserved totals.
        Assert.All(output.Column("Expansion demand"), v => Assert.DoesNotContain(".", v));
        Assert.InRange(output.Sum("Expansion demand"), 302_063 - output.Rows.Count, 302_063 + output.Rows.Count);
        Assert.InRange(output.Sum("Occupational mobility"), -42_593 - output.Rows.Count, -42_593 + output.Rows.Count);
        Assert.Contains(output.Numbers("Occupational mobility"), v => v < 0);
    }

    public void Dispose() => _dir.Dispose();
}
