using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Apportion;

[Collection(ReleaseCollection.Name)]
public sealed class PartitionedRunTests(ReleaseFixture fixture) : IDisposable
{
    private readonly SocRelease _release = fixture.Release;
    private readonly TempDirectory _dir = new();

    private static ApportionOptions Options() => new()
    {
        From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("employment")], Dimensions = ["year", "area_type", "area_name"],
    };

    /// <summary>The APS sample split into one file per year.</summary>
    private string Partitions()
    {
        var folder = Directory.CreateDirectory(_dir.File("by-year")).FullName;
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Samples, "aps_2017_2021_soc2010_submajor.csv"));
        foreach (var year in lines.Skip(1).GroupBy(l => l[..4]))
            File.WriteAllLines(Path.Combine(folder, $"aps_{year.Key}.csv"), [lines[0], .. year]);
        return folder;
    }

    [Fact]
    public void A_folder_of_partitions_translates_to_the_same_rows_as_the_single_file()
    {
        var single = _dir.File("single.csv");
        SeriesFileRunner.Run(_release, new SeriesFileRequest(Path.Combine(RepoPaths.Samples, "aps_2017_2021_soc2010_submajor.csv"), single, Options()));
        var output = _dir.File("out");
        var report = PartitionedRunner.Run(_release, new SeriesFileRequest(Partitions(), output, Options()));
        Assert.Equal(5, report.Partitions.Count);
        Assert.All(report.Partitions, p => Assert.True(p.Result.Reconciliation.Balances));
        var expected = File.ReadAllLines(single);
        var parts = Directory.GetFiles(output, "aps_*.csv").Where(f => !f.EndsWith(".rejects.csv", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(5, parts.Length);
        Assert.All(parts, p => Assert.Equal(expected[0], File.ReadLines(p).First()));
        // Ordered by dimensions (year first), so the partitions in name order are the single file's rows in order.
        Assert.Equal(expected.Skip(1), parts.SelectMany(p => File.ReadLines(p).Skip(1)));
        Assert.Equal(5, Directory.GetFiles(output, "*.meta.json").Length);
        Assert.Empty(Directory.GetDirectories(output));
    }

    [Fact]
    public void A_failing_partition_leaves_the_output_folder_as_it_was()
    {
        var input = Partitions();
        File.WriteAllText(Path.Combine(input, "aps_2099.csv"), "year,area_type,area_name,soc2010,employment\n2099,country,England,9999,5\n");
        var output = Directory.CreateDirectory(_dir.File("out")).FullName;
        File.WriteAllText(Path.Combine(output, "keep.txt"), "earlier");
        Assert.Throws<SeriesRunException>(() => PartitionedRunner.Run(_release, new SeriesFileRequest(input, output, Options())));
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
    }

    [Fact]
    public void An_output_folder_inside_the_input_folder_is_refused()
    {
        var input = Partitions();
        Assert.Throws<RunFileConflictException>(() => PartitionedRunner.Run(_release, new SeriesFileRequest(input, Path.Combine(input, "out"), Options())));
    }

    public void Dispose() => _dir.Dispose();
}
