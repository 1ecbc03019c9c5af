using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Parquet;
using Parquet.Schema;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Apportion;

/// <summary>Parquet in and out: the same series gives the same translation as from CSV, to the last bit.</summary>
[Collection(ReleaseCollection.Name)]
public sealed class ParquetSeriesTests(ReleaseFixture fixture)
{
    private readonly SocRelease _release = fixture.Release;

    private static ApportionOptions Options() => new()
    {
        From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("jobs"), ValueColumn.Flow("change")], Dimensions = ["region", "year"],
    };

    private sealed record Row(string Region, int Year, string Code, double? Jobs, double Change);

    /// <summary>How a test file is laid out: dictionary-encoded strings (as DuckDB and Spark write them) or plain ones, and jobs as a nullable column or not.</summary>
    private sealed record Layout(bool Dictionary, bool NullableJobs);

    private static void WriteParquet(string path, IReadOnlyList<Row> rows, Layout? layout = null, int? groupRows = null)
    {
        layout ??= new Layout(false, false);
        var region = new DataField<string>("region");
        var year = new DataField<int>("year");
        var code = new DataField<string>("soc2010");
        DataField jobs = layout.NullableJobs ? new DataField<double?>("jobs") : new DataField<double>("jobs");
        var change = new DataField<double>("change");
        var options = new ParquetOptions();
        if (layout.Dictionary)
            foreach (var name in new[] { "region", "soc2010" }) options.ColumnEncodingHints[name] = EncodingHint.Dictionary;
        using var stream = File.Create(path);
        var writer = ParquetWriter.CreateAsync(new ParquetSchema(region, year, code, jobs, change), stream, options).GetAwaiter().GetResult();
        // Several row groups, so reading goes group by group and groups are read on several threads.
        foreach (var part in rows.Chunk(groupRows ?? Math.Max(1, (rows.Count + 2) / 3)))
        {
            using var group = writer.CreateRowGroup();
            group.WriteAsync(region, part.Select(r => r.Region).ToArray()).GetAwaiter().GetResult();
            group.WriteAsync<int>(year, part.Select(r => r.Year).ToArray().AsMemory()).GetAwaiter().GetResult();
            group.WriteAsync(code, part.Select(r => r.Code).ToArray()).GetAwaiter().GetResult();
            if (layout.NullableJobs) group.WriteAsync<double>(jobs, part.Select(r => r.Jobs).ToArray().AsMemory()).GetAwaiter().GetResult();
            else group.WriteAsync<double>(jobs, part.Select(r => r.Jobs ?? 0).ToArray().AsMemory()).GetAwaiter().GetResult();
            group.WriteAsync<double>(change, part.Select(r => r.Change).ToArray().AsMemory()).GetAwaiter().GetResult();
        }
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static string Csv(IReadOnlyList<Row> rows) =>
        "region,year,soc2010,jobs,change\n" + string.Concat(rows.Select(r =>
            string.Create(CultureInfo.InvariantCulture, $"{r.Region},{r.Year},{r.Code},{(r.Jobs is { } j ? j.ToString("R", CultureInfo.InvariantCulture) : "")},{r.Change:R}\n")));

    /// <summary>Every row of a Parquet output as CSV-like text, values in round-trip form.</summary>
    private static List<string> ReadParquet(string path)
    {
        using var stream = File.OpenRead(path);
        var reader = ParquetReader.CreateAsync(stream).GetAwaiter().GetResult();
        var fields = reader.Schema.GetDataFields();
        var rows = new List<string>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = (int)group.RowCount;
            var columns = fields.Select(f =>
            {
                if (f.ClrType == typeof(double))
                {
                    var values = new double?[n];
                    group.ReadAsync<double>(f, values.AsMemory()).GetAwaiter().GetResult();
                    return values.Select(v => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "").ToArray();
                }
                var text = new string?[n];
                group.ReadAsync(f, text.AsMemory()).GetAwaiter().GetResult();
                return text.Select(t => t ?? "").ToArray();
            }).ToArray();
            for (var r = 0; r < n; r++) rows.Add(string.Join(',', columns.Select(c => c[r])));
        }
        reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return rows;
    }

    [Fact]
    public void Parquet_in_and_out_equals_the_CSV_path_to_the_last_bit_on_random_series()
    {
        var codes = _release.Soc2010.UnitGroups.Select(g => g.Code.ToString()).Take(60).ToArray();
        var gen = from rows in (from region in Gen.Elements("north", "south", "Ynys Môn")
                                from year in Gen.Choose(2019, 2021)
                                from code in Gen.Elements([.. codes, "9998"])
                                from whole in Gen.Choose(0, 1)
                                from jobs in Gen.Choose(-1_000, 1_000_000)
                                from change in Gen.Choose(-50_000, 50_000)
                                select new Row(region, year, code, whole == 1 ? jobs : jobs / 7.0, change / (whole == 1 ? 1.0 : 3.0))).NonEmptyListOf()
                  select rows.DistinctBy(r => (r.Region, r.Year, r.Code)).ToArray();
        Prop.ForAll(gen.ToArbitrary(), rows => SameAsCsv(rows, null).Label($"{rows.Length} rows")).Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    [Fact]
    public void Dictionary_encoded_strings_and_null_values_read_as_the_CSV_path_reads_their_text()
    {
        var codes = _release.Soc2010.UnitGroups.Select(g => g.Code.ToString()).Take(40).ToArray();
        // Rows grouped by their dimensions as most series are, with missing counts (null in Parquet, empty in CSV).
        var gen = from rows in (from region in Gen.Elements("north", "south", "Ynys Môn", "")
                                from year in Gen.Choose(2019, 2021)
                                from code in Gen.Elements([.. codes, "9998", "1115 Chief executives and senior officials"])
                                from missing in Gen.Choose(0, 5)
                                from jobs in Gen.Choose(-1_000, 1_000_000)
                                from change in Gen.Choose(-50_000, 50_000)
                                select new Row(region, year, code, missing == 0 ? null : jobs / 3.0, change)).NonEmptyListOf()
                  from dictionary in Gen.Elements(true, false)
                  select (Rows: rows.Prepend(new Row("north", 2019, codes[0], 1, 0)).DistinctBy(r => (r.Region, r.Year, r.Code)).OrderBy(r => r.Year).ThenBy(r => r.Region, StringComparer.Ordinal).ToArray(), Dictionary: dictionary);
        Prop.ForAll(gen.ToArbitrary(), c => SameAsCsv(c.Rows, new Layout(c.Dictionary, NullableJobs: true)).Label($"{c.Rows.Length} rows, dictionary {c.Dictionary}"))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(25));
    }

    /// <summary>
    /// The series as CSV and as Parquet, each translated to CSV and the Parquet one to Parquet too: the three outputs
    /// hold the same rows to the last bit, and the rejects (bad codes, negative counts) the same lines, fields and reasons.
    /// </summary>
    private bool SameAsCsv(IReadOnlyList<Row> rows, Layout? layout)
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("in.csv"), Csv(rows), new UTF8Encoding(false));
        WriteParquet(dir.File("in.parquet"), rows, layout);
        SeriesFileRunner.Run(_release, new SeriesFileRequest(dir.File("in.csv"), dir.File("csv.csv"), Options()));
        SeriesFileRunner.Run(_release, new SeriesFileRequest(dir.File("in.parquet"), dir.File("parquet.csv"), Options()));
        SeriesFileRunner.Run(_release, new SeriesFileRequest(dir.File("in.parquet"), dir.File("parquet.parquet"), Options()));
        var csv = File.ReadAllLines(dir.File("csv.csv"));
        var fromParquet = File.ReadAllLines(dir.File("parquet.csv"));
        var parquetOut = ReadParquet(dir.File("parquet.parquet"));
        var sameRejects = File.ReadAllText(dir.File("csv.rejects.csv")) == File.ReadAllText(dir.File("parquet.rejects.csv"));
        return csv.SequenceEqual(fromParquet) && csv.Skip(1).SequenceEqual(parquetOut) && sameRejects;
    }

    [Fact]
    public void A_grouped_Parquet_file_streamed_window_by_window_gives_what_reading_it_whole_gives()
    {
        // Tuples grouped and in output order (region, then year, ordinal) but for neighbouring years swapped, which the run puts
        // in order across window boundaries; bad codes, negative and missing counts among the rows; row groups smaller
        // than a window and cut across tuples.
        var codes = _release.Soc2010.UnitGroups.Select(g => g.Code.ToString()).Take(50).ToArray();
        var random = new Random(14);
        var rows = (from region in new[] { "Ynys Môn", "east", "north", "south" }
                    from year in new[] { 2016, 2015, 2018, 2017, 2020, 2019 }
                    from code in codes.OrderBy(_ => random.Next()).Take(30)
                    let jobs = random.Next(-20, 100_000) / 7.0
                    select new Row(region, year, random.Next(60) == 0 ? "9998" : code, random.Next(40) == 0 ? null : jobs, random.Next(-500, 500))).ToArray();
        using var dir = new TempDirectory();
        WriteParquet(dir.File("in.parquet"), rows, new Layout(Dictionary: true, NullableJobs: true), groupRows: 97);
        File.WriteAllText(dir.File("in.csv"), Csv(rows), new UTF8Encoding(false));
        // 4,096 bytes make windows of 102 rows (about three tuples).
        SeriesFileReport Run(string input, string output, bool whole) =>
            SeriesFileRunner.Run(_release, new SeriesFileRequest(dir.File(input), dir.File(output), Options()) { WholeFile = whole, WindowBytes = 4096 });
        var whole = Run("in.parquet", "whole.parquet", whole: true);
        var streamed = Run("in.parquet", "streamed.parquet", whole: false);
        Run("in.parquet", "whole.csv", whole: true);
        var streamedCsv = Run("in.parquet", "streamed.csv", whole: false);
        var fromCsv = Run("in.csv", "from-csv.parquet", whole: false);
        Assert.False(whole.Reading.Streamed);
        Assert.True(streamed.Reading.Windows > 3, $"{streamed.Reading.Windows} windows; {streamed.Reading.Reason}");
        Assert.True(streamedCsv.Reading.Streamed, streamedCsv.Reading.Reason);
        Assert.True(fromCsv.Reading.Streamed, fromCsv.Reading.Reason);
        // The same bytes: row groups are cut at the same rows however the rows arrive.
        Assert.Equal(File.ReadAllBytes(dir.File("whole.parquet")), File.ReadAllBytes(dir.File("streamed.parquet")));
        Assert.Equal(File.ReadAllBytes(dir.File("whole.parquet")), File.ReadAllBytes(dir.File("from-csv.parquet")));
        Assert.Equal(File.ReadAllText(dir.File("whole.csv")), File.ReadAllText(dir.File("streamed.csv")));
        Assert.Equal(File.ReadAllText(dir.File("whole.rejects.csv")), File.ReadAllText(dir.File("streamed.rejects.csv")));
        Assert.Equal(File.ReadAllLines(dir.File("whole.csv")).Skip(1), ReadParquet(dir.File("streamed.parquet")));
        // Totals are summed window by window, so in another order: equal to rounding.
        foreach (var (a, b) in whole.Result.Reconciliation.Columns.Zip(streamed.Result.Reconciliation.Columns))
            foreach (var (x, y) in new[] { (a.In, b.In), (a.Out, b.Out), (a.Rejected, b.Rejected) })
                Assert.True(Math.Abs(x - y) <= 1e-12 * Math.Max(1, Math.Abs(x)), $"{a.Column}: {x} whole, {y} streamed");
        // The hash recorded for the streamed output is that of its bytes.
        var published = streamed.Files.Single(f => f.Path.EndsWith("streamed.parquet", StringComparison.Ordinal));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(dir.File("streamed.parquet")))), published.Sha256);
    }

    [Fact]
    public void A_Parquet_file_whose_tuples_come_back_is_read_whole_with_the_reason()
    {
        var codes = _release.Soc2010.UnitGroups.Select(g => g.Code.ToString()).Take(40).ToArray();
        var rows = (from pass in new[] { 0, 1 }
                    from year in Enumerable.Range(2015, 4)
                    from code in codes.Skip(pass * 20).Take(20)
                    select new Row("north", year, code, 10 + pass, 1)).ToArray();
        using var dir = new TempDirectory();
        WriteParquet(dir.File("in.parquet"), rows, new Layout(Dictionary: true, NullableJobs: false), groupRows: 50);
        var report = SeriesFileRunner.Run(_release, new SeriesFileRequest(dir.File("in.parquet"), dir.File("out.parquet"), Options()) { WindowBytes = 1024 });
        var whole = SeriesFileRunner.Run(_release, new SeriesFileRequest(dir.File("in.parquet"), dir.File("whole.parquet"), Options()) { WholeFile = true });
        Assert.False(report.Reading.Streamed);
        Assert.Contains("not all together", report.Reading.Reason);
        Assert.Equal(File.ReadAllBytes(dir.File("whole.parquet")), File.ReadAllBytes(dir.File("out.parquet")));
    }

    [Fact]
    public void A_Parquet_file_named_otherwise_and_a_non_Parquet_file_named_parquet_are_refused_with_what_to_do()
    {
        using var dir = new TempDirectory();
        WriteParquet(dir.File("in.csv"), [new Row("north", 2020, "2136", 10, 1)]);
        var e = Assert.Throws<InvalidDataException>(() => SeriesFileRunner.Run(_release, new SeriesFileRequest(dir.File("in.csv"), dir.File("out.csv"), Options())));
        Assert.Contains("Parquet file; give it the extension .parquet", e.Message);
        File.WriteAllText(dir.File("text.parquet"), "region,year,soc2010,jobs,change\n");
        e = Assert.Throws<InvalidDataException>(() => SeriesFileRunner.Run(_release, new SeriesFileRequest(dir.File("text.parquet"), dir.File("out.csv"), Options())));
        Assert.Contains("not a Parquet file", e.Message);
        Assert.False(File.Exists(dir.File("out.csv")));
    }
}
