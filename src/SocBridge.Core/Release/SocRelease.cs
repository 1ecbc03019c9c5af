using System.Text;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Index;

namespace SocBridge.Core.Release;

/// <summary>
/// A loaded, verified crosswalk release: both SOC hierarchies, the SOC2020 descriptions and
/// extension codes, the coding index and the crosswalk graph. Every file is checked against the
/// manifest before it is parsed; the descriptions, extensions and coding index are read, checked and
/// parsed on first use, since translating a series needs only the hierarchies and the graph. Immutable
/// and safe to share between threads.
/// </summary>
public sealed class SocRelease
{
    private readonly Lazy<IReadOnlyDictionary<SocCode, DescriptionRecord>> _descriptions;
    private readonly Lazy<IReadOnlyList<ExtensionRow>> _extensions;
    private readonly Lazy<CodingIndex> _index;

    private SocRelease(
        ReleaseManifest manifest, string location, SocHierarchy soc2010, SocHierarchy soc2020,
        Func<IReadOnlyDictionary<SocCode, DescriptionRecord>> descriptions, Func<IReadOnlyList<ExtensionRow>> extensions,
        Func<CodingIndex> index, CrosswalkGraph crosswalk)
    {
        Manifest = manifest;
        Location = location;
        Soc2010 = soc2010;
        Soc2020 = soc2020;
        _descriptions = new(descriptions, LazyThreadSafetyMode.ExecutionAndPublication);
        _extensions = new(extensions, LazyThreadSafetyMode.ExecutionAndPublication);
        _index = new(index, LazyThreadSafetyMode.ExecutionAndPublication);
        Crosswalk = crosswalk;
    }

    /// <summary>The manifest: provenance, licence, hashes and row counts.</summary>
    public ReleaseManifest Manifest { get; }
    /// <summary>Where the release was loaded from (a folder, or the assembly it is embedded in).</summary>
    public string Location { get; }
    /// <summary>The release's identifier, from the manifest.</summary>
    public string ReleaseId => Manifest.ReleaseId;
    /// <summary>The SOC2010 hierarchy.</summary>
    public SocHierarchy Soc2010 { get; }
    /// <summary>The SOC2020 hierarchy.</summary>
    public SocHierarchy Soc2020 { get; }
    /// <summary>The ONS Volume 1 descriptions of SOC2020 groups, all levels; read and verified on first use.</summary>
    /// <exception cref="ReleaseIntegrityException">The descriptions file is missing, unlisted or altered.</exception>
    public IReadOnlyDictionary<SocCode, DescriptionRecord> Descriptions => _descriptions.Value;
    /// <summary>The SOC2020 sub-unit (extension) codes; read and verified on first use.</summary>
    /// <exception cref="ReleaseIntegrityException">The extensions file is missing, unlisted or altered.</exception>
    public IReadOnlyList<ExtensionRow> Extensions => _extensions.Value;
    /// <summary>The ONS coding index; read and verified on first use.</summary>
    /// <exception cref="ReleaseIntegrityException">The coding index file is missing, unlisted or altered.</exception>
    public CodingIndex Index => _index.Value;
    /// <summary>The weighted graph between the editions.</summary>
    public CrosswalkGraph Crosswalk { get; }

    /// <summary>The hierarchy of <paramref name="version"/>.</summary>
    /// <param name="version">An edition.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="version"/> is not an edition.</exception>
    public SocHierarchy Hierarchy(SocVersion version) => version.Select(Soc2010, Soc2020);

    /// <summary>Loads the release compiled into the library: see <see cref="Load"/>.</summary>
    /// <exception cref="ReleaseIntegrityException">The embedded release is missing or does not match its manifest.</exception>
    public static SocRelease LoadEmbedded() => Load(new EmbeddedReleaseSource());

    /// <summary>Loads the release in a folder, such as one written by <c>socbridge release build</c>: see <see cref="Load"/>.</summary>
    /// <param name="directory">The folder.</param>
    /// <exception cref="ReleaseIntegrityException">A file is missing, unlisted or does not match the manifest.</exception>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is not a valid path.</exception>
    public static SocRelease LoadDirectory(string directory) => Load(new DirectoryReleaseSource(directory));

    /// <summary>
    /// Reads the manifest and parses the release. Every file is checked against its SHA-256 in the manifest
    /// before a byte of it is parsed: the hierarchies and the relationship table now, since every command
    /// needs them; the descriptions, extension codes and coding index when first used, so a command that
    /// never touches them does not pay for hashing and parsing 3.6 MB. An edited, corrupted or missing file
    /// is refused with <see cref="ReleaseIntegrityException"/> naming it, whenever it is first read.
    /// </summary>
    /// <param name="source">Where the release files are.</param>
    /// <exception cref="ReleaseIntegrityException">A file is missing, unlisted, altered or malformed.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public static SocRelease Load(IReleaseSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var manifest = ReleaseVerifier.ReadManifest(source);
        ReleaseVerifier.CheckListed(source, manifest);
        var verified = new VerifiedSource(source, manifest);
        TextReader Text(string file) => new StringReader(Encoding.UTF8.GetString(verified.TryRead(file)));
        string Name(string file) => Path.Combine(source.Location, file);

