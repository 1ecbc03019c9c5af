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

    private sealed record Row(string Region, int Year, string Code, double Jobs, double Change);

    private static void WriteParquet(string path, IReadOnlyList<Row> rows)
    {
        var region = new DataField<string>("region");
        var year = new DataField<int>("year");
        var code = new DataField<string>("soc2010");
        var jobs = new DataField<double>("jobs");
        var change = new DataField<double>("change");
        using var stream = File.Create(path);
        var writer = ParquetWriter.CreateAsync(new ParquetSchema(region, year, code, jobs, change), stream).GetAwaiter().GetResult();
        // Several row groups, so reading goes group by group and groups are read on several threads.
        foreach (var part in rows.Chunk(Math.Max(1, (rows.Count + 2) / 3)))
        {
            using var group = writer.CreateRowGroup();
            group.WriteAsync(region, part.Select(r => r.Region).ToArray()).GetAwaiter().GetResult();
            group.WriteAsync<int>(year, part.Select(r => r.Year).ToArray().AsMemory()).GetAwaiter().GetResult();
            group.WriteAsync(code, part.Select(r => r.Code).ToArray()).GetAwaiter().GetResult();
            group.WriteAsync<double>(jobs, part.Select(r => r.Jobs).ToArray().AsMemory()).GetAwaiter().GetResult();
            group.WriteAsync<double>(change, part.Select(r => r.Change).ToArray().AsMemory()).GetAwaiter().GetResult();
        }
        writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static string Csv(IReadOnlyList<Row> rows) =>
        "region,year,soc2010,jobs,change\n" + string.Concat(rows.Select(r =>
            string.Create(CultureInfo.InvariantCulture, $"{r.Region},{r.Year},{r.Code},{r.Jobs:R},{r.Change:R}\n")));

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
        Prop.ForAll(gen.ToArbitrary(), rows =>
        {
            using var dir = new TempDirectory();
            File.WriteAllText(dir.File("in.csv"), Csv(rows), new UTF8Encoding(false));
            WriteParquet(dir.File("in.parquet"), rows);
            SeriesFileRunner.Run(_release, new SeriesFileRequest(dir.File("in.csv"), dir.File("csv.csv"), Options()));
            SeriesFileRunner.Run(_release, new SeriesFileRequest(dir.File("in.parquet"), dir.File("parquet.csv"), Options()));
            SeriesFileRunner.Run(_release, new SeriesFileRequest(dir.File("in.parquet"), dir.File("parquet.parquet"), Options()));
            var csv = File.ReadAllLines(dir.File("csv.csv"));
            var fromParquet = File.ReadAllLines(dir.File("parquet.csv"));
            var parquetOut = ReadParquet(dir.File("parquet.parquet"));
            // Bad codes and negative counts are rejected with the same line numbers, fields and reasons.
            var sameRejects = File.ReadAllText(dir.File("csv.rejects.csv")) == File.ReadAllText(dir.File("parquet.rejects.csv"));
            return (csv.SequenceEqual(fromParquet) && csv.Skip(1).SequenceEqual(parquetOut) && sameRejects).Label($"{rows.Length} rows");
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(25));
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
