using System.Text;
using System.Text.Json;
using SocBridge.Api.Contracts;
using SocBridge.Api.Infrastructure;
using SocBridge.Api.Services;
using SocBridge.Api.Tests.Support;

namespace SocBridge.Api.Tests;

/// <summary>
/// The API writes its JSON through the generated serializers with the relaxed encoder on the writer: the bytes
/// must be those of the serializer with the API's options, and text stays readable (no \u escapes for '&amp;',
/// apostrophes or accented letters).
/// </summary>
[Collection(ApiCollection.Name)]
public class JsonEncodingTests(ApiFixture api)
{
    [Fact]
    public void Answers_are_the_bytes_of_the_serializer_with_the_api_options()
    {
        var release = api.Release;
        var search = new SearchService(release, new ResponseCache(release, Microsoft.Extensions.Options.Options.Create(new SocBridge.Api.ApiOptions())));
        var titles = release.Index.Entries
            .Select(e => e.Title)
            .Where(t => t.Any(c => c is '&' or '\'' or '’' or '"' or '<' || c > 127))
            .Take(60)
            .ToArray();
        Assert.True(titles.Length >= 20, $"only {titles.Length} titles with characters an encoder might escape");

        var unescaped = 0;
        foreach (var title in titles)
        {
            var results = search.Find(title, SearchScope.Both, 30);
            var response = new SearchResponse(release.ReleaseId, title, "both", 30, results.Count, results);
            var body = ApiJson.Serialize(response);
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(response, typeof(SearchResponse), ApiJson.Options), body);
            var text = Encoding.UTF8.GetString(body);
            Assert.DoesNotContain("\\u0026", text);
            Assert.DoesNotContain("\\u0027", text);
            if (text.Contains(title.Replace("\"", "\\\"", StringComparison.Ordinal), StringComparison.Ordinal)) unescaped++;
        }
        Assert.Equal(titles.Length, unescaped);
    }
}
