using SocBridge.Core.Release;

namespace SocBridge.Tests.Release;

/// <summary>Figures and real rows of the release built from the ONS originals.</summary>
[Collection(ReleaseBuildCollection.Name)]
public sealed class ReleaseBuildTests(ReleaseBuildFixture build)
{
    [RequiresOnsSourcesFact]
    public void Counts_match_the_published_figures()
    {
        var c = build.Report.Counts;
        Assert.Equal((9, 25, 90, 369), (c["soc2010_major"], c["soc2010_sub_major"], c["soc2010_minor"], c["soc2010_unit"]));
        Assert.Equal((9, 26, 104, 412), (c["soc2020_major"], c["soc2020_sub_major"], c["soc2020_minor"], c["soc2020_unit"]));
        Assert.Equal(551, c["soc2020_descriptions"]);
        // SOURCES.md counts 1,368 (code, title) pairs; 8214/99 carries two titles, so there are 1,367 codes.
        Assert.Equal(1367, c["soc2020_extensions"]);
        Assert.Equal(32_195, c["index_entries"]);
        Assert.Equal(234, c["index_see_references"]);
        Assert.Equal(21, c["index_see_resolved"]);
        Assert.Equal(675, c["index_soc2010_soc2020_pairs"]);
        Assert.Equal(369, c["relationship_groups"]);
        Assert.Equal(714, c["relationship_child_rows"]);
        Assert.Equal(714 * 4, c["relationship_link_rows"]);
        Assert.Equal(369 * 4, c["relationship_residual_rows"]);
        Assert.Equal(178, c["one_to_one_groups"]);
        Assert.Equal(10, c["max_fan_out"]);
        Assert.Equal(17, c["max_fan_in"]);
        Assert.Equal(194_562, c["lfs_base_total"]);
        Assert.Equal(509_618, c["census_base_total"]);
        Assert.Equal(0, c["relationship_joint_counts_not_whole"]);
    }

    [RequiresOnsSourcesFact]
    public void Files_hold_the_rows_the_manifest_counts()
    {
        var outputs = build.Report.Outputs.ToDictionary(o => o.File, o => o.Rows);
        Assert.Equal(ReleaseFiles.DataFiles, build.Report.Outputs.Select(o => o.File));
        Assert.Equal(493, build.Groups(ReleaseFiles.Soc2010Groups).Count);
        Assert.Equal(outputs[ReleaseFiles.Soc2010Groups], build.Groups(ReleaseFiles.Soc2010Groups).Count);
        Assert.Equal(outputs[ReleaseFiles.Soc2020Groups], build.Groups(ReleaseFiles.Soc2020Groups).Count);
        Assert.Equal(outputs[ReleaseFiles.Soc2020Descriptions], build.Descriptions().Count);
        Assert.Equal(outputs[ReleaseFiles.Soc2020Extensions], build.Extensions().Count);
        Assert.Equal(outputs[ReleaseFiles.CodingIndex], build.Index().Count);
        Assert.Equal(outputs[ReleaseFiles.RelationshipBases], build.Bases().Count);
        Assert.Equal(outputs[ReleaseFiles.RelationshipLinks], build.Links().Count);
        Assert.Equal(outputs[ReleaseFiles.RelationshipResiduals], build.Residuals().Count);
    }

    [RequiresOnsSourcesFact]
    public void Manifest_lists_sources_outputs_and_a_content_derived_id()
    {
        var manifest = ReleaseManifest.Parse(File.ReadAllText(build.PathOf(ReleaseFiles.Manifest)));
        Assert.Matches("^soc-crosswalk-[0-9a-f]{12}$", manifest.ReleaseId);
        Assert.Equal(build.Report.ReleaseId, manifest.ReleaseId);
        Assert.Equal(ReleaseManifest.CurrentFormatVersion, manifest.FormatVersion);
        Assert.Equal(ReleaseManifest.OglLicence, manifest.Licence);
        Assert.Equal(4, manifest.Sources.Count);
        foreach (var source in manifest.Sources)
        {
            var bytes = File.ReadAllBytes(Path.Combine(OnsSources.Directory, source.File));
            Assert.Equal(bytes.LongLength, source.Bytes);
            Assert.Equal(ReleaseVerifier.Sha256Hex(bytes), source.Sha256);
            Assert.StartsWith("http", source.Url);
        }
        foreach (var output in manifest.Outputs)
            Assert.Equal(ReleaseVerifier.Sha256Hex(File.ReadAllBytes(build.PathOf(output.File))), output.Sha256);
    }

