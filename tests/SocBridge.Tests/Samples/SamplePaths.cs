using SocBridge.Tests.Support;

namespace SocBridge.Tests.Samples;

/// <summary>The committed samples and the ONS originals they are built from (see <see cref="RepoPaths"/>).</summary>
public static class SamplePaths
{
    public static string Samples => RepoPaths.Samples;

    public static string Originals => RepoPaths.Ons;

    public static bool OriginalsAvailable => RepoPaths.HasOnsFiles(
        "ashe_table14.1a_weekly_gross_2021provisional_SOC10.xls",
        "nomis_aps_T09a_soc2010_submajor_2017-2021_uk_la_lep_region.xlsx",
        "ons_lfs_2018_soc2010_unit_by_sic2007_class_matrix.csv");

    public static string Original(string fileName) => RepoPaths.OnsFile(fileName);

    public static string Sample(string fileName) => Path.Combine(Samples, fileName);
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
