using System.Globalization;
using System.Text.Json;
using SocBridge.Apportion.Engine;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Tests.Support;
using static SocBridge.Tests.Apportion.SeriesFileSupport;

namespace SocBridge.Tests.Apportion;

/// <summary>
/// Value kinds: signed flows kept and conserved, attributes averaged with the release's joint sample counts,
/// means without a usable count rejected value by value, and numbers too large to sum refused with a reason.
/// </summary>
[Collection(ReleaseCollection.Name)]
public sealed class SeriesFileValueKindTests(ReleaseFixture fixture) : IDisposable
{
    private readonly SocRelease _release = fixture.Release;
    private readonly TempDirectory _dir = new();

    private static readonly string[] Flows = ["Expansion demand", "Occupational mobility", "Geographical mobility", "Total requirement"];
    private static readonly string[] Counts = ["Base year employment", "Retirements", "Mortality", "Replacement demand"];

    private static ApportionOptions ReplacementOptions() => new()
    {
        From = SocVersion.Soc2010,
        CodeColumn = "Occupation",
        Values = [.. Counts.Select(ValueColumn.Count), .. Flows.Select(ValueColumn.Flow)],
    };

    private SeriesFileReport Run(string input, ApportionOptions options, string output = "out.csv") =>
        SeriesFileRunner.Run(_release, new SeriesFileRequest(input, _dir.File(output), options));

    [Fact]
    public void Negative_flows_are_kept_and_conserved_and_the_replacement_identity_holds_in_every_output_row()
    {
        var input = Fixture("wf_small_replacement.csv");
        var source = ReadTable(input);
        var data = source.Rows.Where(r => r[0] != "All occupations").ToList();
        // The figures of the issue: a net expansion of 302,063 and occupational mobility of -42,593 over the data rows.
        Assert.Equal(302_063, data.Sum(r => Number(r[source.Index("Expansion demand")])));
        Assert.Equal(-42_593, data.Sum(r => Number(r[source.Index("Occupational mobility")])));

        var report = Run(input, ReplacementOptions());
        var output = ReadTable(_dir.File("out.csv"));
        AssertClose(302_063, output.Sum("Expansion demand"), what: "expansion demand out");
        AssertClose(-42_593, output.Sum("Occupational mobility"), what: "occupational mobility out");
        foreach (var column in Counts.Concat(Flows))
            AssertClose(data.Sum(r => Number(r[source.Index(column)])), output.Sum(column), what: column);
        Assert.Contains(output.Numbers("Expansion demand"), v => v < 0);
        Assert.Contains(output.Numbers("Occupational mobility"), v => v < 0);

        // Total requirement = expansion demand + replacement demand, row by row, after the translation.
        foreach (var row in output.Rows)
        {
            var total = Number(row[output.Index("Total requirement")]);
            var parts = Number(row[output.Index("Expansion demand")]) + Number(row[output.Index("Replacement demand")]);
            AssertClose(total, parts, 1e-9, $"identity in row {string.Join(",", row)}");
        }

        var r = report.Result.Reconciliation;
        Assert.True(r.Balances);
        Assert.Equal(0, r.RowsRejected);
        Assert.Equal(0, r.ValueProblems);
        Assert.Equal(25, r.RowsRead);
        Assert.Equal(1, r.TotalRows);
        Assert.Empty(File.ReadAllLines(_dir.File("out.rejects.csv")).Skip(1));
    }

