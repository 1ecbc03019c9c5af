using SocBridge.Core.Release;
using SocBridge.Release.Index;
using SocBridge.Release.Manifest;
using SocBridge.Release.Output;
using SocBridge.Release.Relationships;
using SocBridge.Release.Sources;
using SocBridge.Release.Validation;
using SocBridge.Release.Workbook;

namespace SocBridge.Release;

/// <summary>
/// Builds a crosswalk release from the original ONS files: reads and checks each source, writes the
/// normalised data files and a manifest with their hashes. The output depends only on the source bytes,
/// so building twice gives byte-identical files.
/// </summary>
public static class ReleaseBuilder
{
    /// <summary>Group counts per level (major, sub-major, minor, unit) of the two classifications.</summary>
    internal static readonly int[] Soc2010Levels = [9, 25, 90, 369];
    internal static readonly int[] Soc2020Levels = [9, 26, 104, 412];

    /// <summary>Entries of the coding index edition this importer was written for (Version 12, 16 April 2025).</summary>
    internal const int ExpectedIndexEntries = 32_195;

    /// <summary>The coding index edition this importer was written for, as its Information sheet names it.</summary>
    internal const string ExpectedIndexEdition = "Version 12, 16 April 2025";

    /// <summary>Reads the ONS originals in <paramref name="sourceDir"/> and writes the release into <paramref name="outDir"/>.</summary>
    /// <exception cref="OnsSourceException">A source is missing or not as expected.</exception>
    public static ReleaseBuildReport Build(string sourceDir, string outDir)
    {
        var warnings = new List<string>();
        // Another edition of the coding index or Volume 1 is read when its layout is recognised; how it
        // differs (hash, entry count, edition) is a warning, kept with the source in the manifest.
        var sourceWarnings = OnsSourceCatalog.All.ToDictionary(s => s, _ => new List<string>());

        var soc2010 = ReadSoc2010(sourceDir);
        var indexBook = ExcelWorkbook.Load(PathOf(sourceDir, OnsSourceCatalog.CodingIndex),
            [Soc2020FrameworkReader.SheetName, CodingIndexReader.SheetName], [IndexEdition.SheetName]);
        var indexEdition = IndexEdition.Read(indexBook.GetValueOrDefault(IndexEdition.SheetName));
        var soc2020 = ReadSoc2020(sourceDir, indexBook, warnings);
        var index = ReadCodingIndex(indexBook, indexEdition, soc2010, soc2020, warnings, sourceWarnings[OnsSourceCatalog.CodingIndex]);
        var relationships = ReadRelationships(sourceDir, soc2010, soc2020, warnings);

        var files = Render(soc2010, soc2020, index, relationships);
        var counts = Count(soc2010, soc2020, index, relationships);
        var sources = OnsSourceCatalog.All.Select(s => Describe(sourceDir, s, sourceWarnings[s],
            s == OnsSourceCatalog.CodingIndex ? indexEdition : null, s == OnsSourceCatalog.Volume1 ? $"{soc2020.Descriptions.Count} described groups" : null)).ToList();
        foreach (var source in sources)
            foreach (var w in source.Warnings ?? []) warnings.Add($"{source.File}: {w}");
        var outputs = files.Select(f => new OutputFile(f.File, f.Sha256, f.Rows)).ToList();
        var manifest = ManifestWriter.Create(sources, outputs, counts);

        Directory.CreateDirectory(outDir);
        foreach (var file in files) ReleaseWriter.Write(outDir, file);
        ReleaseWriter.Write(outDir, RenderedFile.Json(ReleaseFiles.Manifest, 0, manifest.ToJson()));

        return new ReleaseBuildReport(manifest.ReleaseId, Path.GetFullPath(outDir), outputs, manifest.Counts, warnings);
    }

    /// <summary>The groups of one classification, in release order and by code.</summary>
    private sealed record Hierarchy(List<GroupRow> Rows, Dictionary<string, GroupRow> ByCode)
    {
        public static Hierarchy Of(List<GroupRow> rows) => new(rows, rows.ToDictionary(g => g.Code, StringComparer.Ordinal));
    }