        var soc2010 = BuildHierarchy(SocVersion.Soc2010, ReleaseCsv.ReadGroups(Text(ReleaseFiles.Soc2010Groups), Name(ReleaseFiles.Soc2010Groups)), Name(ReleaseFiles.Soc2010Groups));
        var soc2020 = BuildHierarchy(SocVersion.Soc2020, ReleaseCsv.ReadGroups(Text(ReleaseFiles.Soc2020Groups), Name(ReleaseFiles.Soc2020Groups)), Name(ReleaseFiles.Soc2020Groups));

        IReadOnlyDictionary<SocCode, DescriptionRecord> Descriptions() =>
            ReleaseJson.ReadDescriptions(Text(ReleaseFiles.Soc2020Descriptions).ReadToEnd(), Name(ReleaseFiles.Soc2020Descriptions))
                .ToDictionary(d => SocCode.Parse(d.Code, SocVersion.Soc2020));
        var indexFile = Name(ReleaseFiles.CodingIndex);
        CodingIndex Index() => new(ReleaseCsv.ReadIndex(Text(ReleaseFiles.CodingIndex), indexFile).Select(r => new CodingIndexEntry(
            r.Id, r.RecordNumber, r.DefaultFlag,
            OptionalCode(r.Soc2010, SocVersion.Soc2010, indexFile, r.Id), OptionalCode(r.Soc2020, SocVersion.Soc2020, indexFile, r.Id),
            r.Soc2020Ext, r.Isco08, r.Title, r.IndexedTitle, r.AdditionalQualifier, r.IndustryQualifier, r.See,
            r.IsSeeReference, r.SeeTargetId, r.VersionNumber, r.Change)));

        var table = RelationshipTableReader.Read(verified, soc2010, soc2020);
        var graph = new CrosswalkGraph(table, soc2010, soc2020);
        return new SocRelease(manifest, source.Location, soc2010, soc2020,
            Descriptions, () => ReleaseCsv.ReadExtensions(Text(ReleaseFiles.Soc2020Extensions), Name(ReleaseFiles.Soc2020Extensions)), Index, graph);
    }

    /// <summary>A release source whose every read is checked against the manifest.</summary>
    private sealed class VerifiedSource(IReleaseSource source, ReleaseManifest manifest) : IReleaseSource
    {
        public string Location => source.Location;

        public byte[] TryRead(string file) => ReleaseVerifier.ReadVerified(source, manifest, file);
    }

    private static SocHierarchy BuildHierarchy(SocVersion version, List<GroupRow> rows, string file) =>
        new(version, rows.Select(r => (Code(r.Code, version, file, r.Code), r.Title, r.DisplayTitle)));

    private static SocCode Code(string text, SocVersion version, string file, string row) =>
        SocCode.TryParse(text, version, out var code, out var error)
            ? code
            : throw new ReleaseIntegrityException(file, $"row {row}: {error}");

    private static SocCode? OptionalCode(string text, SocVersion version, string file, string row) =>
        text.Length == 0 ? null : Code(text, version, file, row);

    /// <summary>
    /// Pairs (SOC2010, SOC2020) that coded index entries carry but the relationship table gives no
    /// pooled weight — either unlisted or listed with zero records in every sample.
    /// </summary>
    /// <exception cref="ReleaseIntegrityException">The coding index file is missing, unlisted or altered.</exception>
    public IReadOnlyList<IndexCrosswalkGap> IndexPairsWithoutWeight()
    {
        var pooled = new WeightSelection(WeightSet.Pooled, SexSet.All);
        return Index.Entries
            .Where(e => e.Soc2010 is not null && e.Soc2020 is not null)
            .GroupBy(e => (e.Soc2010!.Value, e.Soc2020!.Value))
            .Select(g =>
            {
                var listed = Crosswalk.LinksWithin(g.Key.Item1).Any(l => l.Soc2020 == g.Key.Item2);
                var joint = Crosswalk.JointCount(g.Key.Item1, g.Key.Item2, pooled);
                return (g, listed, joint);
            })
            .Where(x => x.joint <= 0)
            .Select(x => new IndexCrosswalkGap(x.g.Key.Item1, x.g.Key.Item2, x.listed, x.g.Count(), x.g.Select(e => e.Id).Order(StringComparer.Ordinal).ToArray()))
            .OrderBy(x => x.Soc2010).ThenBy(x => x.Soc2020)
            .ToArray();
    }
}

/// <summary>A SOC2010→SOC2020 pair used by coding index entries but carrying no weight in the relationship table.</summary>
/// <param name="Soc2010">The SOC2010 unit group.</param>
/// <param name="Soc2020">The SOC2020 unit group.</param>
/// <param name="ListedInTable">Whether the table lists the pair (with zero records in every sample).</param>
/// <param name="IndexEntries">How many index entries carry the pair.</param>
/// <param name="EntryIds">Their ids, in ordinal order.</param>
public sealed record IndexCrosswalkGap(SocCode Soc2010, SocCode Soc2020, bool ListedInTable, int IndexEntries, IReadOnlyList<string> EntryIds);