    [Fact]
    public void A_flow_reports_its_positive_and_negative_parts_in_and_out()
    {
        var input = Fixture("wf_small_replacement.csv");
        var source = ReadTable(input);
        var expansion = source.Rows.Where(r => r[0] != "All occupations").Select(r => Number(r[source.Index("Expansion demand")])).ToArray();
        var report = Run(input, ReplacementOptions());
        var c = report.Result.Reconciliation.Columns.Single(x => x.Column == "Expansion demand");
        Assert.Equal("flow", c.Kind);
        Assert.Equal(expansion.Where(v => v > 0).Sum(), c.InPositive, 6);
        Assert.Equal(expansion.Where(v => v < 0).Sum(), c.InNegative, 6);
        Assert.Equal(expansion.Sum(), c.In, 6);
        var output = ReadTable(_dir.File("out.csv")).Numbers("Expansion demand").ToArray();
        AssertClose(output.Where(v => v < 0).Sum(), c.OutNegative, 1e-9, "negative part out");
        AssertClose(output.Where(v => v > 0).Sum(), c.OutPositive, 1e-9, "positive part out");
        Assert.Equal(0, c.Rejected);

        // The metadata says the same, and marks the column as a flow.
        using var meta = JsonDocument.Parse(File.ReadAllText(_dir.File("out.meta.json")));
        var column = meta.RootElement.GetProperty("columns").EnumerateArray().Single(e => e.GetProperty("name").GetString() == "Expansion demand");
        Assert.Equal("flow", column.GetProperty("kind").GetString());
        var recon = meta.RootElement.GetProperty("reconciliation").GetProperty("columns").EnumerateArray().Single(e => e.GetProperty("column").GetString() == "Expansion demand");
        Assert.Equal(expansion.Where(v => v < 0).Sum(), recon.GetProperty("in_negative").GetDouble(), 6);
    }