    /// <summary>The SOC2020 hierarchy with the Volume 1 descriptions of its groups.</summary>
    private sealed record Soc2020Sources(Hierarchy Groups, List<DescriptionRecord> Descriptions);

    /// <summary>The coding index with its see-references resolved, and the sub-unit (extension) groups it defines.</summary>
    private sealed record IndexSources(List<IndexRow> Entries, int SeeResolved, List<ExtensionRow> Extensions);

    private static Hierarchy ReadSoc2010(string sourceDir) =>
        Hierarchy.Of(GroupHierarchy.Build("SOC2010", Soc2010StructureReader.Read(PathOf(sourceDir, OnsSourceCatalog.Soc2010Structure)), Soc2010Levels));

    /// <summary>The SOC2020 framework of the coding index workbook, with display titles and descriptions from Volume 1.</summary>
    private static Soc2020Sources ReadSoc2020(string sourceDir, IReadOnlyDictionary<string, Sheet> indexBook, List<string> warnings)
    {
        var volume1 = ExcelWorkbook.Load(PathOf(sourceDir, OnsSourceCatalog.Volume1), Volume1DescriptionsReader.SheetName);
        var descriptionRows = Volume1DescriptionsReader.Read(volume1[Volume1DescriptionsReader.SheetName]);
        var volume1Titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (record, location) in descriptionRows)
            if (!volume1Titles.TryAdd(record.Code, record.Title))
                throw location.Error(record.Code, "each SOC2020 code once in the Volume 1 descriptions");

        var soc2020 = Hierarchy.Of(GroupHierarchy.Build("SOC2020",
            Soc2020FrameworkReader.Read(indexBook[Soc2020FrameworkReader.SheetName]), Soc2020Levels,
            g => volume1Titles.TryGetValue(g.Code, out var title) ? title : Text.DisplayTitle.For(g.Title)));
        foreach (var group in soc2020.Rows)
            if (volume1Titles.TryGetValue(group.Code, out var v1) && !string.Equals(v1, group.Title, StringComparison.OrdinalIgnoreCase))
                warnings.Add($"SOC2020 {group.Code}: the coding index framework titles it '{group.Title}' but Volume 1 '{v1}'; display_title uses Volume 1");

