using SocBridge.Core.Lookup;

namespace SocBridge.Cli.Infrastructure;

public static class FailureOutput
{
    /// <summary>Reports a malformed or unknown code on stderr and returns exit status 2.</summary>
    public static int Report(CliContext context, LookupFailure failure)
    {
        context.Error.WriteLine($"error: {failure.Message}");
        if (failure.Malformed && failure.Suggestions.Count > 0)
            context.Error.WriteLine("nearest valid codes: " + string.Join(", ", failure.Suggestions.Select(s => $"{s.Code} ({s.Title})")));
        return ExitCodes.UnknownCode;
    }
}
