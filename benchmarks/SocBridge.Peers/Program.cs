using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using SocBridge.Core.Release;

// The peers of `benchmarks/peers.sh`:
//   generate FILE ROWS SEED      the 5-dimension series (year, region, sex, industry, soc2010; decimal employment; unique keys)
//   duckdb SERIES WEIGHTS OUT    the same translation in DuckDB (COPY (SELECT … JOIN … GROUP BY …) TO …)
//   parquet SERIES OUT           the series as Parquet through DuckDB (year INTEGER, text dimensions, employment DOUBLE)
//   verify REFERENCE OUT…        every OUT holds the reference's keys and values (1e-9 × max(1, |value|) per key);
//                                `verify --relative TOL REFERENCE OUT…` checks to TOL × |value| instead; .parquet files are read as Parquet
return args switch
{
    ["generate", var file, var rows, var seed] => Peers.Generate(file, long.Parse(rows, CultureInfo.InvariantCulture), int.Parse(seed, CultureInfo.InvariantCulture)),
    ["duckdb", var series, var weights, var output] => Peers.DuckDb(series, weights, output),
    ["parquet", var series, var output] => Peers.ToParquet(series, output),
    ["verify", "--relative", var tolerance, var reference, .. var outputs] when outputs.Length > 0 =>
        Peers.Verify(reference, outputs, double.Parse(tolerance, CultureInfo.InvariantCulture), relative: true),
    ["verify", var reference, .. var outputs] when outputs.Length > 0 => Peers.Verify(reference, outputs, 1e-9, relative: false),
    _ => Peers.Usage(),
};

internal static class Peers
{
    private static readonly string[] Regions = ["E12000001", "E12000002", "E12000003", "E12000004", "E12000005", "E12000006", "E12000007", "E12000008", "E12000009", "W92000004", "S92000003", "N92000002"];
    private static readonly string[] Sexes = ["men", "women"];
    private const int Years = 10;
    private const int FirstYear = 2015;
    private static readonly string[] KeyColumns = ["year", "region", "sex", "industry", "soc2020"];
    private const string ValueColumn = "employment";

    public static int Usage()
    {
        Console.Error.WriteLine("usage: generate FILE ROWS SEED | duckdb SERIES WEIGHTS OUT | parquet SERIES OUT | verify [--relative TOL] REFERENCE OUT...");
        return 1;
    }

    /// <summary>
    /// Row i is a mixed-radix number over (year, region, sex, industry, code), code fastest, so every key is
    /// distinct and the file arrives grouped by its dimensions; there are as many industries as the size needs.
    /// Employment is a seeded two-decimal figure.
    /// </summary>
    public static int Generate(string path, long rows, int seed)
    {
        var codes = SocRelease.LoadEmbedded().Soc2010.UnitGroups.Select(g => g.Code.ToString()).ToArray();
        long perIndustry = (long)codes.Length * Sexes.Length * Regions.Length * Years;
        var industries = (int)Math.Max(1, (rows + perIndustry - 1) / perIndustry);
        var random = new Random(seed);
        using var w = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        w.Write("year,region,sex,industry,soc2010,employment\n");
        var line = new StringBuilder(64);
        for (long i = 0; i < rows; i++)
        {
            var rest = i;
            var code = (int)(rest % codes.Length); rest /= codes.Length;
            var industry = (int)(rest % industries); rest /= industries;
            var sex = (int)(rest % Sexes.Length); rest /= Sexes.Length;
            var region = (int)(rest % Regions.Length); rest /= Regions.Length;
            var year = FirstYear + (int)rest;
            var cents = random.Next(0, 10_000_000);
            line.Clear()
                .Append(year.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Regions[region]).Append(',')
                .Append(Sexes[sex]).Append(',')
                .Append('I').Append(industry.ToString("D3", CultureInfo.InvariantCulture)).Append(',')
                .Append(codes[code]).Append(',')
                .Append((cents / 100).ToString(CultureInfo.InvariantCulture)).Append('.').Append((cents % 100).ToString("D2", CultureInfo.InvariantCulture))
                .Append('\n');
            w.Write(line);
        }
        Console.WriteLine($"{rows} rows, {industries} industries, {codes.Length} SOC2010 unit groups, seed {seed}");
        return 0;
    }

