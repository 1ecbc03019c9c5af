#if SOCBRIDGE_NATIVE
using System.Diagnostics;

namespace SocBridge.Cli.Infrastructure;

/// <summary>
/// The ahead-of-time compiled <c>socbridge</c> carries the series verbs (<c>apportion</c>, <c>demo</c>), which
/// must start at once. Every other command line — the verbs that train or load models, serve HTTP, look codes
/// up, build or audit the release, and the root's help and version — is handed, unchanged, to the managed build
/// published beside it (<c>managed/socbridge</c>, or the program named by <c>SOCBRIDGE_MANAGED</c>), which
/// shares this process's standard streams and whose exit status is returned.
/// </summary>
internal static class ManagedCompanion
{
    /// <summary>The variable that names another managed build to hand command lines to.</summary>
    public const string Variable = "SOCBRIDGE_MANAGED";

    /// <summary>Runs <paramref name="args"/> with the managed build; its exit status.</summary>
    public static int Run(string[] args)
    {
        var program = Locate();
        if (program is null)
        {
            Console.Error.WriteLine(
                $"error: this command runs in the managed build of socbridge, expected at {Path.Combine(AppContext.BaseDirectory, "managed", "socbridge")}; " +
                $"publish both builds with ./publish.sh, or name a managed build in {Variable}");
            return ExitCodes.UsageError;
        }
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Ctrl+C reaches both processes: the managed one decides what to do with it; this one waits for it.
        ConsoleCancelEventHandler ignore = (_, e) => e.Cancel = true;
        Console.CancelKeyPress += ignore;
        try
        {
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode;
        }
        finally
        {
            Console.CancelKeyPress -= ignore;
        }
    }

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } named) return File.Exists(named) ? named : null;
        var beside = Path.Combine(AppContext.BaseDirectory, "managed", "socbridge");
        return File.Exists(beside) ? beside : null;
    }
}
#endif
