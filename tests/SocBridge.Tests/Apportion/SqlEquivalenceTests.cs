using System.Globalization;
using DuckDB.NET.Data;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Apportion;

/// <summary>The documented SQL over the exported weights gives the engine's answer, so the job can move to a SQL engine.</summary>
[Collection(ReleaseCollection.Name)]
public sealed class SqlEquivalenceTests(ReleaseFixture fixture) : IDisposable
{
    private readonly SocRelease _release = fixture.Release;
    private readonly TempDirectory _dir = new();

    [Fact]
    public void The_documented_query_in_DuckDB_matches_the_engine_on_a_real_code_series()
    {
        var random = new Random(3);
        var codes = _release.Soc2010.UnitGroups.Select(g => g.Code.ToString()).ToArray();
        var rows = new List<SeriesRow>();
        foreach (var region in new[] { "north", "south" })
            foreach (var year in new[] { "2019", "2020" })
                foreach (var code in codes.Where((_, i) => i % 3 == 0))
                    rows.Add(new SeriesRow([region, year], code,
                        [random.Next(0, 50_000).ToString(CultureInfo.InvariantCulture), (random.Next(15_000, 90_000) / 3.0).ToString("R", CultureInfo.InvariantCulture)]));
        File.WriteAllLines(_dir.File("series.csv"),
            ["soc2010,region,year,jobs,pay", .. rows.Select(r => $"{r.Code},{r.Dimensions[0]},{r.Dimensions[1]},{r.Values[0]},{r.Values[1]}")]);
        using (var weights = new StreamWriter(_dir.File("weights.csv")))
            MappingCsv.Write(weights, _release.Crosswalk.MapAll(SocVersion.Soc2010, SocLevel.Unit, WeightSelection.Default));

        var options = new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("jobs"), ValueColumn.Mean("pay", "jobs")] };
        var engine = SeriesApportioner.Apportion(_release, options, ["region", "year"], rows).Result;
        var expected = engine.Cells.ToDictionary(c => string.Join("|", [.. engine.Dimensions.Tuple(c.Tuple), engine.TargetCodes[c.TargetSlot]]), c => c.Values);

        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "sql", "apportion.sql"))
            .Replace("'weights.csv'", $"'{_dir.File("weights.csv")}'").Replace("'series.csv'", $"'{_dir.File("series.csv")}'");
        var withoutComments = string.Join('\n', script.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        var statements = withoutComments.Split(';').Where(s => s.Trim().Length > 0).ToArray();
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        foreach (var view in statements.Take(2))
        {
            using var create = connection.CreateCommand();
            create.CommandText = view;
            create.ExecuteNonQuery();
        }
        var actual = new Dictionary<string, (double Jobs, double Pay)>();
        using (var query = connection.CreateCommand())
        {
            query.CommandText = statements[2];
            using var reader = query.ExecuteReader();
            while (reader.Read())
                actual[$"{reader.GetString(0)}|{reader.GetValue(1)}|{reader.GetString(2)}"] = (reader.GetDouble(3), reader.IsDBNull(4) ? double.NaN : reader.GetDouble(4));
        }

        Assert.Equal(expected.Count, actual.Count);
        foreach (var (key, values) in expected)
        {
            Assert.True(actual.TryGetValue(key, out var sql), key);
            Assert.Equal(values[0], sql.Jobs, 6);
            if (!double.IsNaN(values[1])) Assert.Equal(values[1], sql.Pay, 6);
        }

        using var reconcile = connection.CreateCommand();
        reconcile.CommandText = statements[3];
        using var totals = reconcile.ExecuteReader();
        Assert.True(totals.Read());
        Assert.Equal(totals.GetDouble(0), totals.GetDouble(1), 3);
    }

    public void Dispose() => _dir.Dispose();
}
