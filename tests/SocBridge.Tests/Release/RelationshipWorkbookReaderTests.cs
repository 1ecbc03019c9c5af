using SocBridge.Release;
using SocBridge.Release.Sources;
using SocBridge.Release.Workbook;

namespace SocBridge.Tests.Release;

/// <summary>Row parsing of the relationship workbook on small in-memory sheets (no ONS files needed).</summary>
public sealed class RelationshipWorkbookReaderTests
{
    private const string File = "ons_soc2010_soc2020_relationship_tables.xlsx";

    private static readonly object?[] Header =
    [
        "SOC2010", "SOC2020", "men_lfs_base_2010", "men_lfs_perc_2020", "men_census_base_2010", "men_census_perc_2020",
        "women_lfs_base_2010", "women_lfs_perc_2020", "women_census_base_2010", "women_census_perc_2020",
    ];

    private static object?[] GroupRow(string label, double lfsMen, double censusMen, double lfsWomen, double censusWomen) =>
        [label, "Total sample", lfsMen, null, censusMen, null, lfsWomen, null, censusWomen, null];

    private static object?[] ChildRow(string label, object? lfsMen, object? censusMen, object? lfsWomen, object? censusWomen) =>
        [null, label, null, lfsMen, null, censusMen, null, lfsWomen, null, censusWomen];

    private static readonly object?[] TrailingRow = [null, ""];

    private static Sheet SheetOf(params object?[][] rows) => new(File, "Sheet1", rows);

    [Fact]
    public void Reads_groups_children_and_ignores_the_trailing_empty_string_row()
    {
        var sheet = SheetOf(
            Header,
            GroupRow("1116: Elected officers and representatives", 48, 98, 25, 47),
            ChildRow("1111: Chief executives and senior officials", 0.0, 1.0 / 98, 0.0, 0.0),
            ChildRow("1112: Elected officers and representatives", 1.0, 97.0 / 98, 1.0, 1.0),
            TrailingRow);

        var group = Assert.Single(RelationshipWorkbookReader.Read(sheet));
        Assert.Equal("1116", group.Soc2010);
        Assert.Equal("Elected officers and representatives", group.Title);
        // Cell order: lfs men, lfs women, census men, census women.
        Assert.Equal([48, 25, 98, 47], group.Bases);
        Assert.Equal(["1111", "1112"], group.Children.Select(c => c.Soc2020));
        Assert.Equal([0.0, 0.0, 1.0 / 98, 0.0], group.Children[0].Proportions);
        Assert.Equal(3, group.Children[0].Location.Row);
    }

    [Fact]
    public void A_bad_proportion_names_file_sheet_row_column_and_value()
    {
        var sheet = SheetOf(
            Header,
            GroupRow("1116: Elected officers and representatives", 48, 98, 25, 47),
            ChildRow("1111: Chief executives and senior officials", 0.0, "n/a", 0.0, 0.0));

        var error = Assert.Throws<OnsSourceException>(() => RelationshipWorkbookReader.ReadChildRow(sheet, 3));
        Assert.Equal((File, "Sheet1", 3, "F", "n/a"), (error.File, error.Sheet, error.Row, error.Column, error.Value));
        Assert.Contains($"{File}, sheet 'Sheet1', row 3, column F: found 'n/a', expected a proportion", error.Message);
    }

    [Fact]
    public void A_proportion_above_one_fails()
    {
        var sheet = SheetOf(Header, GroupRow("1116: X", 48, 98, 25, 47), ChildRow("1111: Y", 1.5, 0.0, 0.0, 0.0));
        var error = Assert.Throws<OnsSourceException>(() => RelationshipWorkbookReader.Read(sheet));
        Assert.Equal((3, "D", "1.5"), (error.Row, error.Column, error.Value));
    }

    [Fact]
    public void A_fractional_base_fails()
    {
        var sheet = SheetOf(Header, GroupRow("1116: X", 48, 98.5, 25, 47));
        var error = Assert.Throws<OnsSourceException>(() => RelationshipWorkbookReader.ReadGroupRow(sheet, 2));
        Assert.Equal((2, "E", "98.5"), (error.Row, error.Column, error.Value));
        Assert.Contains("whole number", error.Expected);
    }

    [Fact]
    public void A_label_without_a_code_fails()
    {
        var sheet = SheetOf(Header, GroupRow("1116: X", 48, 98, 25, 47), ChildRow("Chief executives", 1.0, 1.0, 1.0, 1.0));
        var error = Assert.Throws<OnsSourceException>(() => RelationshipWorkbookReader.Read(sheet));
        Assert.Equal((3, "B", "Chief executives"), (error.Row, error.Column, error.Value));
    }

    [Fact]
    public void An_empty_row_inside_the_table_fails()
    {
        var sheet = SheetOf(
            Header,
            GroupRow("1116: X", 48, 98, 25, 47),
            ChildRow("1111: Y", 1.0, 1.0, 1.0, 1.0),
            [null, null],
            ChildRow("1112: Z", 0.0, 0.0, 0.0, 0.0));
        var error = Assert.Throws<OnsSourceException>(() => RelationshipWorkbookReader.Read(sheet));
        Assert.Equal(4, error.Row);
    }

    [Fact]
    public void Anything_but_an_empty_string_in_the_last_row_fails()
    {
        var sheet = SheetOf(Header, GroupRow("1116: X", 48, 98, 25, 47), ChildRow("1111: Y", 1.0, 1.0, 1.0, 1.0), [null, "notes"]);
        var error = Assert.Throws<OnsSourceException>(() => RelationshipWorkbookReader.Read(sheet));
        Assert.Equal((4, "B", "notes"), (error.Row, error.Column, error.Value));
    }

    [Fact]
    public void A_renamed_header_fails()
    {
        var header = (object?[])Header.Clone();
        header[5] = "men_census_perc";
        var error = Assert.Throws<OnsSourceException>(() => RelationshipWorkbookReader.Read(SheetOf(header)));
        Assert.Equal((1, "F", "men_census_perc"), (error.Row, error.Column, error.Value));
    }
}
