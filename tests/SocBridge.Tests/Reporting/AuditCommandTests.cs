using System.Text.Json;
using Parquet;
using SocBridge.Tests.Cli;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Reporting;

public class AuditCommandTests
{
    [Fact]
    public void Audit_group_json_reports_the_fallback_of_5225_for_lfs_women()
    {
        var run = CliRunner.Invoke("audit", "group", "5225", "--sex", "women", "--format", "json");
        Assert.Equal(0, run.Exit);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.Equal("women", doc.RootElement.GetProperty("sex").GetString());
        Assert.Equal("all", doc.RootElement.GetProperty("sex_used").GetString());
        Assert.Contains("5225", doc.RootElement.GetProperty("fallback").GetString());
    }

    [Fact]
    public void Audit_group_csv_has_one_row_per_target_and_refuses_coarse_codes()
    {
        var run = CliRunner.Invoke("audit", "group", "2134", "--soc", "2020", "--format", "csv");
        Assert.Equal(0, run.Exit);
        var rows = run.Out.Trim().Split('\n');
        Assert.StartsWith("version,code,title,relationship", rows[0]);
        Assert.True(rows.Length > 2);
        Assert.Equal(2, CliRunner.Invoke("audit", "group", "213").Exit);
    }

    [Fact]
    public async Task Audit_report_writes_a_page_and_export_writes_readable_parquet()
    {
        using var temp = new TempDirectory();
        var report = CliRunner.Invoke("audit", "report", "--out", temp.File("audit.html"));
        Assert.Equal(0, report.Exit);
        Assert.True(new FileInfo(temp.File("audit.html")).Length is > 100_000 and < 5 * 1024 * 1024);

        var export = CliRunner.Invoke("audit", "export", "--out", temp.Path, "--format", "parquet");
        Assert.Equal(0, export.Exit);
        await using var reader = await ParquetReader.CreateAsync(temp.File("weights.parquet"));
        var names = reader.Schema.GetDataFields().Select(f => f.Name).ToArray();
        Assert.Equal(SocBridge.Reporting.Export.AuditExport.WeightColumns.Select(c => c.Name), names);
        Assert.True(File.Exists(temp.File("index_pairs_without_weight.parquet")));
        Assert.True(File.Exists(temp.File("hierarchy.parquet")));
    }

    [Fact]
    public void Map_all_csv_carries_sample_total_source_base_and_residual()
    {
        var run = CliRunner.Invoke("map", "--all", "--format", "csv");
        Assert.Equal(0, run.Exit);
        var header = run.Out.Split('\n')[0].Split(',');
        Assert.Equal(["sample_total", "source_base", "residual"], header[^3..]);
    }

    [Fact]
    public void Lookup_and_release_commands_honour_csv()
    {
        var lookup = CliRunner.Invoke("lookup", "2136", "--format", "csv");
        Assert.Equal(0, lookup.Exit);
        var rows = lookup.Out.Trim().Split('\n');
        Assert.Contains("related_code", rows[0]);
        Assert.True(rows.Length >= 3);

        var info = CliRunner.Invoke("release", "info", "--format", "csv");
        Assert.Equal(0, info.Exit);
        Assert.StartsWith("section,key,value,detail", info.Out);
        Assert.Contains("count,index_entries,32195,", info.Out);

        var verify = CliRunner.Invoke("release", "verify", "--format", "csv");
        Assert.Equal(0, verify.Exit);
        Assert.StartsWith("release_id,file,expected_sha256,actual_sha256,ok,problem", verify.Out);
        Assert.Equal(9, verify.Out.Trim().Split('\n').Length);
    }
}
