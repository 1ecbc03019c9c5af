namespace SocBridge.Tests.Release;

/// <summary>Locates the original ONS files: <c>../shared/ons</c> beside the repository root.</summary>
public static class OnsSources
{
    /// <summary>The repository root (the folder holding SocBridge.sln), found by walking up from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Directory { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "ons"));

    public static string CommittedRelease { get; } = Path.Combine(RepositoryRoot, "crosswalks");

    public static bool Available =>
        File.Exists(Path.Combine(Directory, "soc2020volume2thecodingindexexcel16042025.xlsx"));

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SocBridge.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no SocBridge.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>A fact that needs the ONS originals; it is skipped, saying why, when they are not there.</summary>
public sealed class RequiresOnsSourcesFactAttribute : FactAttribute
{
    public RequiresOnsSourcesFactAttribute()
    {
        if (!OnsSources.Available)
            Skip = $"ONS originals not found at {OnsSources.Directory}; these tests need them";
    }
}
