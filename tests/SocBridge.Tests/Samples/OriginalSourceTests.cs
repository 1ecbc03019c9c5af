using SocBridge.Core.Release;
using SocBridge.Release.Samples;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Samples;

/// <summary>Reads the ONS originals and rebuilds the samples; skipped when ../shared/ons is absent.</summary>
[Collection(ReleaseCollection.Name)]
public sealed class OriginalSourceTests(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;

    [RequiresOnsSamplesFact]
    public void Ashe2021_weekly_sheets_hold_the_published_hierarchy_and_totals()
    {
        var sheets = AsheTableReader.ReadFile(SamplePaths.Original("ashe_table14.1a_weekly_gross_2021provisional_SOC10.xls"), "weekly");
        Assert.Equal(["All", "Male", "Female"], sheets.Select(s => s.SheetName));
        foreach (var sheet in sheets)
        {
            Assert.Equal(369, sheet.CountAtLevel(4));
            Assert.Equal(90, sheet.CountAtLevel(3));
            Assert.Equal(25, sheet.CountAtLevel(2));
            Assert.Equal(9, sheet.CountAtLevel(1));
            Assert.Equal(1, sheet.NotClassifiedRows);
            Assert.Equal(5, sheet.FootnoteRows);
        }

        var all = sheets[0];
        Assert.Equal(27085, all.AllEmployees.JobsThousands.Value);
        Assert.Equal(504.4, all.AllEmployees.Median.Value);
        Assert.DoesNotContain(all.Rows, r => r.Code.Length == 0);
        var programmers = Assert.Single(all.Rows, r => r.Code == "2136");
        Assert.Equal("Programmers and software development professionals", programmers.Description);
        Assert.Equal(282, programmers.JobsThousands.Value);
        Assert.Equal(848.8, programmers.Median.Value);
        Assert.Equal(884.2, programmers.Mean.Value);
        Assert.Equal(78, programmers.SourceRow);

        var elected = Assert.Single(all.Rows, r => r.Code == "1116");
        Assert.Equal(MarkedValue.Of(9), elected.JobsThousands);
        Assert.Equal(MarkedValue.Marked("x"), elected.Median);
        Assert.Equal(MarkedValue.Of(396.4), elected.Mean);
        var electedWomen = Assert.Single(sheets[2].Rows, r => r.Code == "1116");
        Assert.Equal(MarkedValue.Marked("x"), electedWomen.Mean);
    }

    [RequiresOnsSamplesFact]
    public void Ashe2021_annual_all_employees_jobs_total()
    {
        var sheets = AsheTableReader.ReadFile(SamplePaths.Original("ashe_table14.7a_annual_gross_2021provisional_SOC10.xls"), "annual");
        Assert.Equal(23865, sheets[0].AllEmployees.JobsThousands.Value);
        Assert.Equal(25971, sheets[0].AllEmployees.Median.Value);
        Assert.All(sheets, s => Assert.Equal(369, s.CountAtLevel(4)));
    }

    [RequiresOnsSamplesFact]
    public void Ashe2022_and_2024_have_412_unit_groups_per_sheet()
    {
        foreach (var file in new[] { "ashe_table14.7a_annual_gross_2022provisional_SOC20.xls", "ashe_table14.7a_annual_gross_2024provisional_SOC20.xlsx" })
        {
            var sheets = AsheTableReader.ReadFile(SamplePaths.Original(file), "annual");
            Assert.All(sheets, s => Assert.Equal(412, s.CountAtLevel(4)));
            Assert.All(sheets, s => Assert.Equal(26, s.CountAtLevel(2)));
        }
    }

    [RequiresOnsSamplesFact]
    public void Ashe_sub_major_titles_agree_with_the_titles_used_for_Nomis_labels()
    {
        foreach (var (file, hierarchy) in new[]
                 {
                     ("ashe_table14.1a_weekly_gross_2021provisional_SOC10.xls", _release.Soc2010),
                     ("ashe_table14.1a_weekly_gross_2022provisional_SOC20.xls", _release.Soc2020),
                 })
        {
            var all = AsheTableReader.ReadFile(SamplePaths.Original(file), "weekly")[0];
            var subMajors = all.Rows.Where(r => r.Level == 2).Select(r => (r.Code, r.Description.ToUpperInvariant())).ToList();
            var known = SubMajorGroups.For(hierarchy).Select(g => (g.Code, g.Title.ToUpperInvariant())).ToList();
            Assert.Equal(known, subMajors);
        }
    }

    [RequiresOnsSamplesFact]
    public void Lfs_matrix_grand_total_is_27_213_191()
    {
        var lfs = LfsMatrixReader.Read(SamplePaths.Original(SampleBuilder.LfsSource));
        Assert.Equal(27_213_191L, lfs.GrandTotal);
        Assert.Equal(369, lfs.SocRows);
        Assert.Equal(615, lfs.ClassColumns);
        Assert.Equal(369 * 615, lfs.CellsRead);
        Assert.Equal(lfs.CellsRead, lfs.Cells.Count + lfs.ZeroCellsDropped);
        Assert.Equal(220_347, lfs.ZeroCellsDropped);
        Assert.Equal(838, Assert.Single(lfs.Cells, c => c.Soc2010 == "1115" && c.Sic2007Class == "21.20").Employment);
    }

    [RequiresOnsSamplesFact]
    public void Aps_t09a_has_five_blocks_of_414_areas()
    {
        var table = NomisApsReader.ReadFile(SamplePaths.Original(SampleBuilder.ApsSoc2010Source), _release.Soc2010);
        Assert.Equal(5, table.Blocks.Count);
        Assert.Equal([2017, 2018, 2019, 2020, 2021], table.Blocks.Select(b => b.Year ?? 0));
        foreach (var block in table.Blocks)
        {
            Assert.Equal(414, block.Areas.Count);
            Assert.Equal(1, block.CountAreas("country"));
            Assert.Equal(12, block.CountAreas("region"));
            Assert.Equal(38, block.CountAreas("lep"));
            Assert.Equal(363, block.CountAreas("local_authority"));
            Assert.Equal(25, block.SubMajorCodes.Count);
            Assert.All(block.Areas, a => Assert.NotNull(a.AllInEmployment));
        }
        var england2021 = table.Blocks[4].Areas.Single(a => a.AreaType == "country");
        Assert.Equal("England", england2021.AreaName);
        Assert.Equal(27_569_900, england2021.AllInEmployment!.Employment.Value);
        Assert.Equal(2_136_700, england2021.SubMajor[0].Employment.Value);
        Assert.Equal(401, table.Blocks.Sum(b => b.Areas.Count(a => a.AllInEmployment!.Employment.Value is not null)));
    }

    [RequiresOnsSamplesFact]
    public void Aps_t09b_has_one_block_of_402_areas_and_26_groups()
    {
        var table = NomisApsReader.ReadFile(SamplePaths.Original(SampleBuilder.ApsSoc2020Source), _release.Soc2020);
        var block = Assert.Single(table.Blocks);
        Assert.Equal("Jul 2021-Jun 2022", block.Period);
        Assert.Null(block.Year);
        Assert.Equal(402, block.Areas.Count);
        Assert.Equal(26, block.SubMajorCodes.Count);
        Assert.All(block.Areas, a => Assert.Null(a.AllInEmployment));
    }

    [RequiresOnsSamplesFact]
    public void Committed_samples_equal_a_fresh_build_byte_for_byte()
    {
        var outDir = Path.Combine(Path.GetTempPath(), "socbridge-samples-" + Guid.NewGuid().ToString("N"));
        try
        {
            var report = SampleBuilder.Build(SamplePaths.Originals, outDir, _release);
            var fresh = Directory.GetFiles(outDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            var committed = Directory.GetFiles(SamplePaths.Samples).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(fresh, committed);
            foreach (var name in fresh)
                Assert.True(File.ReadAllBytes(Path.Combine(outDir, name!)).AsSpan().SequenceEqual(File.ReadAllBytes(SamplePaths.Sample(name!))),
                    $"samples/{name} differs from a fresh build; regenerate the samples");

            Assert.Equal(27_213_191L, report.Lfs.GrandTotal);
            Assert.Equal(23865, report.Ashe.Single(a => a.OutputFile == SampleBuilder.AsheSoc2010File && a.PayPeriod == "annual" && a.Sex == "all")
                .AllEmployeesJobsThousands.Value);
        }
        finally
        {
            if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
        }
    }

    [RequiresOnsSamplesFact]
    public void A_source_with_other_bytes_is_refused()
    {
        var dir = Path.Combine(Path.GetTempPath(), "socbridge-ons-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var name = SampleBuilder.LfsSource;
            File.WriteAllText(Path.Combine(dir, name), File.ReadAllText(SamplePaths.Original(name)) + "\n");
            var ex = Assert.Throws<InvalidDataException>(() => SampleSources.Verified(dir, name));
            Assert.Contains(name, ex.Message);
            Assert.Contains(SampleSources.Get(name).Sha256, ex.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
