using System.CommandLine;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;

namespace SocBridge.Cli.Infrastructure;

/// <summary>Options shared by several commands. Each factory returns a new instance: an option belongs to one command.</summary>
public static class CommonOptions
{
    public const string ReleaseName = "--release";
    public const string VerboseName = "--verbose";

    /// <summary>The root command's <c>--release</c> (recursive, so every verb accepts it).</summary>
    public static Option<DirectoryInfo?> Release() => new(ReleaseName)
    {
        Description = "Use the release in this folder instead of the one built into socbridge",
        Recursive = true,
    };

    /// <summary>The root command's <c>--verbose</c> (recursive, so every verb accepts it).</summary>
    public static Option<bool> Verbose() => new(VerboseName)
    {
        Description = "On failure, show the full exception (with its stack trace) as well as the one-line message",
        Recursive = true,
    };

    /// <summary>The value of an option of the root command, found by name on the root of this parse; default when the root has no such option.</summary>
    public static T? RootValue<T>(ParseResult parseResult, string name) =>
        parseResult.RootCommandResult.Command.Options.OfType<Option<T>>().FirstOrDefault(o => o.Name == name) is { } option
            ? parseResult.GetValue(option)
            : default;

    public static Option<OutputFormat> Format()
    {
        var option = new Option<OutputFormat>("--format")
        {
            Description = "Output: table for people, json or csv for programs",
            DefaultValueFactory = _ => OutputFormat.Table,
            HelpName = "table|json|csv",
        };
        option.AcceptOnlyFromAmong("table", "json", "csv");
        return option;
    }

    /// <summary>
    /// The edition to translate to: the other one unless given. Fails when --to names the --from edition.
    /// </summary>
    public static Option<string?> TargetVersion()
    {
        var option = new Option<string?>("--to") { Description = "Edition to translate to (default: the other one)" };
        option.AcceptOnlyFromAmong("2010", "2020");
        return option;
    }

    public static void RequireDifferentEditions(System.CommandLine.Parsing.CommandResult r, Option<string> from, Option<string?> to)
    {
        var target = r.GetValue(to);
        var source = r.GetValue(from) ?? "2010";
        if (target is not null && target == source) r.AddError("--from and --to must name different editions");
    }

    public static Option<string> Version(string name, string description, string defaultYear)
    {
        var option = new Option<string>(name) { Description = description, DefaultValueFactory = _ => defaultYear };
        option.AcceptOnlyFromAmong("2010", "2020");
        return option;
    }

    public static Option<string> Weights()
    {
        var option = new Option<string>("--weights")
        {
            Description = "Weight set: lfs (Labour Force Survey 2014–16 dual coding; default), census (2011 Census 1% sample), pooled (both)",
            DefaultValueFactory = _ => "lfs",
        };
        option.AcceptOnlyFromAmong("lfs", "census", "pooled");
        return option;
    }

    public static Option<string> Sex()
    {
        var option = new Option<string>("--sex")
        {
            Description = "Whose records the weights come from: all (default), men, women",
            DefaultValueFactory = _ => "all",
        };
        option.AcceptOnlyFromAmong("all", "men", "women");
        return option;
    }

    public static Option<int?> Level() => new("--level")
    {
        Description = "Target level: 1 major, 2 sub-major, 3 minor, 4 unit group (default: the level of the code)",
        Validators = { r => { if (r.GetValueOrDefault<int?>() is { } v && v is < 1 or > 4) r.AddError("--level must be 1, 2, 3 or 4"); } },
    };

    public static SocVersion ParseVersion(string year) =>
        SocVersions.TryParse(year, out var v) ? v : throw new ArgumentOutOfRangeException(nameof(year), year, "expected 2010 or 2020");

    public static WeightSelection Selection(ParseResult pr, Option<string> weights, Option<string> sex)
    {
        WeightSets.TryParse(pr.GetValue(weights), out var set);
        WeightSets.TryParseSex(pr.GetValue(sex), out var s);
        return new WeightSelection(set, s);
    }

    /// <summary>True when the user left the option at its default, so outputs can say "(default)".</summary>
    public static bool IsDefault(ParseResult pr, Option option) => pr.GetResult(option) is null or { Implicit: true };
}
