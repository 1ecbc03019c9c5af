using System.CommandLine;
using SocBridge.Cli.Infrastructure;

namespace SocBridge.Cli;

/// <summary>The <c>socbridge</c> command tree. Commands parse and print; the libraries do the work.</summary>
public static class CliApp
{
    /// <summary>
    /// Every verb; in the ahead-of-time build (SOCBRIDGE_NATIVE) only the series verbs, which load no model and
    /// no web host and must start at once: that build hands every other command line to the managed build
    /// (<c>Infrastructure/ManagedCompanion.cs</c>).
    /// </summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("SocBridge: translate occupational data between SOC2010 and SOC2020 using the ONS dual-coded relationship tables.")
        {
            CommonOptions.Release(),
            CommonOptions.Verbose(),
        };
#if !SOCBRIDGE_NATIVE
        root.Subcommands.Add(Commands.Lookup.LookupCommandDefinition.Create());
        root.Subcommands.Add(Commands.Map.MapCommandDefinition.Create());
        root.Subcommands.Add(Commands.Search.SearchCommandDefinition.Create());
        root.Subcommands.Add(Commands.Release.ReleaseCommandDefinition.Create());
#endif
        root.Subcommands.Add(Commands.Apportion.ApportionCommandDefinition.Create());
#if !SOCBRIDGE_NATIVE
        root.Subcommands.Add(Commands.Recode.RecodeCommandDefinition.Create());
        root.Subcommands.Add(Commands.Code.CodeCommandDefinition.Create());
        root.Subcommands.Add(Commands.Serve.ServeCommandDefinition.Create());
#endif
        root.Subcommands.Add(Commands.Demo.DemoCommandDefinition.Create());
#if !SOCBRIDGE_NATIVE
        root.Subcommands.Add(Commands.Audit.AuditCommandDefinition.Create());
        root.Subcommands.Add(Commands.Weights.WeightsCommandDefinition.Create());
#endif
        return root;
    }
}