        foreach (var (record, location) in descriptionRows)
            if (!soc2020.ByCode.TryGetValue(record.Code, out var group) || group.Level != record.Level)
                throw location.Error(record.Code, "a group of the SOC2020 framework");
        foreach (var group in soc2020.Rows.Where(g => !volume1Titles.ContainsKey(g.Code)))
            warnings.Add($"{OnsSourceCatalog.Volume1.FileName}: SOC2020 group {group.Code} '{group.Title}' has no description");
        return new Soc2020Sources(soc2020, descriptionRows.Select(d => d.Record).OrderBy(d => d.Code, StringComparer.Ordinal).ToList());
    }

    /// <summary>The coding index, checked against both hierarchies, its sub-unit groups and its see-references resolved.</summary>
    private static IndexSources ReadCodingIndex(IReadOnlyDictionary<string, Sheet> indexBook, string? indexEdition, Hierarchy soc2010,
        Soc2020Sources soc2020, List<string> warnings, List<string> indexWarnings)
    {
        var sourceEntries = CodingIndexReader.Read(indexBook[CodingIndexReader.SheetName], warnings);
        CheckIndex(sourceEntries, soc2010.ByCode, soc2020.Groups.ByCode);
        if (sourceEntries.Count != ExpectedIndexEntries)
            indexWarnings.Add(
                $"{sourceEntries.Count:N0} index entries, not the {ExpectedIndexEntries:N0} of {ExpectedIndexEdition}; the workbook says it is {indexEdition ?? "an edition it does not name"}");
        var extensions = ExtensionCatalog.Build(sourceEntries, soc2020.Groups.ByCode, warnings);
        var index = SeeReferenceResolver.Resolve(
            sourceEntries.Select(e => e.Row).OrderBy(e => e.RecordNumber).ToList(), out var seeResolved);
        return new IndexSources(index, seeResolved, extensions);
    }

    /// <summary>The relationship table, which must give every SOC2010 unit group a block.</summary>
    private static RelationshipTables ReadRelationships(string sourceDir, Hierarchy soc2010, Soc2020Sources soc2020, List<string> warnings)
    {
        var relationshipBook = ExcelWorkbook.Load(PathOf(sourceDir, OnsSourceCatalog.RelationshipTables), RelationshipWorkbookReader.SheetName);
        var relationshipGroups = RelationshipWorkbookReader.Read(relationshipBook[RelationshipWorkbookReader.SheetName]);
        var relationships = RelationshipTableBuilder.Build(relationshipGroups, soc2010.ByCode, soc2020.Groups.ByCode, warnings);
        var inTable = relationshipGroups.Select(r => r.Soc2010).ToHashSet(StringComparer.Ordinal);
        var missing = soc2010.Rows.Where(g => g.Level == 4 && !inTable.Contains(g.Code)).Select(g => g.Code).ToList();
        if (missing.Count > 0)
            throw new OnsSourceException(OnsSourceCatalog.RelationshipTables.FileName, RelationshipWorkbookReader.SheetName, null, "A",
                string.Join(", ", missing), "every SOC2010 unit group to have a block in the relationship table");
        return relationships;
    }

    /// <summary>Every data file of the release, rendered (with its hash) in the order of <see cref="ReleaseFiles.DataFiles"/>.</summary>
    private static List<RenderedFile> Render(Hierarchy soc2010, Soc2020Sources soc2020, IndexSources index, RelationshipTables relationships)
    {
        var files = new List<RenderedFile>
        {
            RenderedFile.Csv(ReleaseFiles.Soc2010Groups, soc2010.Rows.Count, w => ReleaseFileWriter.Write(w, soc2010.Rows)),
            RenderedFile.Csv(ReleaseFiles.Soc2020Groups, soc2020.Groups.Rows.Count, w => ReleaseFileWriter.Write(w, soc2020.Groups.Rows)),
            RenderedFile.Json(ReleaseFiles.Soc2020Descriptions, soc2020.Descriptions.Count, ReleaseFileWriter.WriteDescriptions(soc2020.Descriptions)),
            RenderedFile.Csv(ReleaseFiles.Soc2020Extensions, index.Extensions.Count, w => ReleaseFileWriter.Write(w, index.Extensions)),
            RenderedFile.Csv(ReleaseFiles.CodingIndex, index.Entries.Count, w => ReleaseFileWriter.Write(w, index.Entries)),
            RenderedFile.Csv(ReleaseFiles.RelationshipBases, relationships.Bases.Count, w => ReleaseFileWriter.Write(w, relationships.Bases)),
            RenderedFile.Csv(ReleaseFiles.RelationshipLinks, relationships.Links.Count, w => ReleaseFileWriter.Write(w, relationships.Links)),
            RenderedFile.Csv(ReleaseFiles.RelationshipResiduals, relationships.Residuals.Count, w => ReleaseFileWriter.Write(w, relationships.Residuals)),
        };
        if (!files.Select(f => f.File).SequenceEqual(ReleaseFiles.DataFiles))
            throw new InvalidOperationException("release files are rendered in a different order than ReleaseFiles.DataFiles");
        return files;
    }

    /// <summary>The counts the manifest records, under their manifest keys.</summary>
    private static Dictionary<string, int> Count(Hierarchy soc2010, Soc2020Sources soc2020, IndexSources index, RelationshipTables relationships)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        AddLevelCounts(counts, "soc2010", soc2010.Rows);
        AddLevelCounts(counts, "soc2020", soc2020.Groups.Rows);
        counts["soc2020_descriptions"] = soc2020.Descriptions.Count;
        counts["soc2020_extensions"] = index.Extensions.Count;
        counts["index_entries"] = index.Entries.Count;
        counts["index_see_references"] = index.Entries.Count(e => e.IsSeeReference);
        counts["index_see_resolved"] = index.SeeResolved;
        counts["index_soc2010_soc2020_pairs"] = index.Entries.Where(e => e.Soc2010.Length > 0 && e.Soc2020.Length > 0)
            .Select(e => (e.Soc2010, e.Soc2020)).Distinct().Count();
        counts["relationship_groups"] = relationships.Bases.Count;
        counts["relationship_child_rows"] = relationships.ChildRows;
        counts["relationship_link_rows"] = relationships.Links.Count;
        counts["relationship_residual_rows"] = relationships.Residuals.Count;
        counts["relationship_groups_with_residual"] = relationships.GroupsWithResidual;
        counts["relationship_title_mismatches"] = relationships.TitleMismatches;
        counts["relationship_joint_counts_not_whole"] = relationships.NonWholeJointCounts;
        counts["one_to_one_groups"] = relationships.OneToOneGroups;
        counts["max_fan_out"] = relationships.MaxFanOut;
        counts["max_fan_in"] = relationships.MaxFanIn;
        counts["lfs_base_total"] = relationships.LfsBaseTotal;
        counts["census_base_total"] = relationships.CensusBaseTotal;
        return counts;
    }

    private static void AddLevelCounts(Dictionary<string, int> counts, string prefix, IReadOnlyList<GroupRow> groups)
    {
        for (var level = 1; level <= 4; level++)
            counts[$"{prefix}_{GroupHierarchy.LevelNames[level - 1]}"] = groups.Count(g => g.Level == level);
    }

    private static void CheckIndex(
        IReadOnlyList<SourceIndexEntry> entries,
        IReadOnlyDictionary<string, GroupRow> soc2010,
        IReadOnlyDictionary<string, GroupRow> soc2020)
    {
        var ids = new Dictionary<string, SourceIndexEntry>(StringComparer.Ordinal);
        var recnos = new Dictionary<int, SourceIndexEntry>();
        foreach (var e in entries)
        {
            if (!ids.TryAdd(e.Row.Id, e))
                throw e.Location.Error(e.Row.Id, $"a unique ID (also used at {ids[e.Row.Id].Location})");
            if (!recnos.TryAdd(e.Row.RecordNumber, e))
                throw e.Location.Error(e.Row.RecordNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    $"a unique RECNO (also used at {recnos[e.Row.RecordNumber].Location})");
            if (e.Row.Soc2010.Length > 0 && !(soc2010.TryGetValue(e.Row.Soc2010, out var g10) && g10.Level == 4))
                throw e.Soc2010Location.Error(e.Row.Soc2010, "SOC_2010 to be one of the 369 SOC2010 unit groups");
            if (e.Row.Soc2020.Length > 0 && !(soc2020.TryGetValue(e.Row.Soc2020, out var g20) && g20.Level == 4))
                throw e.Soc2020Location.Error(e.Row.Soc2020, "SOC_2020 to be one of the 412 SOC2020 unit groups");
        }
    }

    private static string PathOf(string sourceDir, OnsSource source)
    {
        var path = Path.Combine(sourceDir, source.FileName);
        if (!File.Exists(path))
            throw new OnsSourceException(source.FileName, null, null, null, null, $"the file to exist in {Path.GetFullPath(sourceDir)}");
        return path;
    }

    private static SourceFile Describe(string sourceDir, OnsSource source, List<string> warnings, string? edition, string? contents)
    {
        var bytes = File.ReadAllBytes(PathOf(sourceDir, source));
        var sha = ReleaseVerifier.Sha256Hex(bytes);
        var title = source.Title;
        if (sha != source.ExpectedSha256)
        {
            var found = edition is not null ? $"the workbook names its edition '{edition}'"
                : contents is not null ? $"the workbook has no version sheet; it holds {contents}"
                : "check the file is the same ONS edition";
            warnings.Insert(0, $"SHA-256 is {sha}, not the {source.ExpectedSha256} of the edition this importer was written for; {found}");
            if (edition is not null && edition != ExpectedIndexEdition) title = $"{source.Title[..source.Title.IndexOf(" (", StringComparison.Ordinal)]} ({edition})";
        }
        return new SourceFile(source.FileName, title, source.Url, bytes.LongLength, sha, warnings.Count > 0 ? warnings : null);
    }
}
