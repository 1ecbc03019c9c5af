namespace SocBridge.Cli.Infrastructure;

/// <summary>Process exit statuses. 1 is System.CommandLine's own for a command line it cannot parse.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int UsageError = 1;
    public const int UnknownCode = 2;
    public const int ReleaseInvalid = 3;
    public const int BadInput = 4;
    public const int Failed = 5;
}
