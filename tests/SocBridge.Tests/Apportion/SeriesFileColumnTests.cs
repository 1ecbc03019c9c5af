using System.Text.Json;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;
using static SocBridge.Tests.Apportion.SeriesFileSupport;

namespace SocBridge.Tests.Apportion;

/// <summary>
/// Column selection (lists, repeats, /REGEX/ patterns), warnings for columns silently taken as dimensions,
/// codes given as labels, and total rows kept out of "total in" and used as checks.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class SeriesFileColumnTests(ReleaseFixture fixture) : IDisposable
{
    private readonly SocRelease _release = fixture.Release;
    private readonly TempDirectory _dir = new();

    private const string Wide = "region,soc2010,title,2019,2020,2021\n" +
                                "north,2136,Programmers and software development professionals,100,110,120.5\n" +
                                "north,3545,Sales accounts and business development managers,50,55,60\n" +
                                "south,2136,Programmers and software development professionals,10,11,12\n" +
                                "south,1115,Chief executives and senior officials,5,6,7.25\n";

    private static ApportionOptions Options(IReadOnlyList<ValueColumn> values, IReadOnlyList<string>? ignore = null, IReadOnlyList<string>? dimensions = null) => new()
    {
        From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = values, Ignore = ignore ?? [], Dimensions = dimensions,
    };

    private SeriesFileReport Run(string input, ApportionOptions options, string output = "out.csv", bool strict = false) =>
        SeriesFileRunner.Run(_release, new SeriesFileRequest(input, _dir.File(output), options) { StrictColumns = strict });

    [Fact]
    public void A_pattern_selects_every_matching_header_and_gives_the_output_of_naming_them_one_by_one()
    {
        var input = _dir.Write("in.csv", Wide);
        var pattern = Run(input, Options([ValueColumn.Count("/^20\\d\\d$/")], ignore: ["title"]), "pattern.csv");
        Run(input, Options([ValueColumn.Count("2019"), ValueColumn.Count("2020"), ValueColumn.Count("2021")], ignore: ["title"]), "named.csv");
        Assert.Equal(File.ReadAllBytes(_dir.File("named.csv")), File.ReadAllBytes(_dir.File("pattern.csv")));
        Assert.Equal(["2019", "2020", "2021"], pattern.Options.Values.Select(v => v.Name).ToArray());
        Assert.Equal(["region"], pattern.Dimensions);
        Assert.Empty(pattern.ColumnWarnings);
    }

    [Fact]
    public void A_pattern_that_matches_nothing_is_refused_naming_the_header()
    {
        var input = _dir.Write("in.csv", Wide);
        var e = Assert.Throws<InvalidDataException>(() => Run(input, Options([ValueColumn.Count("/^19\\d\\d$/")])));
        Assert.Contains("count pattern /^19\\d\\d$/ matches no column", e.Message);
        Assert.Contains("The header has: region, soc2010, title, 2019, 2020, 2021", e.Message);
    }

    [Fact]
    public void An_undeclared_numeric_column_taken_as_a_dimension_gets_a_warning_naming_it_and_the_options()
    {
        // One of three year columns declared: the others would multiply the output rows without a word.
        var input = _dir.Write("in.csv", Wide);
        var report = Run(input, Options([ValueColumn.Count("2019")], ignore: ["title"]));
        var warned = report.ColumnWarnings.Select(w => w.Column).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["2020", "2021"], warned);
        Assert.All(report.ColumnWarnings, w => Assert.Contains("--count, --flow or --attribute", w.Message));
        using var meta = JsonDocument.Parse(File.ReadAllText(_dir.File("out.meta.json")));
        Assert.Equal(2, meta.RootElement.GetProperty("column_warnings").GetArrayLength());
    }

    [Fact]
    public void A_title_column_taken_as_a_dimension_gets_a_warning_as_a_label_of_the_code()
    {
        var input = _dir.Write("in.csv", Wide);
        var report = Run(input, Options([ValueColumn.Count("/^20\\d\\d$/")]));
        var warning = Assert.Single(report.ColumnWarnings);
        Assert.Equal("title", warning.Column);
        Assert.Contains("label of the code", warning.Message);
        Assert.Contains("--ignore", warning.Message);
    }

    [Fact]
    public void Strict_columns_turn_the_warnings_into_errors_before_anything_is_written()
    {
        var input = _dir.Write("in.csv", Wide);
        var before = Snapshot(_dir.Path);
        var e = Assert.Throws<SeriesRunException>(() => Run(input, Options([ValueColumn.Count("2019")]), strict: true));
        Assert.Equal(SeriesRunFailure.SuspectColumns, e.Failure);
        Assert.Contains("'2020'", e.Message);
        Assert.Contains("'title'", e.Message);
        Assert.Equal(before, Snapshot(_dir.Path));
    }

    [Fact]
    public void Declared_dimensions_and_ignored_columns_raise_no_warning()
    {
        var input = _dir.Write("in.csv", Wide);
        var report = Run(input, Options([ValueColumn.Count("2019")], dimensions: ["region"]));
        Assert.Empty(report.ColumnWarnings);
        Assert.Equal(["title", "2020", "2021"], report.IgnoredColumns);
    }

    [Theory]
    [InlineData("11 Corporate managers and directors", "11")]
    [InlineData("1115 : Chief executives and senior officials", "1115")]
    [InlineData("SOC2010 1115", "1115")]
    [InlineData("SOC 2010 1115", "1115")]
    [InlineData("2136 - Programmers and software development professionals", "2136")]
    public void A_code_given_as_a_label_is_read_by_its_code_and_translated_like_the_plain_code(string label, string code)
    {
        var labelled = _dir.Write("labelled.csv", $"soc2010,jobs\n\"{label}\",1000\n");
        var plain = _dir.Write("plain.csv", $"soc2010,jobs\n{code},1000\n");
        var report = Run(labelled, Options([ValueColumn.Count("jobs")]), "labelled.out.csv");
        Run(plain, Options([ValueColumn.Count("jobs")]), "plain.out.csv");
        Assert.Equal(0, report.Result.Reconciliation.RowsRejected);
        Assert.Equal(File.ReadAllText(_dir.File("plain.out.csv")), File.ReadAllText(_dir.File("labelled.out.csv")));
        Assert.Empty(report.Result.TitleMismatches);
    }

    [Fact]
    public void A_title_that_is_not_the_releases_is_a_warning_in_the_metadata_and_the_code_is_used_as_given()
    {
        var input = _dir.Write("in.csv", "soc2010,jobs\n\"2136 Chief executives and senior officials\",1000\n");
        var report = Run(input, Options([ValueColumn.Count("jobs")]));
        var mismatch = Assert.Single(report.Result.TitleMismatches);
        Assert.Equal("2136", mismatch.Code);
        Assert.Equal(2, mismatch.Line);
        Assert.Equal("Programmers and software development professionals", mismatch.ReleaseTitle);

        // Translated as 2136, never re-coded to 1115 whose title it carries.
        Run(_dir.Write("plain.csv", "soc2010,jobs\n2136,1000\n"), Options([ValueColumn.Count("jobs")]), "plain.out.csv");
        Assert.Equal(File.ReadAllText(_dir.File("plain.out.csv")), File.ReadAllText(_dir.File("out.csv")));
        using var meta = JsonDocument.Parse(File.ReadAllText(_dir.File("out.meta.json")));
        var listed = Assert.Single(meta.RootElement.GetProperty("code_labels").GetProperty("title_mismatches").EnumerateArray());
        Assert.Equal("Chief executives and senior officials", listed.GetProperty("given_title").GetString());
        Assert.Equal("2136", listed.GetProperty("code").GetString());
    }

    [Fact]
    public void A_label_of_the_other_edition_is_rejected_with_the_option_to_use()
    {
        var input = _dir.Write("in.csv", "soc2010,jobs\nSOC2020 2136,5\n3545,10\n");
        var report = Run(input, Options([ValueColumn.Count("jobs")]));
        Assert.Equal(1, report.Result.Reconciliation.RowsRejected);
        var rejects = ReadTable(_dir.File("out.rejects.csv"));
        Assert.Contains("labelled SOC2020", Assert.Single(rejects.Rows)[rejects.Index("reason")]);
    }

    [Theory]
    [InlineData("All occupations")]
    [InlineData("Total")]
    [InlineData("All persons")]
    [InlineData("All")]
    public void A_total_row_is_kept_out_of_total_in_and_checked_against_its_data_rows(string label)
    {
        var input = _dir.Write("in.csv",
            "region,soc2010,jobs\n" +
            "north,2136,100\nnorth,3545,50\n" +
            $"north,{label},150\n" +               // matches its data rows
            "south,2136,30\nsouth,1115,12\n" +
            $"south,{label},45\n");                // states 45; the data rows hold 42
        var report = Run(input, Options([ValueColumn.Count("jobs")]));
        var r = report.Result.Reconciliation;
        Assert.Equal(4, r.RowsRead);
        Assert.Equal(2, r.TotalRows);
        Assert.Equal(0, r.RowsRejected);
        Assert.Equal(192, r.Columns[0].In);
        AssertClose(192, ReadTable(_dir.File("out.csv")).Sum("jobs"));
        Assert.Empty(ReadTable(_dir.File("out.rejects.csv")).Rows);

        var north = report.Result.TotalChecks.Single(c => c.Dimensions.SequenceEqual(["north"]));
        Assert.Equal(4, north.Line);
        Assert.Equal(150, north.Stated);
        AssertClose(150, north.DataSum);
        Assert.True(north.Matches);
        var south = report.Result.TotalChecks.Single(c => c.Dimensions.SequenceEqual(["south"]));
        Assert.Equal(7, south.Line);
        Assert.Equal(45, south.Stated);
        AssertClose(42, south.DataSum);
        Assert.False(south.Matches);

        using var meta = JsonDocument.Parse(File.ReadAllText(_dir.File("out.meta.json")));
        var checks = meta.RootElement.GetProperty("total_rows").GetProperty("checks").EnumerateArray().ToArray();
        Assert.Equal(2, checks.Length);
        Assert.Contains(checks, c => c.GetProperty("line").GetInt64() == 7 && !c.GetProperty("matches").GetBoolean());
    }

    [Fact]
    public void A_run_whose_every_row_is_rejected_fails_and_writes_nothing()
    {
        var input = _dir.Write("in.csv", "soc2010,jobs\n9999,5\n21a6,7\nAll occupations,12\n");
        var before = Snapshot(_dir.Path);
        var e = Assert.Throws<SeriesRunException>(() => Run(input, Options([ValueColumn.Count("jobs")])));
        Assert.Equal(SeriesRunFailure.NothingApportioned, e.Failure);
        Assert.Contains("no row was apportioned", e.Message);
        Assert.Contains("2 rejected", e.Message);
        Assert.Contains("line 2:", e.Message);
        Assert.Equal(before, Snapshot(_dir.Path));
    }

    public void Dispose() => _dir.Dispose();
}
