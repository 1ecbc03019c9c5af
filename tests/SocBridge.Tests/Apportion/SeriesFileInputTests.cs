using System.Text;
using System.Text.Json;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;
using static SocBridge.Tests.Apportion.SeriesFileSupport;

namespace SocBridge.Tests.Apportion;

/// <summary>
/// Inputs as users hold them: Working-Futures-shaped workbooks (.xlsx and .xls, title rows above the header,
/// numeric year headers, sheets by name and number), windows-1252 and semicolon CSV, and malformed text that
/// must end in a message naming the file and line, never in an unhandled exception.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class SeriesFileInputTests(ReleaseFixture fixture) : IDisposable
{
    private readonly SocRelease _release = fixture.Release;
    private readonly TempDirectory _dir = new();

    private static readonly string[] Years = Enumerable.Range(2007, 21).Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static ApportionOptions YearOptions(params string[] counts) => new()
    {
        From = SocVersion.Soc2010,
        CodeColumn = "Occupation",
        Values = counts.Select(ValueColumn.Count).ToArray(),
    };

    private SeriesFileReport Run(SeriesFileRequest request) => SeriesFileRunner.Run(_release, request);

    [Theory]
    [InlineData("wf_small.xlsx")]
    [InlineData("wf_small.xls")]
    public void A_workbook_sheet_with_title_rows_and_numeric_year_headers_reads_like_the_same_rows_as_CSV(string workbook)
    {
        // Default sheet: the first naming the code column ('Notes' has none); default header: the first row naming it (row 4).
        var fromBook = Run(new SeriesFileRequest(Fixture(workbook), _dir.File("book.csv"), YearOptions("/^20\\d\\d$/")));
        var fromCsv = Run(new SeriesFileRequest(Fixture("wf_small_uk.csv"), _dir.File("csv.csv"), YearOptions("/^20\\d\\d$/")));
        Assert.Equal(File.ReadAllText(_dir.File("csv.csv")), File.ReadAllText(_dir.File("book.csv")));
        Assert.Equal(Years, fromBook.Options.Values.Select(v => v.Name).ToArray());
        Assert.Contains("sheet 'UK'", fromBook.InputDescription);
        Assert.Contains("row 4", fromBook.InputDescription);
        Assert.Equal(fromCsv.Result.Reconciliation with { Columns = [] }, fromBook.Result.Reconciliation with { Columns = [] });
        Assert.Equal(fromCsv.Result.Reconciliation.Columns, fromBook.Result.Reconciliation.Columns);

        // Every year conserved: the output sums to the data rows of the source, read here without the engine.
        var source = ReadTable(Fixture("wf_small_uk.csv"));
        var data = source.Rows.Where(r => r[0] != "All occupations").ToList();
        var output = ReadTable(_dir.File("book.csv"));
        foreach (var year in Years) AssertClose(data.Sum(r => Number(r[source.Index(year)])), output.Sum(year), what: year);
        Assert.Equal(25, fromBook.Result.Reconciliation.RowsRead);
        Assert.Equal(1, fromBook.Result.Reconciliation.TotalRows);
    }

    [Theory]
    [InlineData("UK", null)]
    [InlineData("2", null)]
    [InlineData("uk", 4)]
    [InlineData(null, 4)]
    public void The_sheet_is_chosen_by_name_or_number_and_the_header_row_by_number(string? sheet, int? headerRow)
    {
        var report = Run(new SeriesFileRequest(Fixture("wf_small.xlsx"), _dir.File("out.csv"), YearOptions("2017")) { Sheet = sheet, HeaderRow = headerRow });
        Assert.Contains("sheet 'UK'", report.InputDescription);
        Assert.Equal(25, report.Result.Reconciliation.RowsRead);
    }

    [Fact]
    public void The_replacement_demand_sheet_goes_through_in_one_command_with_flows_and_the_total_row_as_a_check()
    {
        var options = new ApportionOptions
        {
            From = SocVersion.Soc2010,
            CodeColumn = "Occupation",
            Values = [ValueColumn.Count("Base year employment"), ValueColumn.Flow("Expansion demand"), ValueColumn.Count("Retirements"), ValueColumn.Count("Mortality"),
                ValueColumn.Flow("/mobility$/"), ValueColumn.Count("Replacement demand"), ValueColumn.Flow("Total requirement")],
            ToLevel = SocLevel.SubMajor,
        };
        var report = Run(new SeriesFileRequest(Fixture("wf_small.xlsx"), _dir.File("rd.csv"), options) { Sheet = "Replacement demand" });
        var output = ReadTable(_dir.File("rd.csv"));
        Assert.All(output.Column("soc2020"), c => Assert.Equal(2, c.Length));
        AssertClose(302_063, output.Sum("Expansion demand"), what: "expansion");
        AssertClose(-42_593, output.Sum("Occupational mobility"), what: "occupational mobility");
        foreach (var row in output.Rows)
            AssertClose(Number(row[output.Index("Total requirement")]), Number(row[output.Index("Expansion demand")]) + Number(row[output.Index("Replacement demand")]), 1e-9, "identity");

        var r = report.Result.Reconciliation;
        Assert.Equal(1, r.TotalRows);
        Assert.Equal(302_063, r.Columns.Single(c => c.Column == "Expansion demand").In, 6);
        var checks = report.Result.TotalChecks;
        Assert.Equal(7 + 1, checks.Count); // one per shared column (the pattern took both mobility columns)
        Assert.All(checks, c => Assert.True(c.Matches, $"{c.Column}: stated {c.Stated}, data rows {c.DataSum}"));
        Assert.Equal(302_063, checks.Single(c => c.Column == "Expansion demand").Stated);
        Assert.Equal(25, report.Result.LabelledCodes);
    }

    [Fact]
    public void A_workbook_named_csv_and_a_csv_named_xlsx_are_refused_with_what_to_do()
    {
        var disguised = _dir.File("book.csv");
        File.Copy(Fixture("wf_small.xlsx"), disguised);
        var e = Assert.Throws<InvalidDataException>(() => Run(new SeriesFileRequest(disguised, _dir.File("out.csv"), YearOptions("2017"))));
        Assert.Contains("Excel workbook (.xlsx), not CSV text", e.Message);
        Assert.Contains("give it its workbook extension", e.Message);

        var text = _dir.Write("table.xlsx", "Occupation,2017\n11,100\n");
        e = Assert.Throws<InvalidDataException>(() => Run(new SeriesFileRequest(text, _dir.File("out2.csv"), YearOptions("2017"))));
        Assert.Contains("holds text, not a workbook", e.Message);
        Assert.Contains(".csv", e.Message);
        Assert.Empty(Directory.GetFiles(_dir.Path, "out*"));
    }

    [Fact]
    public void A_missing_sheet_lists_the_sheets_there_are()
    {
        var e = Assert.Throws<InvalidDataException>(() => Run(new SeriesFileRequest(Fixture("wf_small.xlsx"), _dir.File("out.csv"), YearOptions("2017")) { Sheet = "Wales" }));
        Assert.Contains("no sheet 'Wales'", e.Message);
        Assert.Contains("'Replacement demand'", e.Message);
    }

    [Fact]
    public void A_windows_1252_file_reads_with_the_encoding_option_and_fails_without_it_naming_the_option()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        // ô and £ are single bytes in windows-1252 (not UTF-8); the en dash is 0x96, which latin1 would not read as one.
        var bytes = Encoding.GetEncoding(1252).GetBytes("area,soc2010,jobs\nYnys Môn,2136,100\nCaerdydd £,3545,50\n– East,2136,7\n");
        Assert.Contains((byte)0x96, bytes);
        var input = _dir.File("in.csv");
        File.WriteAllBytes(input, bytes);
        var options = new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("jobs")] };

        var e = Assert.Throws<InvalidDataException>(() => Run(new SeriesFileRequest(input, _dir.File("out.csv"), options)));
        Assert.Contains("line 2", e.Message);
        Assert.Contains("encoding option", e.Message);
        Assert.Contains("windows-1252", e.Message);
        Assert.False(File.Exists(_dir.File("out.csv")));

        Run(new SeriesFileRequest(input, _dir.File("out.csv"), options) { Dialect = new CsvDialect(',', "windows-1252") });
        var areas = ReadTable(_dir.File("out.csv")).Column("area").ToHashSet();
        Assert.Contains("Ynys Môn", areas);
        Assert.Contains("Caerdydd £", areas);
        Assert.Contains("– East", areas);
    }

    [Fact]
    public void A_semicolon_file_reads_with_the_delimiter_option_and_fails_without_it_naming_the_option()
    {
        var input = _dir.Write("in.csv", "area;soc2010;jobs\nnorth;2136;100\nsouth;3545;50\n");
        var options = new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("jobs")] };
        var e = Assert.Throws<InvalidDataException>(() => Run(new SeriesFileRequest(input, _dir.File("out.csv"), options)));
        Assert.Contains("line 1 (header)", e.Message);
        Assert.Contains("delimiter option set to ';'", e.Message);

        var report = Run(new SeriesFileRequest(input, _dir.File("out.csv"), options) { Dialect = new CsvDialect(';', "utf-8") });
        Assert.Equal(2, report.Result.Reconciliation.RowsApportioned);
        AssertClose(150, ReadTable(_dir.File("out.csv")).Sum("jobs"));
    }

    [Fact]
    public void An_unclosed_quote_fails_with_the_file_and_line_where_it_opens()
    {
        var input = _dir.Write("in.csv", "area,soc2010,jobs\nnorth,2136,100\n\"south,3545,50\nwest,2136,7\n");
        var e = Assert.Throws<InvalidDataException>(() => Run(new SeriesFileRequest(input, _dir.File("out.csv"), Counts())));
        Assert.Contains("in.csv: line 3", e.Message);
        Assert.Contains("never closed", e.Message);
        Assert.False(File.Exists(_dir.File("out.csv")));
    }

    [Fact]
    public void A_10_MB_quoted_field_fails_with_the_line_not_an_exception_of_the_reader()
    {
        var input = _dir.File("in.csv");
        using (var w = new StreamWriter(input))
        {
            w.Write("area,soc2010,jobs\nnorth,2136,100\n\"");
            w.Write(new string('a', 10 << 20));
            w.Write("\",3545,50\n");
        }
        var e = Assert.Throws<InvalidDataException>(() => Run(new SeriesFileRequest(input, _dir.File("out.csv"), Counts())));
        Assert.Contains("in.csv: line 3", e.Message);
        Assert.Contains("longer than 4 MiB", e.Message);
    }

    [Fact]
    public void A_10_MB_quoted_field_in_the_first_data_row_is_reported_on_line_2_not_as_the_header()
    {
        var input = _dir.File("in.csv");
        File.WriteAllText(input, "area,soc2010,jobs\n\"" + new string('a', 10 << 20) + "\",3545,50\n");
        var e = Assert.Throws<InvalidDataException>(() => Run(new SeriesFileRequest(input, _dir.File("out.csv"), Counts())));
        Assert.Contains("in.csv: line 2:", e.Message);
        Assert.DoesNotContain("(header)", e.Message);
    }

    [Fact]
    public void A_10_MB_header_fails_naming_the_header()
    {
        var input = _dir.File("in.csv");
        using (var w = new StreamWriter(input))
        {
            w.Write("area,soc2010,jobs,");
            w.Write(new string('h', 10 << 20));
            w.Write("\nnorth,2136,100,1\n");
        }
        var e = Assert.Throws<InvalidDataException>(() => Run(new SeriesFileRequest(input, _dir.File("out.csv"), Counts())));
        Assert.Contains("in.csv: line 1 (header)", e.Message);
    }

    [Fact]
    public void Missing_input_folders_and_standard_input_are_refused_with_a_reason()
    {
        var missing = Assert.Throws<InvalidDataException>(() => Run(new SeriesFileRequest(_dir.File("nope.csv"), _dir.File("out.csv"), Counts())));
        Assert.Contains("input file not found", missing.Message);
        var folder = Assert.Throws<InvalidDataException>(() => Run(new SeriesFileRequest(_dir.Path, _dir.File("out.csv"), Counts())));
        Assert.Contains("is a folder", folder.Message);
        if (File.Exists("/dev/stdin"))
        {
            var stdin = Assert.Throws<InvalidDataException>(() => Run(new SeriesFileRequest("/dev/stdin", _dir.File("out.csv"), Counts())));
            Assert.Contains("not a regular file", stdin.Message);
            Assert.Contains("save it to a file first", stdin.Message);
        }
        Assert.False(File.Exists(_dir.File("out.csv")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(3)]
    public void Reject_lines_are_physical_lines_after_a_quoted_field_that_spans_lines_and_the_record_is_the_row_number(int? slices)
    {
        var csv = "region,soc2010,jobs\n" +
                  "\"North\nEast\",2136,10\n" +      // lines 2-3, record 1
                  "\"a\nb\nc\",9999,5\n" +           // lines 4-6, record 2: unknown code
                  "south,2136,x\n" +                 // line 7, record 3: suppressed
                  "west,3545,-2\n";                  // line 8, record 4: negative count
        var input = _dir.Write("in.csv", csv);
        Run(new SeriesFileRequest(input, _dir.File("out.csv"), Counts()) { Slices = slices });
        var rejects = ReadTable(_dir.File("out.rejects.csv"));
        Assert.Equal(["line", "record", "column", "value", "reason", "region", "soc2010", "jobs"], rejects.Header);
        Assert.Equal([("4", "2"), ("7", "3"), ("8", "4")], rejects.Rows.Select(r => (r[0], r[1])).ToArray());
        Assert.Equal("a\nb\nc", rejects.Rows[0][rejects.Index("region")]);
    }

    [Fact]
    public void The_input_bytes_are_never_changed_by_a_run()
    {
        var input = _dir.Write("in.csv", "area,soc2010,jobs\nnorth,2136,100\n");
        var before = Sha256(input);
        Run(new SeriesFileRequest(input, _dir.File("out.csv"), Counts()));
        Assert.Equal(before, Sha256(input));
        using var meta = JsonDocument.Parse(File.ReadAllText(_dir.File("out.meta.json")));
        Assert.Equal("in.csv", meta.RootElement.GetProperty("input").GetProperty("file").GetString());
    }

    private static ApportionOptions Counts() => new() { From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("jobs")] };

    public void Dispose() => _dir.Dispose();
}
