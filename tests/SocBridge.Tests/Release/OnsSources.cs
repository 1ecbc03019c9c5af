using SocBridge.Tests.Support;

namespace SocBridge.Tests.Release;

/// <summary>The original ONS files the release is built from (see <see cref="RepoPaths.Ons"/>).</summary>
public static class OnsSources
{
    public static string Directory => RepoPaths.Ons;

    public static string CommittedRelease => RepoPaths.Crosswalks;

    public static bool Available => RepoPaths.HasOnsFiles("soc2020volume2thecodingindexexcel16042025.xlsx");
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
