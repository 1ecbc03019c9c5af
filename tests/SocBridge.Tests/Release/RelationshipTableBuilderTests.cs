using SocBridge.Core.Release;
using SocBridge.Release;
using SocBridge.Release.Relationships;
using SocBridge.Release.Sources;
using SocBridge.Release.Workbook;

namespace SocBridge.Tests.Release;

/// <summary>Long-form links, residuals and checks of the relationship table on hand-made groups.</summary>
public sealed class RelationshipTableBuilderTests
{
    private static readonly Dictionary<string, GroupRow> Soc2010 = new()
    {
        ["1116"] = new GroupRow("1116", 4, "111", "Elected officers and representatives", "Elected officers and representatives"),
    };

    private static readonly Dictionary<string, GroupRow> Soc2020 = new()
    {
        ["1111"] = new GroupRow("1111", 4, "111", "Chief executives and senior officials", "Chief executives and senior officials"),
        ["1112"] = new GroupRow("1112", 4, "111", "Elected officers and representatives", "Elected officers and representatives"),
    };

    private static SourceLocation At(int row, string column) => new("relationship.xlsx", "Sheet1", row, column);

    private static SourceRelationshipGroup Group(int[] bases, params (string Code, string Title, double[] P)[] children) =>
        new("1116", "Elected officers and representatives", bases,
            children.Select((c, i) => new SourceRelationshipChild(c.Code, c.Title, c.P, At(3 + i, "B"))).ToList(), At(2, "A"));

    [Fact]
    public void Writes_four_cells_per_child_in_lfs_census_men_women_order_with_joint_counts()
    {
        var warnings = new List<string>();
        var tables = RelationshipTableBuilder.Build(
            [Group([48, 25, 98, 0],
                ("1112", "Elected officers and representatives", [1.0, 1.0, 97.0 / 98, 0]),
                ("1111", "Chief executives and senior officials", [0, 0, 1.0 / 98, 0]))],
            Soc2010, Soc2020, warnings);

        Assert.Empty(warnings);
        Assert.Equal(
            ["1111 lfs men", "1111 lfs women", "1111 census men", "1111 census women",
             "1112 lfs men", "1112 lfs women", "1112 census men", "1112 census women"],
            tables.Links.Select(l => $"{l.Soc2020} {l.Source} {l.Sex}"));
        Assert.Equal([0.0, 0, 1, 0, 48, 25, 97, 0], tables.Links.Select(l => l.JointCount));
        Assert.Equal(new RelationshipBaseRow("1116", 48, 25, 98, 0), Assert.Single(tables.Bases));

        // Sums of exactly 1 (up to rounding noise) leave no residual; a cell without sample has none either.
        Assert.All(tables.Residuals, r => Assert.Equal(0.0, r.Residual));
        Assert.Equal(new RelationshipResidualRow("1116", "census", "women", 0, 0, 0), tables.Residuals[3]);
        Assert.Equal((1, 2, 1), (tables.OneToOneGroups + 1, tables.MaxFanOut, tables.MaxFanIn));
    }

    [Fact]
    public void A_proportion_without_sample_fails()
    {
        var error = Assert.Throws<OnsSourceException>(() => RelationshipTableBuilder.Build(
            [Group([48, 25, 98, 0], ("1112", "Elected officers and representatives", [1.0, 1.0, 1.0, 0.5]))],
            Soc2010, Soc2020, new List<string>()));
        Assert.Equal((3, "B", "0.5"), (error.Row, error.Column, error.Value));
    }

    [Fact]
    public void Proportions_adding_up_to_more_than_one_fail()
    {
        var error = Assert.Throws<OnsSourceException>(() => RelationshipTableBuilder.Build(
            [Group([48, 25, 98, 10],
                ("1111", "Chief executives and senior officials", [0.5, 0, 0, 0]),
                ("1112", "Elected officers and representatives", [0.6, 1, 1, 1]))],
            Soc2010, Soc2020, new List<string>()));
        Assert.Equal(2, error.Row);
        Assert.Contains("at most 1", error.Expected);
    }

    [Fact]
    public void Unknown_codes_fail_and_title_differences_warn()
    {
        var warnings = new List<string>();
        var tables = RelationshipTableBuilder.Build(
            [Group([10, 10, 10, 10], ("1112", "Elected officers", [1.0, 1, 1, 1]))], Soc2010, Soc2020, warnings);
        Assert.Equal(1, tables.TitleMismatches);
        Assert.Contains("'Elected officers'", Assert.Single(warnings));

        Assert.Throws<OnsSourceException>(() => RelationshipTableBuilder.Build(
            [Group([10, 10, 10, 10], ("9999", "Nothing", [1.0, 1, 1, 1]))], Soc2010, Soc2020, new List<string>()));
    }

    [Fact]
    public void A_joint_count_that_is_not_whole_is_warned_about_and_kept_unrounded()
    {
        var warnings = new List<string>();
        var tables = RelationshipTableBuilder.Build(
            [Group([10, 10, 10, 10], ("1112", "Elected officers and representatives", [0.55, 1, 1, 1]))], Soc2010, Soc2020, warnings);
        Assert.Equal(1, tables.NonWholeJointCounts);
        Assert.Equal(5.5, tables.Links[0].JointCount, 12);
        Assert.Contains("not a whole number", Assert.Single(warnings));
        Assert.Equal(0.45, tables.Residuals[0].Residual, 12);
    }
}
