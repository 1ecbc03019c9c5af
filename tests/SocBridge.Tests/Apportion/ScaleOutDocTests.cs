using System.Globalization;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Cli;
using SocBridge.Core.Classification;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Apportion;

/// <summary>
/// Every SQL block of docs/scale-out.md runs in DuckDB over the committed samples and the weights of
/// `release export`, and gives the engine's output cell for cell, including the sex-specific variant.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed partial class ScaleOutDocTests(ReleaseFixture fixture) : IDisposable
{
    private readonly SocRelease _release = fixture.Release;
    private readonly TempDirectory _dir = new();

    [Fact]
    public void The_scale_out_statements_match_the_engine_cell_for_cell()
    {
        using var connection = RunDocument();

        var lfs = Engine("lfs_2018_soc2010_by_sic2007.csv", new ApportionOptions
        {
            From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("employment")],
        });
        var lfsSql = Query(connection, "SELECT sic2007_class, sic2007_section, soc2020, employment FROM lfs_soc2020", 3);
        AssertSameCells(lfs, ["sic2007_class", "sic2007_section", "soc2020"], ["employment"], lfsSql);

        var sectionC = Query(connection, "SELECT sic2007_class, sic2007_section, soc2020, employment FROM lfs_soc2020_section_c", 3);
        var engineC = lfs.Where(r => r["sic2007_section"] == "C").ToList();
        Assert.NotEmpty(engineC);
        AssertSameCells(engineC, ["sic2007_class", "sic2007_section", "soc2020"], ["employment"], sectionC);

        var ashe = Engine("ashe_2021_soc2010.csv", new ApportionOptions
        {
            From = SocVersion.Soc2010, CodeColumn = "soc2010", SexColumn = "sex",
            Values = [ValueColumn.Count("jobs_thousands"), ValueColumn.Mean("mean", "jobs_thousands")],
            Ignore = ["level", "description", "jobs_flag", "median", "median_flag", "mean_flag"],
        });
        Assert.Contains(ashe, r => r["sex"] == "men");
        var asheSql = Query(connection, "SELECT sex, pay_period, soc2020, jobs_thousands, mean FROM ashe_soc2020", 3);
        AssertSameCells(ashe, ["sex", "pay_period", "soc2020"], ["jobs_thousands", "mean"], asheSql);
    }

    [Fact]
    public void The_reconciliation_conserves_every_partition_and_agrees_with_the_engine()
    {
        using var connection = RunDocument();
        var lfs = Engine("lfs_2018_soc2010_by_sic2007.csv", new ApportionOptions
        {
            From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("employment")],
        });
        var rows = Query(connection, "SELECT sic2007_section, total_in, total_out, without_weights, difference FROM lfs_reconciliation", 1);
        Assert.True(rows.Count > 10);
        foreach (var (key, values) in rows)
        {
            var section = key.Split('|')[0];
            Assert.True(Math.Abs(values[3]) <= 1e-9 * values[0], $"section {section}: difference {values[3]}");
            var engineOut = lfs.Where(r => r["sic2007_section"] == section).Sum(r => double.Parse(r["employment"], CultureInfo.InvariantCulture));
            Assert.Equal(engineOut, values[1], 1e-6 * Math.Max(1, engineOut));
        }
    }

    [Fact]
    public void The_parquet_and_csv_exports_hold_the_same_rows()
    {
        Export("parquet");
        Export("csv");
        var types = string.Join(", ", SocBridge.Reporting.Export.ReleaseExport.WeightColumns.Select(c => $"'{c.Name}': '{c.Type switch
        {
            SocBridge.Reporting.Export.ExportType.Text => "VARCHAR",
            SocBridge.Reporting.Export.ExportType.Integer => "INTEGER",
            SocBridge.Reporting.Export.ExportType.Boolean => "BOOLEAN",
            _ => "DOUBLE",
        }}'"));
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var parquet = $"read_parquet('{_dir.File("weights/weights.parquet")}')";
        var csv = $"read_csv('{_dir.File("weights/weights.csv")}', header = true, columns = {{{types}}})";
        long Scalar(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        var count = Scalar($"SELECT COUNT(*) FROM {parquet}");
        Assert.Equal(SocBridge.Reporting.Export.ReleaseExport.Weights(_release).Rows.Count, count);
        Assert.Equal(count, Scalar($"SELECT COUNT(*) FROM {csv}"));
        Assert.Equal(0, Scalar($"SELECT COUNT(*) FROM (SELECT * FROM {parquet} EXCEPT ALL SELECT * FROM {csv})"));
        Assert.Equal(0, Scalar($"SELECT COUNT(*) FROM (SELECT * FROM {csv} EXCEPT ALL SELECT * FROM {parquet})"));
        Assert.Equal(0, Scalar($"SELECT COUNT(*) FROM (SELECT from_version, level, weights, sex, from_code, SUM(weight) AS total FROM {parquet} GROUP BY ALL) WHERE ABS(total - 1) > 1e-12"));
    }

    /// <summary>The weights as `release export` writes them, through the command line.</summary>
    private void Export(string format)
    {
        using var output = new StringWriter();
        var code = CliApp.Create().Parse(["release", "export", "--format", format, "--out", _dir.File("weights")])
            .Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = output });
        Assert.True(code == 0, output.ToString());
    }

    /// <summary>Runs every ```sql block of the document in order, the paths pointed at the samples and the export.</summary>
    private DuckDBConnection RunDocument()
    {
        Export("parquet");
        var markdown = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "scale-out.md"));
        var blocks = SqlBlock().Matches(markdown).Select(m => m.Groups[1].Value).ToList();
        Assert.True(blocks.Count >= 6, $"{blocks.Count} sql blocks");
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var statements = 0;
        foreach (var block in blocks)
        {
            var sql = block.Replace("'weights/weights.parquet'", $"'{_dir.File("weights/weights.parquet")}'", StringComparison.Ordinal)
                .Replace("'samples/", $"'{RepoPaths.Samples}/", StringComparison.Ordinal);
            foreach (var statement in sql.Split(';').Where(s => s.Trim().Length > 0))
            {
                using var command = connection.CreateCommand();
                command.CommandText = statement;
                command.ExecuteNonQuery();
                statements++;
            }
        }
        Assert.True(statements >= 7);
        return connection;
    }

    /// <summary>The engine's output rows (column → text), run through the file runner as the command does.</summary>
    private List<Dictionary<string, string>> Engine(string sample, ApportionOptions options)
    {
        var output = _dir.File(Path.GetFileNameWithoutExtension(sample) + ".out.csv");
        SeriesFileRunner.Run(_release, new SeriesFileRequest(Path.Combine(RepoPaths.Samples, sample), output, options));
        var lines = File.ReadAllLines(output);
        var header = lines[0].Split(',');
        // The outputs of these samples hold no quoted fields.
        return lines.Skip(1).Select(l => l.Split(',')).Select(f => header.Select((h, i) => (h, f[i])).ToDictionary(x => x.h, x => x.Item2)).ToList();
    }

    /// <summary>Rows of a query: the first <paramref name="keys"/> columns joined by '|', then the rest as numbers (NaN for null).</summary>
    private static Dictionary<string, double[]> Query(DuckDBConnection connection, string sql, int keys)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, double[]>();
        while (reader.Read())
        {
            var key = string.Join("|", Enumerable.Range(0, keys).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)));
            var values = Enumerable.Range(keys, reader.FieldCount - keys).Select(i => reader.IsDBNull(i) ? double.NaN : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture)).ToArray();
            Assert.True(rows.TryAdd(key, values), $"key {key} twice");
        }
        return rows;
    }

    private static void AssertSameCells(List<Dictionary<string, string>> engine, string[] keys, string[] values, Dictionary<string, double[]> sql)
    {
        Assert.Equal(engine.Count, sql.Count);
        foreach (var row in engine)
        {
            var key = string.Join("|", keys.Select(k => row[k]));
            Assert.True(sql.TryGetValue(key, out var got), $"the SQL has no cell {key}");
            for (var i = 0; i < values.Length; i++)
            {
                var text = row[values[i]];
                if (text.Length == 0)
                {
                    Assert.True(double.IsNaN(got![i]), $"{key} {values[i]}: the engine leaves it empty, the SQL gives {got[i]}");
                    continue;
                }
                var want = double.Parse(text, CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(want - got![i]) <= 1e-9 * Math.Max(1, Math.Abs(want)), $"{key} {values[i]}: engine {want}, SQL {got[i]}");
            }
        }
    }

    [GeneratedRegex(@"```sql\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex SqlBlock();

    public void Dispose() => _dir.Dispose();
}
