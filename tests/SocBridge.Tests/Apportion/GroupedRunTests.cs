using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Apportion;

/// <summary>
/// A file that arrives grouped by its dimensions is streamed a window at a time; everything it writes must be
/// what reading it whole writes: the same output bytes, rejects, totals and checks. A file that is not
/// grouped is read whole, with the reason recorded.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class GroupedRunTests(ReleaseFixture fixture) : IDisposable
{
    private const long SmallWindow = 2048;
    private readonly SocRelease _release = fixture.Release;
    private readonly TempDirectory _dir = new();

    private static ApportionOptions Options(bool sumDuplicates = false) => new()
    {
        From = SocVersion.Soc2010,
        CodeColumn = "soc2010",
        Values = [ValueColumn.Count("jobs"), ValueColumn.Mean("pay", "jobs")],
        SexColumn = "sex",
        SumDuplicates = sumDuplicates,
    };

    private sealed record Outcome(string Output, string Rejects, SeriesFileReport Report, string Metadata);

    private Outcome Run(string input, string name, ApportionOptions options, bool whole, long window = SmallWindow)
    {
        var output = _dir.File(name + ".csv");
        var report = SeriesFileRunner.Run(_release, new SeriesFileRequest(input, output, options) { WholeFile = whole, WindowBytes = window });
        // Hashes taken while writing (or while putting the tuples in order) are those of the published bytes.
        foreach (var file in report.Files)
        {
            var bytes = File.ReadAllBytes(Path.IsPathRooted(file.Path) ? file.Path : Path.Combine(Path.GetDirectoryName(output)!, file.Path));
            Assert.Equal((Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), (long)bytes.Length), (file.Sha256, file.Bytes));
        }
        return new Outcome(File.ReadAllText(output), File.ReadAllText(_dir.File(name + ".rejects.csv")), report, File.ReadAllText(_dir.File(name + ".meta.json")));
    }

    /// <summary>
    /// Rows by (year, region, sex) tuple, each tuple's rows together; tuples in the given order, codes in a
    /// shuffled order within each. Some rows are bad (an unknown code, a negative count, a missing pay) and
    /// some tuples carry an "All occupations" total row.
    /// </summary>
    private string Write(string name, IReadOnlyList<(int Year, string Region, string Sex)> tuples, int seed, int codesPerTuple = 25)
    {
        var random = new Random(seed);
        var codes = _release.Soc2010.UnitGroups.Select(g => g.Code.ToString()).ToArray();
        var text = new StringBuilder("year,region,sex,soc2010,jobs,pay\n");
        var row = 0;
        foreach (var (year, region, sex) in tuples)
        {
            var picked = codes.OrderBy(_ => random.Next()).Take(codesPerTuple).ToArray();
            double total = 0;
            foreach (var code in picked)
            {
                row++;
                var jobs = random.Next(0, 50_000) / 10.0;
                total += jobs;
                var codeText = row % 97 == 0 ? "9998" : code;
                var jobsText = row % 89 == 0 ? "-5" : jobs.ToString(CultureInfo.InvariantCulture);
                var payText = row % 83 == 0 ? "" : (18_000 + random.Next(0, 40_000)).ToString(CultureInfo.InvariantCulture);
                text.Append(CultureInfo.InvariantCulture, $"{year},{region},{sex},{codeText},{jobsText},{payText}\n");
            }
            if (year % 2 == 0) text.Append(CultureInfo.InvariantCulture, $"{year},{region},{sex},All occupations,{total.ToString(CultureInfo.InvariantCulture)},\n");
        }
        return _dir.Write(name, text.ToString());
    }

    private static List<(int, string, string)> Tuples(int years, params string[] regions) =>
        [.. from y in Enumerable.Range(2015, years) from r in regions from s in new[] { "men", "women" } select (y, r, s)];

    private static void AssertSame(Outcome whole, Outcome streamed)
    {
        Assert.Equal(whole.Output, streamed.Output);
        Assert.Equal(whole.Rejects, streamed.Rejects);
        var (w, s) = (whole.Report.Result.Reconciliation, streamed.Report.Result.Reconciliation);
        Assert.Equal(w with { Columns = [] }, s with { Columns = [] });
        Assert.True(s.Balances);
        foreach (var (a, b) in w.Columns.Zip(s.Columns))
        {
            Assert.Equal(a.Column, b.Column);
            Assert.Equal(a.CellsWithoutValue, b.CellsWithoutValue);
            SeriesFileSupport.AssertClose(a.In, b.In, 1e-12, a.Column + " in");
            SeriesFileSupport.AssertClose(a.Out, b.Out, 1e-12, a.Column + " out");
            SeriesFileSupport.AssertClose(a.Rejected, b.Rejected, 1e-12, a.Column + " rejected");
        }
        Assert.Equal(whole.Report.Result.Cells.Count, streamed.Report.OutputRows);
        Assert.Equal(whole.Report.OutputRows, streamed.Report.OutputRows);
        Assert.Equal(whole.Report.Result.TotalChecks.Select(c => (c.Line, c.Label, c.Column, c.Stated)), streamed.Report.Result.TotalChecks.Select(c => (c.Line, c.Label, c.Column, c.Stated)));
        foreach (var (a, b) in whole.Report.Result.TotalChecks.Zip(streamed.Report.Result.TotalChecks)) SeriesFileSupport.AssertClose(a.DataSum, b.DataSum, 1e-12);
        Assert.Equal(whole.Report.Result.ShareSets.Select(x => (x.Source, x.Requested, x.Used)), streamed.Report.Result.ShareSets.Select(x => (x.Source, x.Requested, x.Used)));
        // Source totals are summed window by window, so they can differ in the last bits, and two equal totals can swap places.
        var wholeTotals = whole.Report.Result.SourceTotals.OrderBy(x => x.Set.Source).ToArray();
        var streamedTotals = streamed.Report.Result.SourceTotals.OrderBy(x => x.Set.Source).ToArray();
        Assert.Equal(wholeTotals.Select(x => x.Set.Source), streamedTotals.Select(x => x.Set.Source));
        foreach (var (a, b) in wholeTotals.Zip(streamedTotals))
            foreach (var (x, y) in a.Totals.Zip(b.Totals)) SeriesFileSupport.AssertClose(x, y, 1e-12, a.Set.Source.ToString());
        Assert.Empty(streamed.Report.Result.Cells);
    }

    [Fact]
    public void A_grouped_file_in_any_tuple_order_streams_to_the_bytes_of_the_whole_run()
    {
        // Regions not in value order (W before S before N), so the streamed tuples must be put in output order.
        var input = Write("grouped.csv", Tuples(6, "E12000001", "W92000004", "S92000003", "N92000002"), seed: 1);
        var whole = Run(input, "whole", Options(), whole: true);
        var streamed = Run(input, "streamed", Options(), whole: false);
        Assert.False(whole.Report.Reading.Streamed);
        Assert.True(streamed.Report.Reading.Windows > 5, $"{streamed.Report.Reading.Windows} windows");
        Assert.True(streamed.Report.Reading.Reordered);
        Assert.True(whole.Report.Result.Reconciliation.RowsRejected > 0 && whole.Report.Result.TotalChecks.Count > 0, "the input has bad rows and total rows");
        AssertSame(whole, streamed);
        Assert.Contains("\"streamed\": true", streamed.Metadata);
        Assert.Contains($"\"output_rows\": {whole.Report.Result.Cells.Count}", streamed.Metadata);
    }

    [Fact]
    public void A_file_in_output_order_streams_without_a_second_copy()
    {
        var input = Write("sorted.csv", Tuples(6, "a", "b", "c"), seed: 2);
        var whole = Run(input, "whole", Options(), whole: true);
        var streamed = Run(input, "streamed", Options(), whole: false);
        Assert.True(streamed.Report.Reading.Streamed);
        Assert.False(streamed.Report.Reading.Reordered);
        AssertSame(whole, streamed);
    }

    [Fact]
    public void Tuples_out_of_order_within_two_windows_are_written_in_order_without_a_second_copy()
    {
        // Each year's regions arrive E, W, S, N; a window holds more than a year, so a window's W and S tuples wait for
        // the next window's N before they are written.
        var input = Write("regions.csv", Tuples(6, "E12000001", "W92000004", "S92000003", "N92000002"), seed: 7);
        var whole = Run(input, "whole", Options(), whole: true);
        var streamed = Run(input, "streamed", Options(), whole: false, window: 12_000);
        Assert.True(streamed.Report.Reading.Windows > 3, $"{streamed.Report.Reading.Windows} windows");
        Assert.False(streamed.Report.Reading.Reordered);
        AssertSame(whole, streamed);
    }

    [Fact]
    public void A_file_whose_tuples_come_back_later_is_read_whole_and_says_why()
    {
        var tuples = Tuples(6, "a", "b");
        tuples.Add(tuples[0]); // the first tuple again at the end, with other codes
        var input = Write("ungrouped.csv", tuples, seed: 3, codesPerTuple: 20);
        var whole = Run(input, "whole", Options(), whole: true);
        var tried = Run(input, "tried", Options(), whole: false);
        Assert.False(tried.Report.Reading.Streamed);
        Assert.Contains("not grouped", tried.Report.Reading.Reason);
        Assert.Contains("not grouped", tried.Metadata);
        Assert.Equal(whole.Output, tried.Output);
        Assert.Equal(whole.Rejects, tried.Rejects);
        // Nothing of the abandoned stream is left beside the outputs.
        Assert.DoesNotContain(Directory.EnumerateFiles(_dir.Path, ".*"), f => true);
    }

    [Fact]
    public void A_repeated_cell_is_rejected_the_same_way_whether_or_not_the_file_is_streamed()
    {
        var path = Write("repeats.csv", Tuples(5, "a", "b"), seed: 4);
        var lines = File.ReadAllLines(path).ToList();
        lines.Insert(30, lines[29]); // a repeated cell inside one tuple
        File.WriteAllLines(path, lines);
        var whole = Run(path, "whole", Options(), whole: true);
        var tried = Run(path, "tried", Options(), whole: false);
        Assert.Contains("duplicate key", tried.Rejects);
        Assert.Equal(whole.Output, tried.Output);
        Assert.Equal(whole.Rejects, tried.Rejects);
    }

    [Fact]
    public void Small_files_and_runs_that_need_every_cell_are_read_whole()
    {
        var input = Write("small.csv", Tuples(1, "a"), seed: 5);
        Assert.False(Run(input, "small-out", Options(), whole: false, window: 1 << 20).Report.Reading.Streamed);
        var big = Write("big.csv", Tuples(6, "a", "b"), seed: 6);
        var audited = SeriesFileRunner.Run(_release, new SeriesFileRequest(big, _dir.File("audited.csv"), Options(), AuditPath: _dir.File("audited.audit.csv")) { WindowBytes = SmallWindow });
        Assert.False(audited.Reading.Streamed);
        Assert.Equal(audited.Result.Cells.Count, audited.OutputRows);
    }

    /// <summary>Any grouped series, any window size, summed duplicates or not: the stream writes what the whole run writes.</summary>
    [Fact]
    public void Streaming_any_grouped_series_in_any_window_gives_the_whole_run()
    {
        var property = Prop.ForAll(
            Gen.Choose(0, 10_000).ToArbitrary(),
            Gen.Choose(300, 6000).ToArbitrary(),
            Gen.Elements(false, true).ToArbitrary(),
            (seed, window, sum) =>
            {
                var random = new Random(seed);
                var regions = Enumerable.Range(0, 1 + random.Next(4)).Select(i => $"r{random.Next(100)}x{i}").ToArray();
                var tuples = Tuples(1 + random.Next(5), regions).OrderBy(_ => random.Next()).ToList();
                var input = Write($"p{seed}.csv", tuples, seed, codesPerTuple: 1 + random.Next(40));
                if (new FileInfo(input).Length <= window * 3 / 2) return true; // too small to stream: covered elsewhere
                var whole = Run(input, $"p{seed}w", Options(sum), whole: true);
                var streamed = Run(input, $"p{seed}s", Options(sum), whole: false, window: window);
                Assert.True(streamed.Report.Reading.Streamed, streamed.Report.Reading.Reason);
                AssertSame(whole, streamed);
                return true;
            });
        property.Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    public void Dispose() => _dir.Dispose();
}