    /// <summary>The job as a data engineer would write it in DuckDB: one COPY statement, CSV in and out.</summary>
    public static int DuckDb(string series, string weights, string output)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            COPY (
              SELECT s.year, s.region, s.sex, s.industry, w.to_code AS soc2020, SUM(s.employment * w.weight) AS employment
              FROM read_csv('{series}', header = true) s
              JOIN (SELECT from_code, to_code, weight FROM read_csv('{weights}', header = true)) w ON s.soc2010 = w.from_code
              GROUP BY s.year, s.region, s.sex, s.industry, w.to_code
            ) TO '{output}' (HEADER, DELIMITER ',');
            """;
        command.ExecuteNonQuery();
        return 0;
    }

    /// <summary>
    /// The generated series as a data team would keep it in Parquet: years as integers, the other dimensions as
    /// (dictionary-encoded) strings, employment as doubles (parsed from the same two-decimal text as the CSV reader
    /// parses it, so the values are the same doubles), in DuckDB's row groups of 122,880 rows.
    /// </summary>
    public static int ToParquet(string series, string output)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $$"""
            COPY (
              SELECT * FROM read_csv('{{series}}', header = true, columns = {
                'year': 'INTEGER', 'region': 'VARCHAR', 'sex': 'VARCHAR', 'industry': 'VARCHAR', 'soc2010': 'VARCHAR', 'employment': 'DOUBLE'})
            ) TO '{{output}}' (FORMAT parquet);
            """;
        command.ExecuteNonQuery();
        return 0;
    }

    public static int Verify(string reference, string[] outputs, double tolerance, bool relative)
    {
        var expected = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (key, value) in Read(reference))
            if (!expected.TryAdd(key, value)) return Fail($"{reference}: key {key} appears twice");
        var bad = 0;
        foreach (var output in outputs)
        {
            var seen = 0L;
            var worst = 0.0;
            string? problem = null;
            foreach (var (key, value) in Read(output))
            {
                seen++;
                if (!expected.TryGetValue(key, out var want)) { problem ??= $"key {key} is not in the reference"; continue; }
                var difference = Math.Abs(value - want);
                worst = Math.Max(worst, difference);
                if (!(difference <= tolerance * (relative ? Math.Abs(want) : Math.Max(1, Math.Abs(want))))) problem ??= $"key {key}: {value.ToString("R", CultureInfo.InvariantCulture)} but the reference has {want.ToString("R", CultureInfo.InvariantCulture)}";
            }
            if (problem is null && seen != expected.Count) problem = $"{seen} rows but the reference has {expected.Count}";
            if (problem is not null) { bad++; Console.Error.WriteLine($"MISMATCH {output}: {problem}"); }
            else Console.WriteLine($"ok {output}: {seen} rows, largest difference {worst.ToString("G3", CultureInfo.InvariantCulture)}");
        }
        return bad == 0 ? 0 : 1;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("MISMATCH " + message);
        return 1;
    }

    /// <summary>Rows of an output as (year|region|sex|industry|soc2020, employment), by header names; the outputs hold no quoted fields.</summary>
    private static IEnumerable<(string Key, double Value)> Read(string path) =>
        path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase) ? ReadParquet(path) : ReadCsv(path);

    /// <summary>Rows of a Parquet output as <see cref="Read"/> gives them, the dimensions in their text and the values as stored.</summary>
    private static IEnumerable<(string Key, double Value)> ReadParquet(string path)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", KeyColumns.Select(c => $"CAST({c} AS VARCHAR)"))}, {ValueColumn} FROM read_parquet('{path}')";
        using var reader = command.ExecuteReader();
        var key = new StringBuilder(64);
        while (reader.Read())
        {
            key.Clear();
            for (var k = 0; k < KeyColumns.Length; k++) key.Append(reader.GetString(k)).Append('|');
            yield return (key.ToString(), reader.GetDouble(KeyColumns.Length));
        }
    }

    private static IEnumerable<(string Key, double Value)> ReadCsv(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, false, 1 << 20);
        var header = (reader.ReadLine() ?? throw new InvalidDataException($"{path}: empty")).Split(',');
        var keys = KeyColumns.Select(c => Array.IndexOf(header, c) is var i and >= 0 ? i : throw new InvalidDataException($"{path}: no column {c} in {string.Join(',', header)}")).ToArray();
        var value = Array.IndexOf(header, ValueColumn);
        if (value < 0) throw new InvalidDataException($"{path}: no column {ValueColumn}");
        var key = new StringBuilder(64);
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(',');
            key.Clear();
            foreach (var k in keys) key.Append(fields[k]).Append('|');
            yield return (key.ToString(), double.Parse(fields[value], CultureInfo.InvariantCulture));
        }
    }
}
