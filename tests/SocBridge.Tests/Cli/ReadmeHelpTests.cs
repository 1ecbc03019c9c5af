using System.CommandLine;
using System.Text.RegularExpressions;
using SocBridge.Apportion.Model;
using SocBridge.Cli;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Cli;

/// <summary>The README's command and option tables and the CLI's help texts name the same commands and options.</summary>
public sealed partial class ReadmeHelpTests
{
    private static readonly string[] Readme = File.ReadAllLines(Path.Combine(RepoPaths.Root, "README.md"));

    /// <summary>The rows of the README table whose header starts with <paramref name="firstColumn"/>.</summary>
    private static List<string> TableRows(string firstColumn)
    {
        var start = Array.FindIndex(Readme, l => l.StartsWith($"| {firstColumn} |", StringComparison.Ordinal));
        Assert.True(start >= 0, $"README has no table headed '{firstColumn}'");
        return Readme.Skip(start + 2).TakeWhile(l => l.StartsWith('|')).ToList();
    }

    /// <summary>Every command of the tree with its path, e.g. "release export".</summary>
    private static IEnumerable<(string Path, Command Command)> Commands(Command command, string path = "")
    {
        foreach (var sub in command.Subcommands)
        {
            var subPath = (path + " " + sub.Name).Trim();
            yield return (subPath, sub);
            foreach (var nested in Commands(sub, subPath)) yield return nested;
        }
    }

    /// <summary>The options a command's help lists (its own and the recursive ones of its parents).</summary>
    private static HashSet<string> HelpOptions(string path)
    {
        var run = CliRunner.Invoke([.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
        Assert.Equal(0, run.Exit);
        var options = new HashSet<string>(StringComparer.Ordinal);
        var inOptions = false;
        foreach (var line in run.Out.Split('\n'))
        {
            if (line.StartsWith("Options:", StringComparison.Ordinal)) inOptions = true;
            else if (line.Length > 0 && !char.IsWhiteSpace(line[0])) inOptions = false;
            else if (inOptions && line.TrimStart().StartsWith('-'))
            {
                var names = line.Trim().Split("  ", 2)[0];
                foreach (var name in names.Split(", "))
                    if (name.StartsWith("--", StringComparison.Ordinal)) options.Add(name.Split(' ')[0]);
            }
        }
        return options;
    }

    /// <summary>The command paths one README row names: each backquoted snippet, starting at the first word that is a verb.</summary>
    private static List<string> RowCommands(string row, IReadOnlySet<string> known)
    {
        var firstCell = row.Split('|', StringSplitOptions.RemoveEmptyEntries)[0];
        var paths = new List<string>();
        foreach (Match snippet in Snippet().Matches(firstCell))
        {
            var words = snippet.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipWhile(w => w == "socbridge").ToList();
            var path = "";
            foreach (var word in words)
            {
                var longer = (path + " " + word).Trim();
                if (!known.Contains(longer)) break;
                path = longer;
            }
            Assert.True(path.Length > 0, $"README row names no socbridge command: {row}");
            paths.Add(path);
        }
        return paths;
    }

    [Fact]
    public void Every_command_is_in_the_README_table_and_every_command_there_exists()
    {
        var tree = Commands(CliApp.Create()).Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        var documented = TableRows("command").SelectMany(r => RowCommands(r, tree)).ToHashSet(StringComparer.Ordinal);
        var leaves = Commands(CliApp.Create()).Where(c => c.Command.Subcommands.Count == 0 || c.Command.Action is not null).Select(c => c.Path);
        var missing = leaves.Where(p => !documented.Contains(p)).ToList();
        Assert.True(missing.Count == 0, $"commands missing from the README's command table: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_option_a_README_command_row_names_is_in_that_command_help()
    {
        var tree = Commands(CliApp.Create()).Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var row in TableRows("command"))
        {
            var commands = RowCommands(row, tree);
            var allowed = commands.SelectMany(HelpOptions).ToHashSet(StringComparer.Ordinal);
            foreach (Match option in OptionName().Matches(row))
                if (!allowed.Contains(option.Value))
                    problems.Add($"{option.Value} (row of {string.Join(" / ", commands)})");
        }
        Assert.True(problems.Count == 0, $"README options not in the help: {string.Join("; ", problems)}");
    }

    [Fact]
    public void The_value_kind_table_and_the_apportion_help_name_the_same_kinds()
    {
        var help = HelpOptions("apportion");
        var documented = TableRows("option").SelectMany(r => OptionName().Matches(r.Split('|', StringSplitOptions.RemoveEmptyEntries)[0]).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        var kinds = Enum.GetValues<ValueKind>().Select(k => "--" + k.ToString().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(kinds.Order(), documented.Order());
        Assert.All(kinds, k => Assert.Contains(k, help));
    }

    [Fact]
    public void The_common_options_the_README_lists_are_in_the_help()
    {
        var start = Array.FindIndex(Readme, l => l.StartsWith("Common options:", StringComparison.Ordinal));
        var paragraph = string.Join(' ', Readme.Skip(start).TakeWhile(l => l.Length > 0));
        var root = HelpOptions("");
        var map = HelpOptions("map");
        foreach (Match option in OptionName().Matches(paragraph))
            Assert.True(root.Contains(option.Value) || map.Contains(option.Value), $"{option.Value} is in neither socbridge --help nor map --help");
        Assert.Contains("--release", root);
        Assert.Contains("--verbose", root);
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Snippet();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z0-9-]*")]
    private static partial Regex OptionName();
}
