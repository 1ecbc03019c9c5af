using SocBridge.Core.Release;
using SocBridge.Release.Text;

namespace SocBridge.Release.Validation;

/// <summary>
/// Checks a SOC hierarchy read from an original and turns it into release rows. SOC codes have one digit
/// per level (major 1, sub-major 2, minor 3, unit 4) and a group's code extends its parent's code.
/// </summary>
internal static class GroupHierarchy
{
    public static readonly string[] LevelNames = ["major", "sub_major", "minor", "unit"];

    /// <param name="groups">Groups as read, in any order.</param>
    /// <param name="expectedPerLevel">Number of groups expected at levels 1-4.</param>
    /// <param name="displayTitle">Display title for a group; defaults to <see cref="DisplayTitle.For"/>.</param>
    public static List<GroupRow> Build(
        string classification,
        IReadOnlyList<SourceGroup> groups,
        IReadOnlyList<int> expectedPerLevel,
        Func<SourceGroup, string>? displayTitle = null)
    {
        var byCode = new Dictionary<string, SourceGroup>(StringComparer.Ordinal);
        foreach (var g in groups)
        {
            if (g.Code.Length is < 1 or > 4 || !g.Code.All(char.IsAsciiDigit))
                throw g.Location.Error(g.Code, $"a {classification} code of 1 to 4 digits");
            if (!byCode.TryAdd(g.Code, g))
                throw g.Location.Error(g.Code, $"each {classification} code once (it was already given at {byCode[g.Code].Location})");
            if (g.Title.Length == 0)
                throw g.Location.Error("", $"a title for {classification} group {g.Code}");
        }

        foreach (var g in groups)
        {
            var level = g.Code.Length;
            if (level == 1)
            {
                if (g.Parent.Length != 0)
                    throw g.Location.Error(g.Code, $"{classification} major group {g.Code} to have no parent, but it sits under {g.Parent}");
                continue;
            }
            if (g.Parent.Length != level - 1 || !g.Code.StartsWith(g.Parent, StringComparison.Ordinal))
                throw g.Location.Error(g.Code,
                    $"a {classification} code of {level} digits to sit under the group {g.Code[..^1]}, but its parent is '{g.Parent}'");
            if (!byCode.ContainsKey(g.Parent))
                throw g.Location.Error(g.Code, $"the parent group {g.Parent} of {classification} group {g.Code} to exist");
        }

        for (var level = 1; level <= 4; level++)
        {
            var count = groups.Count(g => g.Code.Length == level);
            if (count != expectedPerLevel[level - 1])
                throw new OnsSourceException(groups.Count > 0 ? groups[0].Location.File : "(no groups)", groups.Count > 0 ? groups[0].Location.Sheet : null,
                    null, null, count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"{expectedPerLevel[level - 1]} {classification} {LevelNames[level - 1].Replace('_', '-')} groups");
        }

        var display = displayTitle ?? (g => DisplayTitle.For(g.Title));
        return groups
            .OrderBy(g => g.Code, StringComparer.Ordinal)
            .Select(g => new GroupRow(g.Code, g.Code.Length, g.Parent, g.Title, display(g)))
            .ToList();
    }
}
