using PuppeteerSharp;
using SocBridge.Reporting.Evidence;
using SocBridge.Reporting.Html;
using SocBridge.Tests.Support;

namespace SocBridge.Tests.Reporting;

/// <summary>A fact that needs Debian's chromium; skipped, saying why, when it is not installed.</summary>
public sealed class RequiresChromiumFactAttribute : FactAttribute
{
    public const string Executable = "/usr/bin/chromium";

    public RequiresChromiumFactAttribute()
    {
        if (!File.Exists(Executable)) Skip = $"{Executable} not found; install Debian's chromium package (.ci/run does) to run the browser test";
    }
}

[Collection(ReleaseCollection.Name)]
public class BrowserReportTests(ReleaseFixture fixture)
{
    /// <summary>Screenshots go beside the test results (TestResults/screenshots under the test project's output).</summary>
    private static string ScreenshotDirectory()
    {
        var dir = Environment.GetEnvironmentVariable("SOCBRIDGE_SCREENSHOTS") is { Length: > 0 } d ? d : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(dir);
        return dir;
    }

    [RequiresChromiumFact]
    public async Task Report_renders_its_overview_table_and_a_group_page_offline_without_errors()
    {
        using var temp = new TempDirectory();
        var path = temp.File("audit.html");
        await File.WriteAllTextAsync(path, AuditReport.Page(AuditEvidence.Build(fixture.Release)).ToString());
        var shots = ScreenshotDirectory();

        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            Headless = true,
            ExecutablePath = RequiresChromiumFactAttribute.Executable,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
        await using var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1400, Height = 1000 });
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, e) => { if (e.Message.Type is ConsoleType.Error or ConsoleType.Warning) errors.Add("console: " + e.Message.Text); };
        page.PageError += (_, e) => errors.Add("pageerror: " + e.Message);
        page.RequestFailed += (_, e) => errors.Add("requestfailed: " + e.Request.Url);
        page.Request += (_, e) => requests.Add(e.Request.Url);

        var url = new Uri(path).AbsoluteUri;
        await page.GoToAsync(url, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load] });
        Assert.True(await page.EvaluateExpressionAsync<bool>("document.getElementById('overview').classList.contains('active')"));
        Assert.True(await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#overview svg.flow').length") >= 4);
        await page.ScreenshotAsync(Path.Combine(shots, "audit-overview.png"), new ScreenshotOptions { FullPage = true });

        // The SOC2010 table: 369 rows; sort by records used, then filter.
        await page.GoToAsync(url + "#soc2010");
        Assert.Equal(369, await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#table-2010 tbody tr').length"));
        const string recordsColumn = "[...document.querySelectorAll('#table-2010 thead th')].findIndex(th => th.textContent.trim().startsWith('records used'))";
        var column = await page.EvaluateExpressionAsync<int>(recordsColumn);
        await page.ClickAsync($"#table-2010 thead th:nth-child({column + 1}) button");
        var ascending = await page.EvaluateExpressionAsync<double[]>($"[...document.querySelectorAll('#table-2010 tbody tr')].map(r => parseFloat(r.cells[{column}].dataset.sort))");
        Assert.Equal(ascending.Order().ToArray(), ascending);
        await page.ClickAsync($"#table-2010 thead th:nth-child({column + 1}) button");
        var descending = await page.EvaluateExpressionAsync<double[]>($"[...document.querySelectorAll('#table-2010 tbody tr')].map(r => parseFloat(r.cells[{column}].dataset.sort))");
        Assert.Equal(ascending.Reverse().ToArray(), descending);
        await page.TypeAsync("#soc2010 .filter-text", "3545");
        var visible = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#table-2010 tbody tr')].filter(r => !r.hidden).map(r => r.dataset.code)");
        Assert.Equal(["3545"], visible);
        await page.ScreenshotAsync(Path.Combine(shots, "audit-table-filtered.png"));
        await page.EvaluateExpressionAsync("document.querySelector('#soc2010 .filter-text').value = ''; document.querySelector('#soc2010 .filter-text').dispatchEvent(new Event('input'))");
        await page.SelectAsync("#soc2010 .filter-select[data-attr=rel]", "one-to-one");
        var oneToOne = await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#table-2010 tbody tr')].filter(r => !r.hidden).map(r => r.dataset.rel)");
        Assert.NotEmpty(oneToOne);
        Assert.All(oneToOne, r => Assert.Equal("one-to-one", r));

        // A group page, reached by clicking the code in the table.
        await page.SelectAsync("#soc2010 .filter-select[data-attr=rel]", "");
        await page.ClickAsync("#table-2010 tr[data-code='3545'] a");
        await page.WaitForSelectorAsync("#group-title");
        Assert.StartsWith("SOC2010 3545", await page.EvaluateExpressionAsync<string>("document.getElementById('group-title').textContent"));
        Assert.True(await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#group-targets tbody tr').length") >= 3);
        Assert.Contains("0.751", await page.EvaluateExpressionAsync<string>("document.querySelector('#group-targets tbody tr').textContent"));
        await page.ScreenshotAsync(Path.Combine(shots, "audit-group-3545.png"), new ScreenshotOptions { FullPage = true });

        await page.GoToAsync(url + "#g/2010/5225");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#group-title");
        await page.GoToAsync(url + "#issues");
        await page.ScreenshotAsync(Path.Combine(shots, "audit-issues.png"));
        await page.GoToAsync(url + "#disagreement");
        await page.ScreenshotAsync(Path.Combine(shots, "audit-disagreement.png"), new ScreenshotOptions { FullPage = true });
        await Task.Delay(100);

        Assert.Empty(errors);
        Assert.All(requests, r => Assert.StartsWith(url, r));
    }
}
