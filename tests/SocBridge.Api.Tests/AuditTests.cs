using System.Text.RegularExpressions;
using SocBridge.Api.Tests.Support;

namespace SocBridge.Api.Tests;

[Collection(ApiCollection.Name)]
public partial class AuditTests(ApiFixture api)
{
    [Fact]
    public async Task The_audit_page_is_served_as_html_with_no_external_references()
    {
        using var factory = api.Configure(new Dictionary<string, string?> { ["Api:RequestTimeoutSeconds"] = "300" });
        using var client = factory.CreateClient();

        var page = await client.Fetch("/audit");
        var again = await client.Fetch("/audit", ifNoneMatch: page.Header("ETag"));

        Assert.Equal(200, page.Status);
        Assert.Equal("text/html", page.ContentType);
        Assert.Contains(api.Release.ReleaseId, page.Body);
        Assert.Contains("default-src 'none'", page.Header("Content-Security-Policy"));
        Assert.Empty(ExternalReference().Matches(page.Body).Select(m => m.Value));
        Assert.DoesNotContain("@import", page.Body);
        Assert.Equal(304, again.Status);
    }

    // A src, href, action or url() that names another host ("//host", "http:", "https:").
    [GeneratedRegex("""(?:\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
