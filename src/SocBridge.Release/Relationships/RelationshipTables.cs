using System.Globalization;
using SocBridge.Core.Release;
using SocBridge.Release.Sources;

namespace SocBridge.Release.Relationships;

/// <summary>The relationship table in release form, with figures for the report.</summary>
internal sealed record RelationshipTables(
    List<RelationshipBaseRow> Bases,
    List<RelationshipLinkRow> Links,
    List<RelationshipResidualRow> Residuals,
    int ChildRows,
    int OneToOneGroups,
    int MaxFanOut,
    int MaxFanIn,
    int LfsBaseTotal,
    int CensusBaseTotal,
    int GroupsWithResidual,
    int TitleMismatches,
    int NonWholeJointCounts);

/// <summary>
/// Turns the relationship workbook into the three long-form release tables and checks it against both
/// hierarchies. Proportions are fractions of a SOC2010 group's sample in one cell; joint counts
/// (base × proportion) are whole numbers of dual-coded records.
/// </summary>
internal static class RelationshipTableBuilder
{
    /// <summary>How far base × proportion may be from a whole number and still count as one.</summary>
    public const double JointCountTolerance = 1e-6;

    /// <summary>How far a cell's proportions may add up beyond 1 (rounding in the published fractions).</summary>
    public const double SumTolerance = 1e-9;

    /// <summary>Residuals smaller than this are rounding noise and written as 0.</summary>
    public const double ResidualNoise = 1e-12;

    public static RelationshipTables Build(
        IReadOnlyList<SourceRelationshipGroup> groups,
        IReadOnlyDictionary<string, GroupRow> soc2010,
        IReadOnlyDictionary<string, GroupRow> soc2020,
        ICollection<string> warnings)
    {
        var titleMismatches = 0;
        var nonWhole = 0;
        foreach (var g in groups)
        {
            if (!soc2010.TryGetValue(g.Soc2010, out var group) || group.Level != 4)
                throw g.Location.Error(g.Soc2010, "a SOC2010 unit group of the SOC2010 structure");
            if (WarnOnTitle(warnings, "SOC2010", g.Soc2010, g.Title, group.Title, g.Location.ToString())) titleMismatches++;
            foreach (var child in g.Children)
            {
                if (!soc2020.TryGetValue(child.Soc2020, out var target) || target.Level != 4)
                    throw child.Location.Error(child.Soc2020, "a SOC2020 unit group of the SOC2020 framework");
                if (WarnOnTitle(warnings, "SOC2020", child.Soc2020, child.Title, target.Title, child.Location.ToString())) titleMismatches++;
            }
        }

        var bases = new List<RelationshipBaseRow>();
        var links = new List<RelationshipLinkRow>();
        var residuals = new List<RelationshipResidualRow>();
        var groupsWithResidual = 0;

        // Sort order of every relationship file: SOC2010 code, then SOC2020 code (links only), then the cell
        // order of SampleCells: source "lfs" before "census", and sex "men" before "women".
        foreach (var g in groups.OrderBy(g => g.Soc2010, StringComparer.Ordinal))
        {
            bases.Add(new RelationshipBaseRow(g.Soc2010, g.Bases[0], g.Bases[1], g.Bases[2], g.Bases[3]));
            var children = g.Children.OrderBy(c => c.Soc2020, StringComparer.Ordinal).ToList();
            foreach (var child in children)
            {
                for (var cell = 0; cell < SampleCells.Count; cell++)
                {
                    var (source, sex) = SampleCells.All[cell];
                    var proportion = child.Proportions[cell];
                    if (g.Bases[cell] == 0 && proportion != 0)
                        throw child.Location.Error(proportion.ToString("R", CultureInfo.InvariantCulture),
                            $"a proportion of 0 for {source} {sex}, because SOC2010 group {g.Soc2010} has no {source} {sex} sample");
                    var product = g.Bases[cell] * proportion;
                    var whole = Math.Round(product);
                    double joint = whole;
                    if (Math.Abs(product - whole) > JointCountTolerance)
                    {
                        warnings.Add($"{child.Location}: {g.Soc2010}→{child.Soc2020} {source} {sex}: base {g.Bases[cell]} × proportion " +
                                     $"{proportion.ToString("R", CultureInfo.InvariantCulture)} = {product.ToString("R", CultureInfo.InvariantCulture)} " +
                                     "is not a whole number of records; the unrounded product is written");
                        joint = product;
                        nonWhole++;
                    }
                    links.Add(new RelationshipLinkRow(g.Soc2010, child.Soc2020, source, sex, proportion, joint));
                }
            }

            var anyResidual = false;
            for (var cell = 0; cell < SampleCells.Count; cell++)
            {
                var (source, sex) = SampleCells.All[cell];
                var baseCount = g.Bases[cell];
                if (baseCount == 0)
                {
                    residuals.Add(new RelationshipResidualRow(g.Soc2010, source, sex, 0, 0, 0));
                    continue;
                }
                var sum = 0.0;
                foreach (var child in children) sum += child.Proportions[cell];
                if (sum > 1 + SumTolerance)
                    throw g.Location.Error(sum.ToString("R", CultureInfo.InvariantCulture),
                        $"the {source} {sex} proportions of SOC2010 group {g.Soc2010} to add up to at most 1");
                var residual = 1 - sum;
                if (Math.Abs(residual) < ResidualNoise) residual = 0;
                if (residual != 0) anyResidual = true;
                residuals.Add(new RelationshipResidualRow(g.Soc2010, source, sex, baseCount, sum, residual));
            }
            if (anyResidual) groupsWithResidual++;
        }

        var fanIn = groups.SelectMany(g => g.Children.Select(c => (c.Soc2020, g.Soc2010)))
            .GroupBy(p => p.Soc2020)
            .Max(p => p.Count());

        return new RelationshipTables(
            bases,
            links,
            residuals,
            ChildRows: groups.Sum(g => g.Children.Count),
            OneToOneGroups: groups.Count(g => g.Children.Count == 1),
            MaxFanOut: groups.Max(g => g.Children.Count),
            MaxFanIn: fanIn,
            LfsBaseTotal: groups.Sum(g => g.Bases[0] + g.Bases[1]),
            CensusBaseTotal: groups.Sum(g => g.Bases[2] + g.Bases[3]),
            GroupsWithResidual: groupsWithResidual,
            TitleMismatches: titleMismatches,
            NonWholeJointCounts: nonWhole);
    }

    /// <summary>Adds a warning and returns true when the titles differ.</summary>
    private static bool WarnOnTitle(ICollection<string> warnings, string classification, string code, string found, string expected, string where)
    {
        if (string.Equals(Normalise(found), Normalise(expected), StringComparison.Ordinal)) return false;
        warnings.Add($"{where}: relationship table title of {classification} {code} is '{found}' but the {classification} hierarchy says '{expected}'");
        return true;
    }

    /// <summary>Titles are compared ignoring case and runs of white space.</summary>
    private static string Normalise(string title) =>
        string.Join(' ', title.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
