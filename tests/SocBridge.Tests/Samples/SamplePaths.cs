namespace SocBridge.Tests.Samples;

/// <summary>Where the committed samples and the ONS originals they are built from live.</summary>
public static class SamplePaths
{
    /// <summary>The folder holding SocBridge.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The committed sample series.</summary>
    public static string Samples { get; } = Path.Combine(RepositoryRoot, "samples");

    /// <summary>The original ONS files: <c>../shared/ons</c> relative to the repository root.</summary>
    public static string Originals { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "ons"));

    public static bool OriginalsAvailable =>
        File.Exists(Path.Combine(Originals, "ashe_table14.1a_weekly_gross_2021provisional_SOC10.xls"))
        && File.Exists(Path.Combine(Originals, "nomis_aps_T09a_soc2010_submajor_2017-2021_uk_la_lep_region.xlsx"))
        && File.Exists(Path.Combine(Originals, "ons_lfs_2018_soc2010_unit_by_sic2007_class_matrix.csv"));

    public static string Original(string fileName) => Path.Combine(Originals, fileName);

    public static string Sample(string fileName) => Path.Combine(Samples, fileName);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SocBridge.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no SocBridge.sln found above {AppContext.BaseDirectory}");
    }
}

/// <summary>A fact that reads the ONS originals; skipped, saying where they were looked for, when they are absent.</summary>
public sealed class RequiresOnsSamplesFactAttribute : FactAttribute
{
    public RequiresOnsSamplesFactAttribute()
    {
        if (!SamplePaths.OriginalsAvailable)
            Skip = $"ONS originals not found at {SamplePaths.Originals} (../shared/ons beside the repository root); these tests rebuild the samples from them";
    }
}
