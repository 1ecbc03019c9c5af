using System.IO.Compression;
using System.Text;
using SocBridge.Api.Tests.Support;

namespace SocBridge.Api.Tests;

[Collection(ApiCollection.Name)]
public class CorsAndCompressionTests(ApiFixture api)
{
    private const string Origin = "https://careers.example.org";

    private static HttpRequestMessage Preflight(string url, string method, string origin = Origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "if-none-match");
        return request;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;

    [Theory]
    [InlineData("/api/v1/soc/code/2136")]
    [InlineData("/v1/soc/2010/2136/map")]
    [InlineData("/v1/search?q=nurse")]
    public async Task A_preflight_for_get_is_answered_for_any_origin(string url)
    {
        using var request = Preflight(url, "GET");
        using var response = await api.Client.SendAsync(request);

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("GET", Header(response, "Access-Control-Allow-Methods"));
        Assert.Contains("if-none-match", Header(response, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(Header(response, "Access-Control-Max-Age"));
    }

    [Theory]
    [InlineData("/api/v1/soc/code/2136", 200)]
    [InlineData("/api/v1/soc/code/9999", 404)]
    [InlineData("/v1/search", 400)]
    public async Task A_cross_origin_get_carries_the_cors_headers_whatever_the_status(string url, int status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Origin", Origin);
        using var response = await api.Client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("*", Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("ETag", Header(response, "Access-Control-Expose-Headers") ?? "");
        Assert.Null(Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Post_endpoints_allow_no_origin_by_default()
    {
        using var request = Preflight("/v1/apportion", "POST");
        using var response = await api.Client.SendAsync(request);

        Assert.Equal(204, (int)response.StatusCode);
        Assert.Null(Header(response, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Allowed_origins_are_configurable_for_get_and_post()
    {
        using var configured = api.Configure(new Dictionary<string, string?>
        {
            ["Api:Cors:Origins"] = "https://a.example.org; https://b.example.org",
            ["Api:Cors:PostOrigins"] = "https://a.example.org",
        });
        using var client = configured.CreateClient();

        async Task<string?> Allowed(string url, string method, string origin)
        {
            using var request = Preflight(url, method, origin);
            using var response = await client.SendAsync(request);
            return Header(response, "Access-Control-Allow-Origin");
        }

        Assert.Equal("https://b.example.org", await Allowed("/api/v1/soc/code/2136", "GET", "https://b.example.org"));
        Assert.Null(await Allowed("/api/v1/soc/code/2136", "GET", "https://c.example.org"));
        Assert.Equal("https://a.example.org", await Allowed("/v1/apportion", "POST", "https://a.example.org"));
        Assert.Null(await Allowed("/v1/apportion", "POST", "https://b.example.org"));
    }

    private async Task<(HttpResponseMessage Response, byte[] Body)> Get(string url, string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null) request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        var response = await api.Client.SendAsync(request);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    private static byte[] Decode(byte[] body, string encoding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [Theory]
    [InlineData("/api/v1/soc/search?q=software", "br", "br")]
    [InlineData("/api/v1/soc/search?q=software", "gzip, deflate, br", "br")]
    [InlineData("/api/v1/soc/search?q=software", "gzip", "gzip")]
    [InlineData("/api/v1/soc/search?q=software", "br;q=0, gzip", "gzip")]
    [InlineData("/v1/soc/2010/2136", "br", "br")]
    [InlineData("/v1/search?q=software%20developer", "gzip", "gzip")]
    public async Task A_compressed_answer_decodes_to_the_same_json(string url, string accept, string expected)
    {
        var (plain, plainBody) = await Get(url, null);
        var (encoded, encodedBody) = await Get(url, accept);

        Assert.Null(Header(plain, "Content-Encoding"));
        Assert.Equal(expected, Header(encoded, "Content-Encoding"));
        Assert.Contains("Accept-Encoding", Header(encoded, "Vary"));
        Assert.True(encodedBody.Length < plainBody.Length / 2, $"{encodedBody.Length} compressed bytes against {plainBody.Length}");
        Assert.Equal(Encoding.UTF8.GetString(plainBody), Encoding.UTF8.GetString(Decode(encodedBody, expected)));
        Assert.NotEqual(Header(plain, "ETag"), Header(encoded, "ETag"));
        Assert.StartsWith("\"", Header(encoded, "ETag"));
    }

    [Fact]
    public async Task The_etag_of_a_compressed_answer_revalidates()
    {
        var (first, _) = await Get("/v1/soc/2020/2134", "br");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/soc/2020/2134");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        request.Headers.TryAddWithoutValidation("If-None-Match", Header(first, "ETag"));
        using var second = await api.Client.SendAsync(request);

        Assert.Equal(304, (int)second.StatusCode);
    }

    [Fact]
    public async Task Answers_computed_per_request_are_compressed_too()
    {
        using var content = new StringContent("""
            {"from": "2010", "values": [{"name": "employment", "kind": "count"}],
             "rows": [{"code": "2136", "values": [1000]}, {"code": "3545", "values": [2000]}, {"code": "1115", "values": [300]}]}
            """, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/apportion") { Content = content };
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "br");
        using var response = await api.Client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("br", Header(response, "Content-Encoding"));
        Assert.Contains("\"reconciliation\"", Encoding.UTF8.GetString(Decode(body, "br")));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Answers_made_without_the_response_cache_are_encoded_and_decode_to_the_same_json(string encoding)
    {
        using var uncached = api.Configure(new Dictionary<string, string?> { ["Api:ResponseCacheMegabytes"] = "0" });
        using var client = uncached.CreateClient();
        foreach (var url in new[] { "/v1/search?q=software%20developer", "/api/v1/soc/search?q=sales%20%26%20marketing" })
        {
            using var plain = await client.GetAsync(url);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", encoding);
            using var encoded = await client.SendAsync(request);
            var plainBody = await plain.Content.ReadAsByteArrayAsync();
            var encodedBody = await encoded.Content.ReadAsByteArrayAsync();

            Assert.Equal(encoding, Header(encoded, "Content-Encoding"));
            // Encoded at the fastest level for this request only, so not the bytes a caching instance sends: a weak tag.
            Assert.StartsWith("W/\"", Header(encoded, "ETag"));
            Assert.True(encodedBody.Length < plainBody.Length / 2, $"{url}: {encodedBody.Length} encoded bytes against {plainBody.Length}");
            Assert.Equal(Encoding.UTF8.GetString(plainBody), Encoding.UTF8.GetString(Decode(encodedBody, encoding)));
        }
    }
}
