using SocBridge.Core.Classification;
using SocBridge.Core.Csv;
using SocBridge.Release;
using SocBridge.Release.Samples;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Samples;

/// <summary>Malformed cells are reported with file, sheet, row, column and value; no originals needed.</summary>
[Collection(ReleaseCollection.Name)]
public sealed class BadInputTests(ReleaseFixture fixture)
{
    private readonly SocHierarchy _soc2010 = fixture.Release.Soc2010;

    private static object?[] Row(params object?[] cells) => cells;

    private static SheetGrid AsheGrid(object? badJobs = null, string code = "1115")
    {
        var rows = new List<IReadOnlyList<object?>>
        {
            Row("Table 14.1a   Weekly pay - Gross (£) - For all employee jobsa: United Kingdom, 2021"),
            Row(),
            Row(null, null, "Number", null, "Annual", null, "Annual"),
            Row(null, null, "of jobsb", null, "percentage", null, "percentage", "Percentiles"),
            Row("Description", "Code", "(thousand)", "Median", "change", "Mean", "change", 10d),
            Row("All employees", "", 100d, 500d, 1d, 600d, 1d),
            Row("Managers, directors and senior officials", "1", 10d, 700d, 1d, 800d, 1d),
            Row("  Corporate managers and directors", "11", 9d, "x ", null, 810d, 1d),
            Row("    Chief executives and senior officials", "111", 1d, ":", null, "..", null),
            Row("      Chief executives and senior officials", code, badJobs ?? 1d, "x", null, 900d, null),
            Row("Not Classified", "", ":"),
            Row("a  Employees on adult rates."),
            Row("Source: Annual Survey of Hours and Earnings, Office for National Statistics."),
        };
        return new SheetGrid("ashe_test.xls", "All", rows);
    }

    [Fact]
    public void A_well_formed_ashe_grid_reads_with_markers_and_counts()
    {
        var sheet = AsheTableReader.Parse(AsheGrid(), "weekly", "all");
        Assert.Equal(["1", "11", "111", "1115"], sheet.Rows.Select(r => r.Code));
        Assert.Equal(100, sheet.AllEmployees.JobsThousands.Value);
        Assert.Equal(MarkedValue.Marked("x"), sheet.Rows[1].Median);
        Assert.Equal(MarkedValue.Marked(".."), sheet.Rows[2].Mean);
        Assert.Equal(1, sheet.NotClassifiedRows);
        Assert.Equal(2, sheet.FootnoteRows);
    }

    [Fact]
    public void A_bad_ashe_cell_names_file_sheet_row_column_and_value()
    {
        var ex = Assert.Throws<OnsSourceException>(() => AsheTableReader.Parse(AsheGrid(badJobs: "n/a"), "weekly", "all"));
        Assert.Equal(("ashe_test.xls", "All", 10, "C", "n/a"), (ex.File, ex.Sheet!, ex.Row!.Value, ex.Column!, ex.Value!));
        Assert.Contains("ashe_test.xls", ex.Message);
        Assert.Contains("sheet 'All'", ex.Message);
        Assert.Contains("row 10", ex.Message);
        Assert.Contains("column C", ex.Message);
        Assert.Contains("'n/a'", ex.Message);
    }

    [Fact]
    public void An_ashe_code_outside_its_parent_group_is_refused()
    {
        var ex = Assert.Throws<OnsSourceException>(() => AsheTableReader.Parse(AsheGrid(code: "1211"), "weekly", "all"));
        Assert.Equal((10, "B", "1211"), (ex.Row!.Value, ex.Column!, ex.Value!));
    }

    [Fact]
    public void A_wrong_pay_period_title_is_refused()
    {
        var ex = Assert.Throws<OnsSourceException>(() => AsheTableReader.Parse(AsheGrid(), "annual", "all"));
        Assert.Equal((1, "A"), (ex.Row!.Value, ex.Column!));
    }

    private SheetGrid ApsGrid(object? badNumber)
    {
        var groups = SubMajorGroups.For(_soc2010);
        var header = new List<object?> { "Area" };
        var sub = new List<object?> { null };
        foreach (var (_, title) in groups)
        {
            header.AddRange([$"T09a:1 (All people - {title} (SOC2010) : All people )", null, null]);
            sub.AddRange(["number", "Flags", "conf"]);
        }
        header.AddRange(["T01:7 (All aged 16 & over - In employment : All People )", null, null]);
        sub.AddRange(["number", "Flags", "conf"]);
        List<object?> Area(string label, object? first)
        {
            var row = new List<object?> { label, first, null, 100d };
            for (var i = 1; i < groups.Count; i++) row.AddRange([1000d, null, "*"]);
            row.AddRange([0d, 0d, 0d]);
            return row;
        }
        var rows = new List<IReadOnlyList<object?>>
        {
            Row("annual population survey"),
            Row("ONS Crown Copyright Reserved [from Nomis on 14 June 2022]"),
            Row(),
            Row("date", "Jan 2017-Dec 2017"),
            Row("confidence", "95% confidence interval (+/-)"),
            Row(),
            header,
            sub,
            Area("country:England", 5000d),
            Area("ladu:Hartlepool", badNumber),
            Row("! Estimate and confidence interval not available since the group sample size is zero or disclosive (0-2)."),
        };
        return new SheetGrid("nomis_test.xlsx", "Data", rows);
    }

