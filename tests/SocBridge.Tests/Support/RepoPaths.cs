namespace SocBridge.Tests.Support;

/// <summary>
/// Locations in the repository (the folder holding SocBridge.sln, found by walking up from the test binaries)
/// and of the original ONS files in <c>../shared/ons</c> beside it. The one place tests find either.
/// </summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Crosswalks => Path.Combine(Root, "crosswalks");

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>The original ONS files: <c>../shared/ons</c> beside the repository root.</summary>
    public static string Ons { get; } = Path.GetFullPath(Path.Combine(Root, "..", "shared", "ons"));

    public static string OnsFile(string fileName) => Path.Combine(Ons, fileName);

    /// <summary>Whether every one of the named ONS originals is present.</summary>
    public static bool HasOnsFiles(params string[] fileNames) => fileNames.All(f => File.Exists(OnsFile(f)));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SocBridge.sln"))) return dir.FullName;
        throw new InvalidOperationException($"SocBridge.sln not found above {AppContext.BaseDirectory}");
    }
}
