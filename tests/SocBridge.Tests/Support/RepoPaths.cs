namespace SocBridge.Tests.Support;

/// <summary>Locations in the repository and of the original ONS files beside it.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Crosswalks => Path.Combine(Root, "crosswalks");

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>The original ONS files: ../shared/ons beside the repository, or SOCBRIDGE_ONS_DIR.</summary>
    public static string OnsSources =>
        Environment.GetEnvironmentVariable("SOCBRIDGE_ONS_DIR") is { Length: > 0 } dir
            ? dir
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "ons"));

    public static bool HasOnsSources => File.Exists(Path.Combine(OnsSources, "ons_soc2010_soc2020_relationship_tables.xlsx"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SocBridge.sln"))) return dir.FullName;
        throw new InvalidOperationException($"SocBridge.sln not found above {AppContext.BaseDirectory}");
    }
}
