using System.CommandLine;

namespace SocBridge.Cli;

/// <summary>The entry point of the <c>socbridge</c> command.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args)
    {
        var parseResult = CliApp.Create().Parse(args);
#if SOCBRIDGE_NATIVE
        // The ahead-of-time build holds the series verbs only; any other command line goes to the managed build.
        if (parseResult.CommandResult.Command is RootCommand) return Task.FromResult(Infrastructure.ManagedCompanion.Run(args));
#endif
        return parseResult.InvokeAsync();
    }
}
