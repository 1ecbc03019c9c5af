using System.Collections.Immutable;
using System.Security.Cryptography;

namespace SocBridge.Release.Samples;

/// <summary>An original ONS file the samples are built from, as recorded in shared/ons/SOURCES.md.</summary>
public sealed record SampleSource(string FileName, string Title, string Url, string ObtainedFrom, string Sha256);

/// <summary>The original files and their published SHA-256; the build refuses a file whose bytes differ.</summary>
public static class SampleSources
{
    private const string AsheTitle = "Earnings and hours worked, occupation by four-digit SOC: ASHE Table 14";
    private const string AsheUrl = "https://www.ons.gov.uk/employmentandlabourmarket/peopleinwork/earningsandworkinghours/datasets/occupation4digitsoc2010ashetable14";
    private const string UkJobs = "PMOLDN/ukjobs@521199b3adc8b26bc3878d3765707001dbc5a353";

    public static ImmutableArray<SampleSource> All { get; } =
    [
        new("ashe_table14.1a_weekly_gross_2021provisional_SOC10.xls", AsheTitle + ", 2021 provisional (SOC2010), Table 14.1a weekly pay - gross", AsheUrl,
            UkJobs + ":Data/Raw/pay/table142021provisional/PROV - Occupation SOC10 (4) Table 14.1a   Weekly pay - Gross 2021.xls",
            "bd7a200bf3db3959635831fbae9cc35de0a1aae7ee46b1566eee223059d709d8"),
        new("ashe_table14.5a_hourly_gross_2021provisional_SOC10.xls", AsheTitle + ", 2021 provisional (SOC2010), Table 14.5a hourly pay - gross", AsheUrl,
            UkJobs + ":Data/Raw/pay/table142021provisional/PROV - Occupation SOC10 (4) Table 14.5a   Hourly pay - Gross 2021.xls",
            "48f55d8ef59a294e484b7a34127c8348aa11bdf1d357bf2a790b348f93fe5f04"),
        new("ashe_table14.7a_annual_gross_2021provisional_SOC10.xls", AsheTitle + ", 2021 provisional (SOC2010), Table 14.7a annual pay - gross", AsheUrl,
            UkJobs + ":Data/Raw/pay/table142021provisional/PROV - Occupation SOC10 (4) Table 14.7a   Annual pay - Gross 2021.xls",
            "c7e4df5c54829f2d2da76eb0d1aaccf09753993f11f2472c3d327c994249509e"),
        new("ashe_table14.1a_weekly_gross_2022provisional_SOC20.xls", AsheTitle + ", 2022 provisional (SOC2020), Table 14.1a weekly pay - gross", AsheUrl,
            UkJobs + ":Data/Raw/pay/ashetable142022provisional/PROV - Occupation SOC20 (4) Table 14.1a   Weekly pay - Gross 2022.xls",
            "370cf84250b67fecc5f0f1bc4246aa4c0d9fd0882301bf43fd43a47c94ea6f9f"),
        new("ashe_table14.5a_hourly_gross_2022provisional_SOC20.xls", AsheTitle + ", 2022 provisional (SOC2020), Table 14.5a hourly pay - gross", AsheUrl,
            UkJobs + ":Data/Raw/pay/ashetable142022provisional/PROV - Occupation SOC20 (4) Table 14.5a   Hourly pay - Gross 2022.xls",
            "3b304c550e7d0eae800f86e63cf68b1c174785826775abd471329f6025eb9ef9"),
        new("ashe_table14.7a_annual_gross_2022provisional_SOC20.xls", AsheTitle + ", 2022 provisional (SOC2020), Table 14.7a annual pay - gross", AsheUrl,
            UkJobs + ":Data/Raw/pay/ashetable142022provisional/PROV - Occupation SOC20 (4) Table 14.7a   Annual pay - Gross 2022.xls",
            "b00835e8718e8845ffadb2ff71dc0a67a9763bcd1468cb495270427793dcd579"),
        new("ashe_table14.1a_weekly_gross_2023provisional_SOC20.xls", AsheTitle + ", 2023 provisional (SOC2020), Table 14.1a weekly pay - gross", AsheUrl,
            UkJobs + ":Data/Raw/pay/ashetable142023provisional/PROV - Occupation SOC20 (4) Table 14.1a   Weekly pay - Gross 2023.xls",
            "08d68f87ee3b116465b6a86758244d4fa7229049270d5906106b0ea69642ee74"),
        new("ashe_table14.5a_hourly_gross_2023provisional_SOC20.xls", AsheTitle + ", 2023 provisional (SOC2020), Table 14.5a hourly pay - gross", AsheUrl,
            UkJobs + ":Data/Raw/pay/ashetable142023provisional/PROV - Occupation SOC20 (4) Table 14.5a   Hourly pay - Gross 2023.xls",
            "511c60a87ca2e81beae2749265314a5517864d3be5ee3021c6a01d84c733e300"),
        new("ashe_table14.7a_annual_gross_2023provisional_SOC20.xls", AsheTitle + ", 2023 provisional (SOC2020), Table 14.7a annual pay - gross", AsheUrl,
            UkJobs + ":Data/Raw/pay/ashetable142023provisional/PROV - Occupation SOC20 (4) Table 14.7a   Annual pay - Gross 2023.xls",
            "8d1134991e6708319cf6a7435cbae37c443d3bc4f51f0089f42f5602f5fae6d9"),
        new("ashe_table14.1a_weekly_gross_2024provisional_SOC20.xlsx", AsheTitle + ", 2024 provisional (SOC2020), Table 14.1a weekly pay - gross", AsheUrl,
            UkJobs + ":Data/Raw/pay/ashetable142024provisional/PROV - Occupation SOC20 (4) Table 14.1a   Weekly pay - Gross 2024.xlsx",
            "1fced406f573f73fca1df38594fbc14ce24ea3573d9d8e9aa7dd1a11e96fd77c"),
        new("ashe_table14.5a_hourly_gross_2024provisional_SOC20.xlsx", AsheTitle + ", 2024 provisional (SOC2020), Table 14.5a hourly pay - gross", AsheUrl,
            UkJobs + ":Data/Raw/pay/ashetable142024provisional/PROV - Occupation SOC20 (4) Table 14.5a   Hourly pay - Gross 2024.xlsx",
            "e650018d7cf41fbf150479775eb4c8c68f92051c81b662c87135a8889b23201b"),
        new("ashe_table14.7a_annual_gross_2024provisional_SOC20.xlsx", AsheTitle + ", 2024 provisional (SOC2020), Table 14.7a annual pay - gross", AsheUrl,
            UkJobs + ":Data/Raw/pay/ashetable142024provisional/PROV - Occupation SOC20 (4) Table 14.7a   Annual pay - Gross 2024.xlsx",
            "3c1c728aa286d24e6b31f5263cd94b5aec437141660f57fe49d563b3e40b010b"),
        new("ons_lfs_2018_soc2010_unit_by_sic2007_class_matrix.csv",
            "ONS employment matrix, SOC2010 unit group x SIC2007 class, 2018 (original ONS title and URL not stated by the repository it came from; appears to be an ONS user-requested LFS/APS table)",
            "(not stated)",
            "vmaguirerajpaul/mathsci-econ-contrib@3a539240c1b9c35daa442294c0480fc7c4f360da:data/raw/SOC-SIC-matrix.csv",
            "5bcc4647f671228cf609c3608790b2ee499826671d476b3a6dc81059c66ab3a9"),
        new("nomis_aps_T09a_soc2010_submajor_2017-2021_uk_la_lep_region.xlsx",
            "Annual Population Survey, table T09a: employment by occupation (SOC2010 sub-major group), Jan-Dec 2017 to Jan-Dec 2021, via Nomis (downloaded 14 June 2022)",
            "https://www.nomisweb.co.uk/",
            "dfe-analytical-services/lsip_dashboard@74c6b78c629365f28b94157fa3558b1f1c18f3da:Data/3_APSempOcc/nomis_2022_06_14_092401.xlsx",
            "12102a1eb11dc27d8be5c88123352cfce4963cb0614a70f52bd5431f0ebbbedc"),
        new("nomis_aps_T09b_soc2020_submajor_jul2021-jun2022_england_la_lep.xlsx",
            "Annual Population Survey, table T09b: employment by occupation (SOC2020 sub-major group), Jul 2021-Jun 2022, via Nomis (downloaded 13 October 2022)",
            "https://www.nomisweb.co.uk/",
            "dfe-analytical-services/lsip_dashboard@474e7fbdea32c255addfa91449ed84036b1e01af:Data/3_APSempOcc/nomis_2022_10_13_205752.xlsx",
            "fed90124ca6a142f0e702d4bcc36b4344b8cb3dcc56b1c5d92160607519ddbab"),
    ];

    public static SampleSource Get(string fileName) =>
        All.FirstOrDefault(s => s.FileName == fileName)
        ?? throw new ArgumentException($"'{fileName}' is not a known sample source", nameof(fileName));

    /// <summary>The path of a source file, after checking that it exists and has the recorded SHA-256.</summary>
    public static string Verified(string sourceDir, string fileName)
    {
        var source = Get(fileName);
        var path = Path.Combine(sourceDir, fileName);
        if (!File.Exists(path))
            throw new FileNotFoundException($"original ONS file '{fileName}' not found in {sourceDir}", path);
        var actual = Sha256Of(path);
        if (actual != source.Sha256)
            throw new InvalidDataException(
                $"{fileName}: SHA-256 {actual} differs from the recorded {source.Sha256}; the samples are built from the recorded bytes only");
        return path;
    }

    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
