namespace SocBridge.Cli;

/// <summary>The entry point of the <c>socbridge</c> command.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => CliApp.Create().Parse(args).InvokeAsync();
}
