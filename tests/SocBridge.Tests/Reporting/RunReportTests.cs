using System.Security.Cryptography;
using System.Text.Json;
using PuppeteerSharp;
using SocBridge.Apportion.Estimation;
using SocBridge.Apportion.Io;
using SocBridge.Apportion.Model;
using SocBridge.Core.Classification;
using SocBridge.Core.Crosswalk;
using SocBridge.Core.Release;
using SocBridge.Reporting.Runs;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Reporting;

[Collection(ReleaseCollection.Name)]
public sealed class RunReportTests(ReleaseFixture fixture) : IDisposable
{
    private readonly SocRelease _release = fixture.Release;
    private readonly TempDirectory _dir = new();

    private static ApportionOptions AsheOptions() => new()
    {
        From = SocVersion.Soc2010, CodeColumn = "soc2010",
        Values = [ValueColumn.Count("jobs_thousands"), ValueColumn.Median("median", "jobs_thousands")],
        Dimensions = ["sex", "pay_period", "level"],
    };

    private (SeriesFileReport Report, string Html) Run(ApportionOptions options, EstimatorRequest? estimator = null)
    {
        var output = _dir.File("ashe.csv");
        var report = SeriesFileRunner.Run(_release, new SeriesFileRequest(Path.Combine(RepoPaths.Samples, "ashe_2021_soc2010.csv"), output, options)
        {
            Estimator = estimator, ReportPath = _dir.File("ashe.report.html"), ReportWriter = new RunReport(),
        });
        return (report, File.ReadAllText(_dir.File("ashe.report.html")));
    }

    [Fact]
    public void The_ASHE_report_names_the_largest_splits_with_their_targets_and_is_published_with_the_run()
    {
        var (report, html) = Run(AsheOptions());
        // The largest split of all employees' weekly jobs, computed here from the release's own weights.
        var weekly = File.ReadLines(Path.Combine(RepoPaths.Samples, "ashe_2021_soc2010.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f.Length == 11 && f[3] == "all" && f[4] == "weekly" && f[1] == "4" && double.TryParse(f[5], System.Globalization.CultureInfo.InvariantCulture, out _))
            .Select(f => (Code: f[0], Jobs: double.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture)))
            .Select(x => (x.Code, Moved: x.Jobs * (1 - _release.Crosswalk.Map(SocCode.Parse(x.Code, SocVersion.Soc2010), WeightSelection.Default).Targets.Max(t => t.Weight))))
            .MaxBy(x => x.Moved);
        Assert.Contains($"<td>{weekly.Code}</td>", html);
        Assert.Contains("Largest splits", html);
        Assert.Contains("Rejects (", html);
        Assert.Contains("cannot be weighted: its weighting count", html);
        // Offline: no address of any kind to fetch.
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
        Assert.DoesNotContain("https://", html);
        var meta = JsonDocument.Parse(File.ReadAllText(_dir.File("ashe.meta.json")));
        var file = meta.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("role").GetString() == "report");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_dir.File("ashe.report.html")))), file.GetProperty("sha256").GetString());
        Assert.Contains(report.Files, f => f.Role == "report");
    }

    [Fact]
    public void With_the_calibrated_estimator_the_report_lists_the_weights_that_moved_most()
    {
        var margins = new[] { 2022, 2023, 2024 }.Select(y => new MarginFileSpec(Path.Combine(RepoPaths.Samples, $"ashe_{y}_soc2020.csv"), y)).ToArray();
        var (report, html) = Run(AsheOptions(), new EstimatorRequest
        {
            Margins = margins, SeriesYear = 2021, Filters = [new("sex", "all"), new("pay_period", "weekly")], Options = new EstimatorOptions { FillSuppressed = true },
        });
        var fit = report.Estimator!.Fit!;
        var most = fit.Pairs.MaxBy(p => Math.Abs(p.Change))!;
        Assert.Contains("The weights that moved most", html);
        Assert.Contains($"{most.Soc2010} → {most.Soc2020}", html);
        Assert.Contains("Misfit per target", html);
        var moves = File.ReadAllLines(_dir.File("ashe.weight-moves.csv"));
        Assert.Equal(fit.Pairs.Count + 1, moves.Length);
    }

    [Fact]
    public void Reject_reasons_fall_together_whatever_the_value_or_line()
    {
        Assert.Equal(RejectSummary.Generalise("SOC2010 2130 is not a unit group of SOC2010; nearest: 2133, 2134"),
            RejectSummary.Generalise("SOC2010 9999 is not a unit group of SOC2010; nearest: 9251, 9259"));
        Assert.NotEqual(RejectSummary.Generalise("'jobs' is empty"), RejectSummary.Generalise("'pay' is empty"));
    }

    [RequiresChromiumFact]
    public async Task The_report_opens_offline_without_errors()
    {
        var (_, _) = Run(AsheOptions() with { Interval = 0.95 });
        var url = new Uri(_dir.File("ashe.report.html")).AbsoluteUri;
        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true, ExecutablePath = RequiresChromiumFactAttribute.Executable, Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
        await using var page = await browser.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, e) => { if (e.Message.Type is ConsoleType.Error or ConsoleType.Warning) errors.Add("console: " + e.Message.Text); };
        page.PageError += (_, e) => errors.Add("pageerror: " + e.Message);
        page.Request += (_, e) => requests.Add(e.Request.Url);
        foreach (var tab in new[] { "summary", "totals", "rejects", "splits", "weights", "intervals" })
        {
            await page.GoToAsync(url + "#" + tab, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load] });
            await page.ReloadAsync();
            Assert.True(await page.EvaluateExpressionAsync<bool>($"document.getElementById('{tab}').classList.contains('active')"), tab);
        }
        Assert.True(await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#largest-splits tbody tr').length") > 5);
        Assert.Empty(errors);
        Assert.All(requests, r => Assert.StartsWith(url.Split('#')[0], r));
    }

    public void Dispose() => _dir.Dispose();
}
