using System.CommandLine;
using SocBridge.Cli;

namespace SocBridge.Tests.Cli;

/// <summary>Runs the socbridge command tree in process, capturing standard output and error.</summary>
public static class CliRunner
{
    public sealed record Run(int Exit, string Out, string Error);

    public static Run Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApp.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return new Run(exit, output.ToString(), error.ToString());
    }
}
