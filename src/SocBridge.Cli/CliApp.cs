using System.CommandLine;
using SocBridge.Cli.Commands.Lookup;
using SocBridge.Cli.Commands.Map;
using SocBridge.Cli.Commands.Release;
using SocBridge.Cli.Commands.Search;
using SocBridge.Cli.Infrastructure;

namespace SocBridge.Cli;

/// <summary>The <c>socbridge</c> command tree. Commands parse and print; the libraries do the work.</summary>
public static class CliApp
{
    public static RootCommand Create()
    {
        var root = new RootCommand("SocBridge: translate occupational data between SOC2010 and SOC2020 using the ONS dual-coded relationship tables.")
        {
            CommonOptions.Release(),
            CommonOptions.Verbose(),
            LookupCommandDefinition.Create(),
            MapCommandDefinition.Create(),
            SearchCommandDefinition.Create(),
            ReleaseCommandDefinition.Create(),
            Commands.Apportion.ApportionCommandDefinition.Create(),
            Commands.Recode.RecodeCommandDefinition.Create(),
            Commands.Code.CodeCommandDefinition.Create(),
            Commands.Serve.ServeCommandDefinition.Create(),
            Commands.Demo.DemoCommandDefinition.Create(),
            Commands.Audit.AuditCommandDefinition.Create(),
            Commands.Weights.WeightsCommandDefinition.Create(),
        };
        return root;
    }
}