    [Fact]
    public void A_well_formed_aps_grid_reads_flags_and_the_zero_placeholder_total()
    {
        var table = NomisApsReader.Parse(ApsGrid("~"), _soc2010);
        var block = Assert.Single(table.Blocks);
        Assert.Equal(2017, block.Year);
        Assert.Equal(["country", "local_authority"], block.Areas.Select(a => a.AreaType));
        var hartlepool = block.Areas[1];
        Assert.Equal("~", hartlepool.SubMajor[0].Flag);
        Assert.Null(hartlepool.SubMajor[0].Employment.Value);
        Assert.Equal(100, hartlepool.SubMajor[0].Confidence.Value);
        Assert.Equal("*", hartlepool.SubMajor[1].Flag);
        Assert.Equal(1000, hartlepool.SubMajor[1].Employment.Value);
        Assert.Equal(NomisApsReader.ZeroPlaceholderFlag, hartlepool.AllInEmployment!.Flag);
        Assert.Null(hartlepool.AllInEmployment.Employment.Value);
        Assert.Equal(1, table.LegendRows);
    }

    [Fact]
    public void A_bad_aps_cell_names_file_sheet_row_column_and_value()
    {
        var ex = Assert.Throws<OnsSourceException>(() => NomisApsReader.Parse(ApsGrid("12,300"), _soc2010));
        Assert.Equal(("nomis_test.xlsx", "Data", 10, "B", "12,300"), (ex.File, ex.Sheet!, ex.Row!.Value, ex.Column!, ex.Value!));
        Assert.Contains("nomis_test.xlsx, sheet 'Data', row 10, column B: found '12,300', expected a non-negative number", ex.Message);
    }

    [Fact]
    public void A_bad_lfs_cell_names_file_line_column_and_value()
    {
        const string csv =
            ",\" 111 01.11 Growing of cereals, except rice \", 9900 99.00 Act extraterritorial org & bodies \n" +
            " 1115 1115  'Chief executives and Snr officials' ,0 ,12 \n" +
            " 1116 1116  'Elected officers and representatives' ,3 ,x1 \n";
        var ex = Assert.Throws<CsvDataException>(() => LfsMatrixReader.Read(new StringReader(csv), "lfs_test.csv"));
        Assert.Equal("lfs_test.csv", ex.Error.File);
        Assert.Equal(3, ex.Error.Line);
        Assert.Equal(" 9900 99.00 Act extraterritorial org & bodies ", ex.Error.Column);
        Assert.Equal("x1 ", ex.Error.Value);
    }

    [Fact]
    public void A_small_lfs_matrix_reads_into_long_form_dropping_zeros()
    {
        const string csv =
            ",\" 111 01.11 Growing of cereals, except rice \", 9900 99.00 Act extraterritorial org & bodies \n" +
            " 1115 1115  'Chief executives and Snr officials' ,0 ,12 \n" +
            "\" 1116 1116  'Elected officers, representatives' \",3 ,0";
        var lfs = LfsMatrixReader.Read(new StringReader(csv), "lfs_test.csv");
        Assert.Equal([("1115", "99.00", "U", 12L), ("1116", "01.11", "A", 3L)],
            lfs.Cells.Select(c => (c.Soc2010, c.Sic2007Class, c.Sic2007Section, c.Employment)));
        Assert.Equal(2, lfs.ZeroCellsDropped);
        Assert.Equal(15, lfs.GrandTotal);
    }

    [Theory]
    [InlineData(1, 'A')]
    [InlineData(3, 'A')]
    [InlineData(5, 'B')]
    [InlineData(33, 'C')]
    [InlineData(35, 'D')]
    [InlineData(39, 'E')]
    [InlineData(43, 'F')]
    [InlineData(47, 'G')]
    [InlineData(53, 'H')]
    [InlineData(56, 'I')]
    [InlineData(63, 'J')]
    [InlineData(66, 'K')]
    [InlineData(68, 'L')]
    [InlineData(75, 'M')]
    [InlineData(82, 'N')]
    [InlineData(84, 'O')]
    [InlineData(85, 'P')]
    [InlineData(88, 'Q')]
    [InlineData(93, 'R')]
    [InlineData(96, 'S')]
    [InlineData(98, 'T')]
    [InlineData(99, 'U')]
    public void Sic_divisions_map_to_sections(int division, char section) =>
        Assert.Equal(section, Sic2007.SectionOf(division));

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(34)]
    [InlineData(40)]
    [InlineData(100)]
    public void Numbers_that_are_not_divisions_have_no_section(int division) =>
        Assert.Null(Sic2007.SectionOf(division));

    [Theory]
    [InlineData(0, "A")]
    [InlineData(25, "Z")]
    [InlineData(26, "AA")]
    [InlineData(78, "CA")]
    public void Column_letters_follow_excel(int column, string letters) =>
        Assert.Equal(letters, SheetGrid.ColumnLetter(column));
}