    [Fact]
    public void A_negative_count_is_still_rejected_with_a_pointer_to_the_flow_option()
    {
        var input = _dir.Write("in.csv", "soc2010,jobs\n2136,100\n3545,-40\n");
        var report = Run(input, new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("jobs")] });
        var rejects = ReadTable(_dir.File("out.rejects.csv"));
        var reject = Assert.Single(rejects.Rows);
        Assert.Equal("3", reject[rejects.Index("line")]);
        Assert.Equal("jobs", reject[rejects.Index("column")]);
        Assert.Contains("flow option", reject[rejects.Index("reason")]);
        Assert.True(report.Result.Reconciliation.Balances);
        AssertClose(100, ReadTable(_dir.File("out.csv")).Sum("jobs"));
    }

    [Fact]
    public void Rejected_gains_and_losses_of_a_flow_do_not_cancel_in_the_rejected_share()
    {
        // Two rejected rows of +500 and -500 reject half the flow's magnitude even though they net to zero.
        var input = _dir.Write("in.csv", "soc2010,change\n2136,1000\n9999,500\n9998,-500\n");
        var options = new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Flow("change")] };
        var report = Run(input, options);
        var c = report.Result.Reconciliation.Columns.Single();
        Assert.Equal(0, c.Rejected);
        Assert.Equal(1000, c.RejectedMagnitude);
        Assert.Equal(0.5, c.RejectedShare, 12);

        var refused = Assert.Throws<SeriesRunException>(() => SeriesFileRunner.Run(_release,
            new SeriesFileRequest(input, _dir.File("strict.csv"), options) { MaxRejectedShare = 0.4 }));
        Assert.Equal(SeriesRunFailure.TooManyRejected, refused.Failure);
        Assert.Contains("'change'", refused.Message);
        Assert.False(File.Exists(_dir.File("strict.csv")));
    }

    /// <summary>A SOC2020 unit group fed by several SOC2010 unit groups that all have weights of their own (no fallback).</summary>
    private (SocCode Target, SocCode[] Sources) MergeTarget()
    {
        var graph = _release.Crosswalk;
        var selection = WeightSelection.Default;
        foreach (var group in graph.Table.Links.GroupBy(l => l.Soc2020).OrderBy(g => g.Key.ToString(), StringComparer.Ordinal))
        {
            var sources = group.Select(l => l.Soc2010).Distinct()
                .Where(s => graph.JointCount(s, group.Key, selection) > 0 && !graph.Map(s, selection).IsFallback)
                .OrderBy(s => s.ToString(), StringComparer.Ordinal).ToArray();
            if (sources.Length >= 3) return (group.Key, sources);
        }
        throw new InvalidOperationException("the release has no SOC2020 unit group fed by three SOC2010 groups");
    }

    [Fact]
    public void An_attribute_is_the_average_of_its_sources_weighted_by_the_joint_sample_counts_of_the_weight_set()
    {
        var (target, sources) = MergeTarget();
        var values = sources.Select((s, k) => (Source: s, Score: 10.0 * (k + 1) + 0.25)).ToArray();
        var input = _dir.Write("in.csv", "soc2010,skill\n" + string.Concat(values.Select(v => $"{v.Source},{v.Score.ToString(CultureInfo.InvariantCulture)}\n")));
        var report = Run(input, new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Attribute("skill")] });

        // By hand: Σ score·joint / Σ joint over the sources of the target, with the release's joint counts for lfs/all.
        var joints = values.Select(v => (v.Score, Joint: _release.Crosswalk.JointCount(v.Source, target, WeightSelection.Default))).ToArray();
        var expected = joints.Sum(j => j.Score * j.Joint) / joints.Sum(j => j.Joint);
        var output = ReadTable(_dir.File("out.csv"));
        var row = output.Rows.Single(r => r[output.Index("soc2020")] == target.ToString());
        Assert.Equal(expected, Number(row[output.Index("skill")]), 9);
        // Not the plain mean of the sources, which is what a count-free average would give.
        Assert.NotEqual(values.Average(v => v.Score), Number(row[output.Index("skill")]), 6);
        // An attribute is not a count: it is not part of the reconciliation of shared columns.
        Assert.DoesNotContain(report.Result.Reconciliation.Columns, c => c.Column == "skill");

        using var meta = JsonDocument.Parse(File.ReadAllText(_dir.File("out.meta.json")));
        var column = meta.RootElement.GetProperty("columns").EnumerateArray().Single();
        Assert.Equal("attribute", column.GetProperty("kind").GetString());
        Assert.Contains("joint sample counts", column.GetProperty("weighted_by").GetString());
    }

    [Fact]
    public void Counts_of_1e308_are_rejected_with_a_reason_and_nothing_written_holds_infinity()
    {
        var input = _dir.Write("in.csv", "soc2010,jobs,pay\n2136,1e308,30000\n2137,1e308,20000\n3545,100,50000\n");
        var report = Run(input, new ApportionOptions
        {
            From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("jobs"), ValueColumn.Mean("pay", "jobs")],
        });
        Assert.True(report.Result.Reconciliation.Balances);
        var rejects = ReadTable(_dir.File("out.rejects.csv"));
        foreach (var line in new[] { "2", "3" })
        {
            Assert.Contains(rejects.Rows, r => r[0] == line && r[rejects.Index("column")] == "jobs" && r[rejects.Index("reason")].Contains("out of range"));
            Assert.Contains(rejects.Rows, r => r[0] == line && r[rejects.Index("column")] == "pay");
        }
        foreach (var file in Directory.GetFiles(_dir.Path))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("Infinity", text);
            Assert.DoesNotContain("NaN", text);
            Assert.DoesNotContain("∞", text);
        }
        // The rows of 2136 and 2137 keep their cells with no value; only 3545's values are there.
        var output = ReadTable(_dir.File("out.csv"));
        AssertClose(100, output.Column("jobs").Where(v => v.Length > 0).Sum(Number));
        Assert.All(output.Column("pay").Where(v => v.Length > 0), p => Assert.Equal(50000, Number(p), 9));
    }

    [Theory]
    [InlineData("0", "is 0 in this row")]
    [InlineData("", "has no value in this row")]
    [InlineData("x", "has no value in this row")]
    public void A_mean_whose_count_is_zero_or_missing_is_a_value_level_reject(string count, string reason)
    {
        var input = _dir.Write("in.csv", $"soc2010,jobs,pay\n2136,{count},40000\n3545,10,50000\n");
        var report = Run(input, new ApportionOptions
        {
            From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("jobs"), ValueColumn.Mean("pay", "jobs")],
        });
        var rejects = ReadTable(_dir.File("out.rejects.csv"));
        var pay = Assert.Single(rejects.Rows, r => r[rejects.Index("column")] == "pay");
        Assert.Equal("2", pay[rejects.Index("line")]);
        Assert.Equal("40000", pay[rejects.Index("value")]);
        Assert.Contains(reason, pay[rejects.Index("reason")]);
        Assert.Equal(0, report.Result.Reconciliation.RowsRejected);
        Assert.True(report.Result.Reconciliation.ValueProblems >= 1);
    }

    [Fact]
    public void Decimals_round_written_values_but_the_reconciliation_uses_the_unrounded_ones()
    {
        var input = _dir.Write("in.csv", "soc2010,jobs\n2136,1000.123456\n3545,77.7777\n");
        var options = new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("jobs")] };
        var full = Run(input, options, "full.csv");
        var rounded = SeriesFileRunner.Run(_release, new SeriesFileRequest(input, _dir.File("rounded.csv"), options) { Decimals = 1 });
        var exact = ReadTable(_dir.File("full.csv"));
        var written = ReadTable(_dir.File("rounded.csv"));
        Assert.Equal(exact.Rows.Count, written.Rows.Count);
        for (var i = 0; i < exact.Rows.Count; i++)
        {
            var text = written.Rows[i][written.Index("jobs")];
            Assert.True(!text.Contains('.') || text.Length - text.IndexOf('.') - 1 <= 1, $"'{text}' has more than one decimal");
            Assert.Equal(Math.Round(Number(exact.Rows[i][exact.Index("jobs")]), 1, MidpointRounding.AwayFromZero), Number(text), 9);
        }
        Assert.Equal(full.Result.Reconciliation.Columns[0].Out, rounded.Result.Reconciliation.Columns[0].Out);
        AssertClose(1077.901156, rounded.Result.Reconciliation.Columns[0].Out, 1e-12);
        Assert.Contains("rounded to 1 decimals", File.ReadAllText(_dir.File("rounded.meta.json")));
    }

    [Fact]
    public void Titles_add_the_target_title_after_the_target_code()
    {
        var input = _dir.Write("in.csv", "soc2010,jobs\n2136,1000\n");
        SeriesFileRunner.Run(_release, new SeriesFileRequest(input, _dir.File("out.csv"),
            new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("jobs")] }) { Titles = true });
        var output = ReadTable(_dir.File("out.csv"));
        Assert.Equal(["soc2020", "soc2020_title", "jobs", "flags"], output.Header);
        Assert.NotEmpty(output.Rows);
        foreach (var row in output.Rows)
            Assert.Equal(_release.Soc2020.Get(SocCode.Parse(row[0], SocVersion.Soc2020)).Title, row[1]);
    }

    [Fact]
    public void Output_rows_come_in_a_stable_order_of_dimensions_then_code_whatever_the_input_order()
    {
        var rows = new[] { "south,3545,5", "north,2136,7", "south,2136,3", "north,1115,2", "east,5434,1", "north,3545,4" };
        var a = _dir.Write("a.csv", "region,soc2010,jobs\n" + string.Join("\n", rows) + "\n");
        var b = _dir.Write("b.csv", "region,soc2010,jobs\n" + string.Join("\n", rows.Reverse()) + "\n");
        var options = new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("jobs")] };
        Run(a, options, "a.out.csv");
        Run(b, options, "b.out.csv");
        Assert.Equal(File.ReadAllText(_dir.File("a.out.csv")), File.ReadAllText(_dir.File("b.out.csv")));
        var output = ReadTable(_dir.File("a.out.csv"));
        var keys = output.Rows.Select(r => (r[0], r[1])).ToArray();
        var sorted = keys.OrderBy(k => k.Item1, StringComparer.Ordinal).ThenBy(k => k.Item2, StringComparer.Ordinal).ToArray();
        Assert.Equal(sorted, keys);
    }

    [Fact]
    public void Sidecars_are_named_after_the_output_and_the_metadata_lists_each_file_with_its_sha256()
    {
        var input = _dir.Write("in.csv", "soc2010,jobs\n2136,1000\n9999,5\n");
        var options = new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("jobs")], Audit = true };
        var output = Path.Combine(_dir.Path, "sub", "series.csv");
        var report = SeriesFileRunner.Run(_release, new SeriesFileRequest(input, output, options, AuditPath: RunFiles.Sidecar(output, "audit.csv")));
        var folder = Path.GetDirectoryName(output)!;
        Assert.Equal(["series.audit.csv", "series.csv", "series.meta.json", "series.rejects.csv"],
            Directory.GetFiles(folder, "*", new EnumerationOptions { AttributesToSkip = 0 }).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(Path.Combine(folder, "series.meta.json"), report.MetadataPath);

        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "series.meta.json")));
        var files = meta.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("role").GetString()!, f => (Path: f.GetProperty("path").GetString()!, Bytes: f.GetProperty("bytes").GetInt64(), Sha: f.GetProperty("sha256").GetString()!));
        Assert.Equal(["audit", "output", "rejects"], files.Keys.Order(StringComparer.Ordinal).ToArray());
        foreach (var (role, name) in new[] { ("output", "series.csv"), ("rejects", "series.rejects.csv"), ("audit", "series.audit.csv") })
        {
            var path = Path.Combine(folder, name);
            Assert.Equal(name, files[role].Path);
            Assert.Equal(new FileInfo(path).Length, files[role].Bytes);
            Assert.Equal(Sha256(path), files[role].Sha);
        }
    }

    [Fact]
    public void The_library_rejects_a_code_of_the_other_edition_given_to_AddTrusted_instead_of_reading_its_digits_as_a_SOC2010_code()
    {
        var options = new ApportionOptions { From = SocVersion.Soc2010, CodeColumn = "soc2010", Values = [ValueColumn.Count("jobs")] };
        var engine = new Apportioner(_release, options, []);
        var tuple = engine.Dimensions.TupleId([]);
        // 2136 is a unit group in both editions; given as a SOC2020 code it is not the SOC2010 2136.
        var wrongEdition = SocCode.Parse("2136", SocVersion.Soc2020);
        engine.AddTrusted(tuple, wrongEdition, null, [100]);
        engine.AddTrusted(tuple, SocCode.Parse("3545", SocVersion.Soc2010), null, [50]);
        var result = engine.Finish();

        var reject = Assert.Single(result.TrustedRejects);
        Assert.Equal("soc2010", reject.Column);
        Assert.Equal("2136", reject.Value);
        Assert.Contains("another edition", reject.Reason);
        Assert.Equal(50, result.Cells.Sum(c => c.Values[0]), 9);
        var c = result.Reconciliation.Columns[0];
        Assert.Equal(150, c.In);
        Assert.Equal(100, c.Rejected);
        Assert.True(result.Reconciliation.Balances);
        // What SOC2010 2136 would have produced is absent: every output cell comes from 3545.
        var fromSoc2010_2136 = _release.Crosswalk.Map(SocCode.Parse("2136", SocVersion.Soc2010), WeightSelection.Default).Targets.Select(t => t.Code.ToString()).ToHashSet();
        var from3545 = _release.Crosswalk.Map(SocCode.Parse("3545", SocVersion.Soc2010), WeightSelection.Default).Targets.Select(t => t.Code.ToString()).ToHashSet();
        Assert.All(result.Cells, cell => Assert.Contains(result.TargetCodes[cell.TargetSlot], from3545));
        Assert.DoesNotContain(result.Cells, cell => fromSoc2010_2136.Contains(result.TargetCodes[cell.TargetSlot]) && !from3545.Contains(result.TargetCodes[cell.TargetSlot]));
    }

    public void Dispose() => _dir.Dispose();
}
