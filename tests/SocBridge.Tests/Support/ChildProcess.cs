using System.Diagnostics;

namespace SocBridge.Tests.Support;

/// <summary>Runs a program as a child process and collects what it printed.</summary>
public static class ChildProcess
{
    /// <summary>What a child process did: its exit status and its two output streams.</summary>
    public sealed record Result(int Exit, string Out, string Error)
    {
        /// <summary>Both streams, standard output first.</summary>
        public string All => Out + Error;
    }

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="args"/> in <paramref name="workingDirectory"/>; fails the
    /// test if it runs longer than <paramref name="limit"/>. The test host's own MSBuild settings are removed from
    /// the child's environment, so that a build the child starts is not steered by them.
    /// </summary>
    public static Result Run(string program, string workingDirectory, TimeSpan limit, params IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish in {limit.TotalMinutes} minutes");
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }
}
