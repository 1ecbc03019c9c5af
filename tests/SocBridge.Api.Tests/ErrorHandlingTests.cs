using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SocBridge.Api.Tests.Support;

namespace SocBridge.Api.Tests;

[Collection(ApiCollection.Name)]
public class ErrorHandlingTests(ApiFixture api)
{
    [Theory]
    [InlineData("/v2/soc/2010/2136")]
    [InlineData("/v1/soc/2010")]
    [InlineData("/v1/soc/2010/2136/map/extra")]
    [InlineData("/soc/code")]
    public async Task Unknown_route_is_a_404_problem(string url)
    {
        var problem = Problems.Assert(await api.Client.Fetch(url), 404);

        Assert.Contains("/openapi/v1.json", (string?)problem["detail"]);
        Assert.Equal(url, (string?)problem["instance"]);
    }

    [Fact]
    public async Task Wrong_method_is_a_405_problem()
    {
        var response = await api.Client.PostJson("/v1/soc/2010/2136", "{}");

        var problem = Problems.Assert(response, 405);
        Assert.Contains("POST", (string?)problem["detail"]);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Development")]
    public async Task An_unexpected_exception_is_a_500_problem_without_a_stack_trace(string environment)
    {
        using var factory = api.Configure(new Dictionary<string, string?> { ["Api:RateLimit:Enabled"] = "false" }, environment)
            .WithWebHostBuilder(web => web.ConfigureServices(services => services.AddSingleton<IStartupFilter, ThrowingRoute>()));
        using var client = factory.CreateClient();

        var response = await client.Fetch("/test/throw");

        var problem = Problems.Assert(response, 500);
        Assert.DoesNotContain("secret internal detail", response.Body);
        Assert.DoesNotContain("InvalidOperationException", response.Body);
        Assert.DoesNotContain("ThrowingRoute", response.Body);
        Assert.NotNull(problem["trace_id"]);
    }

    /// <summary>Adds, after the API's own pipeline, a path that throws.</summary>
    private sealed class ThrowingRoute : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
                context.Request.Path == "/test/throw"
                    ? throw new InvalidOperationException("secret internal detail")
                    : nextMiddleware(context));
        };
    }
}
