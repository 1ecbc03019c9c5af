namespace SocBridge.Cli.Infrastructure;

public enum OutputFormat
{
    Table,
    Json,
    Csv,
}
