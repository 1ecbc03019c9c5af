using System.Globalization;
using System.Text.Json;
using SocBridge.Tests.Cli;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Recode;

[Collection(RecodeCollection.Name)]
public class CodeAndRecodeCommandTests
{
    [Fact]
    public void Code_json_lists_ranked_candidates_in_both_editions()
    {
        var run = CliRunner.Invoke("code", "Software engineer", "--top", "3", "--format", "json");
        Assert.Equal(0, run.Exit);
        using var doc = JsonDocument.Parse(run.Out);
        var candidates = doc.RootElement.GetProperty("candidates").EnumerateArray().ToArray();
        Assert.InRange(candidates.Length, 1, 3);
        Assert.Equal("2134", candidates[0].GetProperty("soc2020").GetProperty("code").GetString());
        Assert.Equal("2136", candidates[0].GetProperty("soc2010").GetProperty("code").GetString());
        Assert.InRange(candidates[0].GetProperty("score").GetDouble(), 0, 100);
        Assert.InRange(candidates[0].GetProperty("probability").GetDouble(), 0, 1);
        Assert.Equal(3, doc.RootElement.GetProperty("top").GetInt32());
    }

    [Fact]
    public void Code_batch_keeps_the_input_columns_and_adds_the_top_candidate()
    {
        using var dir = new TempDirectory();
        var input = dir.Write("in.csv", "ref,advert title\nA1,Registered nurse\nA2,\nA3,HGV driver - nights\n");
        var run = CliRunner.Invoke("code", "--in", input, "--title-column", "advert title", "--out", dir.File("out.csv"));
        Assert.Equal(0, run.Exit);
        var lines = File.ReadAllLines(dir.File("out.csv"));
        Assert.StartsWith("ref,advert title,line,soc2020,soc2020_title,soc2010,soc2010_title,score", lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("A1,Registered nurse,2,2237,", lines[1]);
        Assert.StartsWith("A2,,3,,", lines[2]);
    }

    [Fact]
    public void Evaluate_writes_every_held_out_decision_when_asked()
    {
        using var dir = new TempDirectory();
        var run = CliRunner.Invoke("recode", "evaluate", "--folds", "5", "--run-folds", "1", "--sample", "40", "--skip-coder",
            "--predictions", dir.File("predictions.csv"));
        Assert.Equal(0, run.Exit);
        Assert.Contains("[plain titles]", run.Out);
        Assert.Contains("wrote " + dir.File("predictions.csv"), run.Error);
        var rows = CsvRows.Read(dir.File("predictions.csv"));
        Assert.Equal(3 * 40, rows.Count);
        Assert.Equal(["with qualifiers", "plain titles", "plain titles + advert noise"], rows.Select(r => r["variant"]).Distinct());
        Assert.All(rows, r => Assert.Equal("1", r["fold"]));
        // The report's accuracy line for titles with their qualifiers counts the same rows.
        var right = rows.Count(r => r["variant"] == "with qualifiers" && r["correct"] == "true");
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"all titles {right * 100.0 / 40:0.00} % ({right}/40)"), run.Out);
    }

    [Fact]
    public void Recode_without_its_required_options_is_a_usage_error()
    {
        var run = CliRunner.Invoke("recode", "--in", "x.csv");
        Assert.Equal(1, run.Exit);
        Assert.Contains("--title-column is required", run.Error);
    }

    [Fact]
    public void Code_with_neither_a_title_nor_a_file_is_a_usage_error()
    {
        Assert.Equal(1, CliRunner.Invoke("code").Exit);
        Assert.Equal(1, CliRunner.Invoke("code", "nurse", "--top", "0").Exit);
    }
}
