using System.Text.Json;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Cli;

public class LookupAndMapCommandTests
{
    [Fact]
    public void Map_json_gives_the_pooled_weights_and_says_which_weights_were_used()
    {
        var run = CliRunner.Invoke("map", "2136", "--from", "2010", "--to", "2020", "--weights", "pooled", "--format", "json");
        Assert.Equal(0, run.Exit);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal("pooled", root.GetProperty("requested").GetProperty("weights").GetString());
        Assert.Equal("all", root.GetProperty("requested").GetProperty("sex").GetString());
        Assert.Equal("pooled", root.GetProperty("used").GetProperty("weights").GetString());
        Assert.False(root.GetProperty("fallback").GetBoolean());
        var targets = root.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!, t => t.GetProperty("weight").GetDouble());
        Assert.Equal(0.9937, targets["2134"], 4);
        Assert.Equal(0.0040, targets["2141"], 4);
        Assert.Equal(0.0023, targets["3543"], 4);
    }

    [Fact]
    public void Map_shows_the_default_weights_in_every_output()
    {
        var table = CliRunner.Invoke("map", "2136");
        Assert.Equal(0, table.Exit);
        Assert.Contains("weights: lfs, sex: all (default)", table.Out);

        var csv = CliRunner.Invoke("map", "2134", "--from", "2020", "--format", "csv");
        var lines = csv.Out.TrimEnd().Split('\n');
        Assert.StartsWith("from_version,from_code,from_title,to_version,to_code,to_title,weight,joint_count,weights,sex", lines[0]);
        var first = lines[1].Split(',');
        Assert.Equal(["2020", "2134"], first[..2]);
        Assert.Equal("2136", first[4]);
        Assert.Equal(0.912, double.Parse(first[6], System.Globalization.CultureInfo.InvariantCulture), 3);
        Assert.Equal(["lfs", "all"], first[8..10]);
    }

    [Fact]
    public void Map_all_lists_every_pair_with_weights_summing_to_one_per_source()
    {
        var run = CliRunner.Invoke("map", "--all", "--level", "2", "--weights", "census", "--format", "csv");
        Assert.Equal(0, run.Exit);
        using var reader = new SocBridge.Core.Csv.CsvRecordReader(new StringReader(run.Out), "stdout");
        var rows = new List<(string From, double Weight)>();
        while (reader.Read()) rows.Add((reader.GetString("from_code"), reader.GetDouble("weight")));
        var bySource = rows.GroupBy(r => r.From).ToArray();
        Assert.Equal(25, bySource.Length);
        Assert.All(bySource, g => Assert.Equal(1.0, g.Sum(r => r.Weight), 9));
    }

    [Theory]
    [InlineData("lookup", "99999")]
    [InlineData("lookup", "2130")]
    [InlineData("lookup", "abc")]
    [InlineData("map", "1111", "--from", "2020", "--weights", "lfs", "--sex", "women", "--level", "9")]
    public void Unknown_or_malformed_codes_exit_2_and_suggest_valid_codes(params string[] args)
    {
        var run = CliRunner.Invoke(args);
        if (args.Contains("--level"))
        {
            Assert.Equal(1, run.Exit); // a bad option value is a usage error
            Assert.Contains("--level must be 1, 2, 3 or 4", run.Error);
            return;
        }
        Assert.Equal(2, run.Exit);
        Assert.Contains("error:", run.Error);
        Assert.Contains("nearest valid codes", run.Error);
        Assert.DoesNotContain("Missing", run.Out + run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public void Lookup_of_a_SOC2020_unit_group_shows_its_description_hierarchy_and_related_SOC2010_codes()
    {
        var run = CliRunner.Invoke("lookup", "2134", "--soc", "2020", "--format", "json");
        Assert.Equal(0, run.Exit);
        using var doc = JsonDocument.Parse(run.Out);
        var root = doc.RootElement;
        Assert.Equal("Programmers and software development professionals", root.GetProperty("title").GetString());
        Assert.Equal("213", root.GetProperty("parent").GetProperty("code").GetString());
        Assert.Equal(["2", "21", "213"], root.GetProperty("ancestors").EnumerateArray().Select(a => a.GetProperty("code").GetString()!));
        Assert.NotEmpty(root.GetProperty("description").GetProperty("tasks").EnumerateArray());
        Assert.True(root.GetProperty("index_entry_count").GetInt32() > 0);
        Assert.Equal("2136", root.GetProperty("related").GetProperty("targets")[0].GetProperty("code").GetString());
    }

    [Fact]
    public void Lookup_of_a_major_group_lists_its_children()
    {
        var run = CliRunner.Invoke("lookup", "2", "--soc", "2010");
        Assert.Equal(0, run.Exit);
        Assert.Contains("SOC2010 2 Professional occupations (major group)", run.Out);
        Assert.Contains("21 Science, research, engineering and technology professionals", run.Out);
    }

    [Fact]
    public void Search_returns_both_codes_ranked_by_relevance()
    {
        var run = CliRunner.Invoke("search", "software developer", "--format", "json", "--limit", "5");
        Assert.Equal(0, run.Exit);
        using var doc = JsonDocument.Parse(run.Out);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.InRange(results.Length, 1, 5);
        Assert.Equal("2134", results[0].GetProperty("soc2020").GetProperty("code").GetString());
        Assert.Equal("2136", results[0].GetProperty("soc2010").GetProperty("code").GetString());
        var scores = results.Select(r => r.GetProperty("score").GetDouble()).ToArray();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Fact]
    public void Search_defaults_to_30_results()
    {
        var run = CliRunner.Invoke("search", "manager", "--format", "json");
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal(30, doc.RootElement.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Release_info_and_verify_report_the_release()
    {
        var info = CliRunner.Invoke("release", "info", "--format", "json");
        Assert.Equal(0, info.Exit);
        using var doc = JsonDocument.Parse(info.Out);
        var counts = doc.RootElement.GetProperty("counts");
        Assert.Equal(369, counts.GetProperty("soc2010_unit_groups").GetInt32());
        Assert.Equal(412, counts.GetProperty("soc2020_unit_groups").GetInt32());
        Assert.Equal(32195, counts.GetProperty("index_entries").GetInt32());
        Assert.Equal(714, counts.GetProperty("relationship_child_rows").GetInt32());

        var verify = CliRunner.Invoke("release", "verify");
        Assert.Equal(0, verify.Exit);
        Assert.Contains("all 8 files match the manifest", verify.Out);
    }

    [Fact]
    public void Verify_of_a_tampered_release_folder_exits_3_naming_the_file()
    {
        using var dir = new TempDirectory();
        foreach (var f in Directory.GetFiles(RepoPaths.Crosswalks)) File.Copy(f, Path.Combine(dir.Path, Path.GetFileName(f)));
        File.AppendAllText(Path.Combine(dir.Path, "relationship_links.csv"), "x");
        var run = CliRunner.Invoke("release", "verify", "--release", dir.Path);
        Assert.Equal(3, run.Exit);
        Assert.Contains("FAIL  relationship_links.csv", run.Out);
        var lookup = CliRunner.Invoke("lookup", "2136", "--release", dir.Path);
        Assert.Equal(3, lookup.Exit);
        Assert.Contains("relationship_links.csv", lookup.Error);
    }
}
