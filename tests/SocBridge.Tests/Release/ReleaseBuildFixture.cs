using SocBridge.Core.Release;
using SocBridge.Release;

namespace SocBridge.Tests.Release;

/// <summary>
/// Builds the release from the ONS originals once for all tests of the collection (the coding index
/// workbook alone takes a couple of seconds to read) into a temporary folder, removed afterwards.
/// The build runs on first use, so a run where every test is skipped builds nothing.
/// </summary>
public sealed class ReleaseBuildFixture : IDisposable
{
    private readonly Lazy<ReleaseBuildReport> _report;

    public ReleaseBuildFixture()
    {
        OutputDirectory = Path.Combine(Path.GetTempPath(), "socbridge-release-tests-" + Guid.NewGuid().ToString("N"));
        _report = new Lazy<ReleaseBuildReport>(() => ReleaseBuilder.Build(OnsSources.Directory, OutputDirectory));
    }

    public string OutputDirectory { get; }

    public ReleaseBuildReport Report => _report.Value;

    public string PathOf(string file)
    {
        _ = Report;
        return Path.Combine(OutputDirectory, file);
    }

    public TextReader Open(string file) => new StringReader(File.ReadAllText(PathOf(file)));

    internal List<GroupRow> Groups(string file) => ReleaseCsv.ReadGroups(Open(file), file);
    internal List<IndexRow> Index() => ReleaseCsv.ReadIndex(Open(ReleaseFiles.CodingIndex), ReleaseFiles.CodingIndex);
    internal List<ExtensionRow> Extensions() => ReleaseCsv.ReadExtensions(Open(ReleaseFiles.Soc2020Extensions), ReleaseFiles.Soc2020Extensions);
    internal List<RelationshipBaseRow> Bases() => ReleaseCsv.ReadBases(Open(ReleaseFiles.RelationshipBases), ReleaseFiles.RelationshipBases);
    internal List<RelationshipLinkRow> Links() => ReleaseCsv.ReadLinks(Open(ReleaseFiles.RelationshipLinks), ReleaseFiles.RelationshipLinks);
    internal List<RelationshipResidualRow> Residuals() => ReleaseCsv.ReadResiduals(Open(ReleaseFiles.RelationshipResiduals), ReleaseFiles.RelationshipResiduals);
    internal List<DescriptionRecord> Descriptions() =>
        ReleaseJson.ReadDescriptions(File.ReadAllText(PathOf(ReleaseFiles.Soc2020Descriptions)), ReleaseFiles.Soc2020Descriptions);

    public void Dispose()
    {
        if (System.IO.Directory.Exists(OutputDirectory)) System.IO.Directory.Delete(OutputDirectory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ReleaseBuildCollection : ICollectionFixture<ReleaseBuildFixture>
{
    public const string Name = "Release built from the ONS originals";
}