    [RequiresOnsSourcesFact]
    public void Files_are_utf8_without_bom_with_newline_line_ends()
    {
        foreach (var file in ReleaseFiles.DataFiles.Append(ReleaseFiles.Manifest))
        {
            var bytes = File.ReadAllBytes(build.PathOf(file));
            Assert.False(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }), $"{file} starts with a BOM");
            Assert.DoesNotContain((byte)'\r', bytes);
            Assert.Equal((byte)'\n', bytes[^1]);
        }
    }

    [RequiresOnsSourcesFact]
    public void Soc2010_groups_have_parents_titles_and_display_titles()
    {
        var groups = build.Groups(ReleaseFiles.Soc2010Groups);
        Assert.Equal(groups.OrderBy(g => g.Code, StringComparer.Ordinal).Select(g => g.Code), groups.Select(g => g.Code));
        var byCode = groups.ToDictionary(g => g.Code);
        Assert.Equal(new GroupRow("1", 1, "", "MANAGERS, DIRECTORS AND SENIOR OFFICIALS", "Managers, directors and senior officials"), byCode["1"]);
        Assert.Equal(new GroupRow("1115", 4, "111", "Chief executives and senior officials", "Chief executives and senior officials"), byCode["1115"]);
        Assert.Equal("Science, research, engineering and technology professionals", byCode["21"].DisplayTitle);
        Assert.Equal("IT specialist managers", byCode["2133"].DisplayTitle);
        foreach (var g in groups.Where(g => g.Level > 1))
        {
            Assert.Equal(g.Code[..^1], g.Parent);
            Assert.True(byCode.ContainsKey(g.Parent));
        }
        Assert.DoesNotContain(groups, g => g.DisplayTitle.Length > 3 && g.DisplayTitle.Skip(1).All(ch => !char.IsLower(ch)));
    }

    [RequiresOnsSourcesFact]
    public void Soc2020_groups_take_display_titles_from_volume1()
    {
        var byCode = build.Groups(ReleaseFiles.Soc2020Groups).ToDictionary(g => g.Code);
        Assert.Equal(new GroupRow("1", 1, "", "MANAGERS, DIRECTORS AND SENIOR OFFICIALS", "Managers, directors and senior officials"), byCode["1"]);
        Assert.Equal(new GroupRow("111", 3, "11", "Chief Executives and Senior Officials", "Chief executives and senior officials"), byCode["111"]);
        Assert.Equal(new GroupRow("1111", 4, "111", "Chief executives and senior officials", "Chief executives and senior officials"), byCode["1111"]);
        Assert.Equal("2134", byCode["2134"].Code);
        Assert.Equal("213", byCode["2134"].Parent);
    }

    [RequiresOnsSourcesFact]
    public void Descriptions_replace_blank_markers_and_split_bullets()
    {
        var descriptions = build.Descriptions();
        Assert.Equal(descriptions.OrderBy(d => d.Code, StringComparer.Ordinal).Select(d => d.Code), descriptions.Select(d => d.Code));
        var major = descriptions.Single(d => d.Code == "1");
        Assert.Equal(1, major.Level);
        Assert.Equal("", major.EntryRoutes);
        Assert.Empty(major.Tasks);
        Assert.StartsWith("Occupations in this major group are classified into the following sub-major groups:", major.GroupsWithin);

        var mp = descriptions.Single(d => d.Code == "1112");
        Assert.Equal("Entry is by election.", mp.EntryRoutes);
        Assert.Equal(["Councillor (local government)", "Member of Parliament"], mp.RelatedJobTitles);
        Assert.Equal(8, mp.Tasks.Count);
        Assert.Equal("acts as a Party representative within the constituency", mp.Tasks[1]);

        foreach (var d in descriptions)
        {
            foreach (var text in new[] { d.Title, d.GroupsWithin, d.Description, d.EntryRoutes }.Concat(d.Tasks).Concat(d.RelatedJobTitles))
            {
                Assert.DoesNotContain("<blank>", text);
                Assert.DoesNotContain("\r", text);
                Assert.Equal(text.Trim(), text);
            }
            Assert.DoesNotContain(d.Tasks, t => t.Length == 0 || t.Contains('~'));
        }
    }

    [RequiresOnsSourcesFact]
    public void Extensions_are_unique_and_belong_to_unit_groups()
    {
        var extensions = build.Extensions();
        Assert.Equal(extensions.Count, extensions.Select(e => e.Code).Distinct().Count());
        var units = build.Groups(ReleaseFiles.Soc2020Groups).Where(g => g.Level == 4).Select(g => g.Code).ToHashSet();
        Assert.All(extensions, e => Assert.Contains(e.UnitGroup, units));
        Assert.Contains(new ExtensionRow("1111/01", "1111", "Chairpersons"), extensions);
        Assert.Contains(new ExtensionRow("8214/99", "8214", "Delivery drivers and couriers n.e.c."), extensions);
        Assert.Contains(build.Report.Warnings, w => w.Contains("8214/99") && w.Contains("f4nd"));
    }

    [RequiresOnsSourcesFact]
    public void Index_entries_keep_codes_and_mark_see_references()
    {
        var index = build.Index();
        Assert.Equal(32_195, index.Count);
        Assert.Equal(index.OrderBy(e => e.RecordNumber).Select(e => e.Id), index.Select(e => e.Id));
        var byId = index.ToDictionary(e => e.Id);

        Assert.Equal(
            new IndexRow("a1bs", 45, "Q", "4122", "4122", "4122/01", "2411", "Cost accountant", "Accountant, cost", "", "", "", false, "", "", ""),
            byId["a1bs"]);

        // 'Advisor' is a placeholder entry: codes '}}}}' in the workbook. 'Adviser' exists only with
        // qualifiers (agricultural, law, ...), so the reference does not resolve to one entry.
        var advisor = byId["a1pc"];
        Assert.True(advisor.IsSeeReference);
        Assert.Equal(("", "", "", ""), (advisor.Soc2010, advisor.Soc2020, advisor.Soc2020Ext, advisor.Isco08));
        Assert.Equal("see Adviser", advisor.See);
        Assert.Equal("", advisor.SeeTargetId);

        // 'Bailer' → 'see Baler', and exactly one unqualified 'Baler' entry exists.
        Assert.Equal("a5aw", byId["a4zn"].SeeTargetId);
        Assert.Equal("Baler", byId["a5aw"].IndexedTitle);

        // Three entries have the placeholder only in the older code columns and real SOC2020 codes.
        var foreman = byId["b6xg"];
        Assert.True(foreman.IsSeeReference);
        Assert.Equal(("", "8160", "8160/00"), (foreman.Soc2010, foreman.Soc2020, foreman.Soc2020Ext));

        // Armed forces ISCO-08 codes have a leading zero.
        Assert.Contains(index, e => e.Isco08 == "0110");
        Assert.All(index.Where(e => !e.IsSeeReference), e =>
        {
            Assert.Matches("^[0-9]{4}$", e.Soc2010);
            Assert.Matches("^[0-9]{4}$", e.Soc2020);
            Assert.Matches("^[0-9]{4}/[0-9]{2}$", e.Soc2020Ext);
            Assert.Matches("^[0-9]{4}$", e.Isco08);
        });
        Assert.All(index.Where(e => e.SeeTargetId.Length > 0), e => Assert.False(byId[e.SeeTargetId].IsSeeReference));
    }

    [RequiresOnsSourcesFact]
    public void Relationship_group_2136_has_its_bases_and_three_children()
    {
        Assert.Equal(new RelationshipBaseRow("2136", 1173, 199, 2247, 341), build.Bases().Single(b => b.Soc2010 == "2136"));
        var links = build.Links().Where(l => l.Soc2010 == "2136").ToList();
        Assert.Equal(["2134", "2141", "3543"], links.Select(l => l.Soc2020).Distinct());
        Assert.Equal(
            [("lfs", "men"), ("lfs", "women"), ("census", "men"), ("census", "women")],
            links.Where(l => l.Soc2020 == "2134").Select(l => (l.Source, l.Sex)));
        Assert.Equal([1172.0, 198, 2231, 333], links.Where(l => l.Soc2020 == "2134").Select(l => l.JointCount));
        // Zero proportions are data (no record in that source) and are kept.
        var zero = links.Single(l => l.Soc2020 == "2141" && l.Source == "lfs" && l.Sex == "men");
        Assert.Equal((0.0, 0.0), (zero.Proportion, zero.JointCount));
        Assert.Equal(12, links.Single(l => l.Soc2020 == "2141" && l.Source == "census" && l.Sex == "men").JointCount);
    }

    [RequiresOnsSourcesFact]
    public void Relationship_group_3545_has_four_children()
    {
        var links = build.Links().Where(l => l.Soc2010 == "3545").ToList();
        Assert.Equal(["1150", "2432", "2440", "3556"], links.Select(l => l.Soc2020).Distinct());
        Assert.Equal(16, links.Count);
        var lfsMen = links.Single(l => l.Soc2020 == "3556" && l.Source == "lfs" && l.Sex == "men");
        Assert.Equal(1148, lfsMen.JointCount);
        Assert.Equal(1148.0 / 1408, lfsMen.Proportion, 12);
    }

    [RequiresOnsSourcesFact]
    public void Residuals_report_what_the_listed_groups_do_not_cover()
    {
        var residuals = build.Residuals();
        var census3119 = residuals.Single(r => r.Soc2010 == "3119" && r.Source == "census" && r.Sex == "men");
        Assert.Equal(989, census3119.Base);
        Assert.Equal(0.948, census3119.ProportionSum, 3);
        Assert.Equal(1 - census3119.ProportionSum, census3119.Residual, 12);
        var lfs3119 = residuals.Single(r => r.Soc2010 == "3119" && r.Source == "lfs" && r.Sex == "men");
        Assert.Equal((1.0, 0.0), (lfs3119.ProportionSum, lfs3119.Residual));
        Assert.All(residuals, r => Assert.True(r.ProportionSum <= 1 + 1e-9 && r.Residual >= -1e-9));
        Assert.All(residuals.Where(r => r.Base == 0), r => Assert.Equal((0.0, 0.0), (r.ProportionSum, r.Residual)));
    }

    [RequiresOnsSourcesFact]
    public void Links_have_whole_joint_counts_and_cover_every_cell()
    {
        var bases = build.Bases().ToDictionary(b => b.Soc2010);
        foreach (var link in build.Links())
        {
            var b = bases[link.Soc2010];
            var baseCount = (link.Source, link.Sex) switch
            {
                ("lfs", "men") => b.LfsMen,
                ("lfs", "women") => b.LfsWomen,
                ("census", "men") => b.CensusMen,
                ("census", "women") => b.CensusWomen,
                _ => throw new InvalidOperationException($"unexpected cell {link.Source}/{link.Sex}"),
            };
            Assert.InRange(link.Proportion, 0, 1);
            Assert.Equal(Math.Round(link.JointCount), link.JointCount);
            Assert.Equal(baseCount * link.Proportion, link.JointCount, 6);
        }
    }

    [RequiresOnsSourcesFact]
    public void Title_differences_in_the_relationship_table_are_warnings()
    {
        Assert.Equal(27, build.Report.Counts["relationship_title_mismatches"]);
        Assert.Contains(build.Report.Warnings, w => w.Contains("SOC2020 2232") && w.Contains("'Community nurses'"));
        Assert.Contains(build.Report.Warnings, w => w.Contains("SOC2010 1254"));
    }

    [RequiresOnsSourcesFact]
    public void The_release_loads_with_the_core_loader()
    {
        var release = SocRelease.LoadDirectory(build.OutputDirectory);
        Assert.Equal(build.Report.ReleaseId, release.ReleaseId);
        Assert.Equal(1367, release.Extensions.Count);
    }
}
