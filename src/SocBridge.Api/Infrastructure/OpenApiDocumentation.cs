using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SocBridge.Core.Release;

namespace SocBridge.Api.Infrastructure;

/// <summary>
/// Completes the generated OpenAPI document: what each parameter means and accepts (the handlers take
/// parameters as text so that bad values get problem details naming them), what each error response
/// means, and the release the instance serves.
/// </summary>
internal static class OpenApiDocumentation
{
    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer((document, context, _) =>
            {
                var release = context.ApplicationServices.GetRequiredService<SocRelease>();
                document.Info = new OpenApiInfo
                {
                    Title = "SocBridge API",
                    Version = "v1",
                    Description =
                        "Resolve UK Standard Occupational Classification codes of either edition (SOC2010, SOC2020), map them to the " +
                        "other edition with the ONS dual-coded relationship weights, search the ONS coding index and translate small series. " +
                        $"This instance serves crosswalk release `{release.ReleaseId}`. Errors are RFC 7807 problem details. " +
                        "Successful GET answers carry an ETag and Cache-Control; send If-None-Match to get 304 Not Modified. " +
                        "Field names are snake_case throughout (as in the command line's JSON and CSV). " +
                        "No authentication: every endpoint is public and read-only apart from two POST endpoints that compute and store nothing. " +
                        "Browsers may call the GET endpoints from any origin (CORS; JSONP is not offered: CORS does the same without running " +
                        "the answer as script). Answers are compressed with Brotli or gzip when the client accepts them. " +
                        release.Manifest.Attribution,
                    License = new OpenApiLicense
                    {
                        Name = release.Manifest.Licence,
                        Url = new Uri("https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"),
                    },
                };
                // The document describes the instance that serves it, wherever it is bound or proxied.
                document.Servers = [new OpenApiServer { Url = "/", Description = "This instance" }];
                // No authentication: one empty requirement (`"security": [{}]`) says every operation is public.
                document.Security = [new OpenApiSecurityRequirement()];
                document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var examples = context.ApplicationServices.GetRequiredService<ApiExamples>();
                if (operation.OperationId is { } id && examples.For(id) is { Count: > 0 } found &&
                    operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response &&
                    response.Content?.TryGetValue("application/json", out var media) == true && media is not null)
                {
                    media.Examples = found.ToDictionary(e => e.Name, e => (IOpenApiExample)new OpenApiExample { Summary = e.Summary, Value = e.Value });
                }
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                // Row fields are read by converters that take strings, numbers or null alike.
                if (context.JsonTypeInfo.Type == typeof(Contracts.SeriesRowRequest) && schema.Properties is { } properties)
                {
                    properties["code"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Number, Description = "A code of the 'from' edition, e.g. \"2136\" or 2136." };
                    properties["dimensions"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array | JsonSchemaType.Null,
                        Items = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Number | JsonSchemaType.Null },
                        Description = "One value per dimension, in the order of 'dimensions'.",
                    };
                    properties["values"] = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Array | JsonSchemaType.Null,
                        Items = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Number | JsonSchemaType.Null },
                        Description = "One value per value column: a number, a numeric string (thousands separators allowed), an ONS marker such as \"x\" or \":\" (not a value), or null.",
                    };
                }
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, _, _) =>
            {
                foreach (var parameter in operation.Parameters ?? [])
                    if (parameter is OpenApiParameter p && p.In is { } location)
                        Describe(p, location);
                foreach (var (status, response) in operation.Responses ?? [])
                    if (response is OpenApiResponse r && ResponseDescription(status) is { } description)
                        r.Description = description;
                return Task.CompletedTask;
            });
        });

    /// <summary>The tags of the operations, in the order the reference shows them.</summary>
    public static IReadOnlyList<(string Name, string Description)> Tags { get; } =
    [
        ("SOC codes", "Look up a code of either edition (any level) and map it to the other edition with the ONS dual-coded weights."),
        ("Search", "Search the job titles of the ONS coding index; each title comes with its SOC2010 and SOC2020 codes."),
        ("Coding", "Code free-text job titles (as written in adverts or surveys) to SOC2020 and SOC2010 unit groups."),
        ("Apportionment", "Translate a small series (counts, means, medians by code) from one edition to the other."),
        ("Compatibility", "The routes and answer shape of the existing careers service (`/api/v1/soc/code/{code}`, `/api/v1/soc/search`), so that its clients switch by changing the base URL."),
        ("Release", "The crosswalk release this instance serves: ONS sources and release files with their SHA-256 hashes."),
        ("Audit", "The audit report of the crosswalk weights, as one self-contained HTML page."),
        ("Health", "Liveness and readiness, for load balancers and orchestrators."),
    ];

    private static void Describe(OpenApiParameter p, ParameterLocation location)
    {
        static OpenApiSchema Text(params string[] values) => new()
        {
            Type = JsonSchemaType.String,
            Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))],
        };
        static OpenApiSchema Integer(int min, int max, int? byDefault = null) => new()
        {
            Type = JsonSchemaType.Integer,
            Minimum = min.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Maximum = max.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Default = byDefault is { } d ? JsonValue.Create(d) : null,
        };

        switch (p.Name, location)
        {
            case ("version", ParameterLocation.Path):
                p.Description = "SOC edition of the code: 2010 or 2020.";
                p.Schema = Text("2010", "2020");
                p.Example = JsonValue.Create("2010");
                break;
            case ("version", ParameterLocation.Query):
                p.Description = "SOC edition of the code(s): 2010 (default, as the existing service) or 2020.";
                p.Schema = Text("2010", "2020");
                ((OpenApiSchema)p.Schema).Default = JsonValue.Create("2010");
                break;
            case ("code", ParameterLocation.Path):
                p.Description = "A code of any level: 1 digit (major group) to 4 digits (unit group), e.g. 2136. A 'SOC2010:' style prefix naming the same edition is accepted.";
                p.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 16 };
                p.Example = JsonValue.Create("2136");
                break;
            case ("to", _):
                p.Description = "Edition to map to. Only the other edition is allowed; it is the default.";
                p.Schema = Text("2010", "2020");
                break;
            case ("level", _):
                p.Description = "Level of the targets: 1 major, 2 sub-major, 3 minor, 4 unit group. Default: the level of the code.";
                p.Schema = Integer(1, 4);
                break;
            case ("weights", _):
                p.Description = "Dual-coded sample the weights come from: lfs (Labour Force Survey 2014–16; default), census (2011 Census 1% sample, England and Wales) or pooled (both).";
                p.Schema = Text("lfs", "census", "pooled");
                ((OpenApiSchema)p.Schema).Default = JsonValue.Create("lfs");
                break;
            case ("sex", _):
                p.Description = "Whose records the weights count: all (default), men or women. When the chosen sample has no record for the code, the documented fallback applies and the answer says so.";
                p.Schema = Text("all", "men", "women");
                ((OpenApiSchema)p.Schema).Default = JsonValue.Create("all");
                break;
            case ("interval", _):
                p.Description = "Optional central probability (strictly between 0 and 1, e.g. 0.95) of an interval for each weight, from the Dirichlet posterior with the joint sample counts as parameters.";
                p.Schema = new OpenApiSchema { Type = JsonSchemaType.Number, ExclusiveMinimum = "0", ExclusiveMaximum = "1" };
                break;
            case ("q", _):
                p.Description = "Job title words, e.g. 'software developer' (1 to 200 characters).";
                p.Required = true;
                p.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = RequestParameters.MaxQueryLength };
                p.Example = JsonValue.Create("software developer");
                break;
            case ("soc", _):
                p.Description = "both (default): every matching index title with both codes; 2010 or 2020: the best matching title of each unit group of that edition.";
                p.Schema = Text("both", "2010", "2020");
                ((OpenApiSchema)p.Schema).Default = JsonValue.Create("both");
                break;
            case ("title", _):
                p.Description = "A free-text job title, e.g. 'senior software engineer' (1 to 200 characters).";
                p.Required = true;
                p.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Services.CodeService.MaxTitleLength };
                p.Example = JsonValue.Create("senior software engineer");
                break;
            case ("industry", _):
                p.Description = "Optional: the employer's industry, read against the index titles' industry qualifiers: a SIC2007 section or division code ('K', '64', 'K64') or a few words ('bank').";
                p.Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Services.CodeService.MaxIndustryLength };
                p.Example = JsonValue.Create("K");
                break;
            case ("top", _):
                p.Description = $"Candidates to return in each edition, 1 to {Services.CodeService.MaxTop} (default {Services.CodeService.DefaultTop}).";
                p.Schema = Integer(1, Services.CodeService.MaxTop, Services.CodeService.DefaultTop);
                break;
            case ("limit", _):
                p.Description = $"Most results to return, 1 to {RequestParameters.MaxSearchLimit} (default {RequestParameters.DefaultSearchLimit}, as the existing service).";
                p.Schema = Integer(1, RequestParameters.MaxSearchLimit, RequestParameters.DefaultSearchLimit);
                break;
        }
    }

    private static string? ResponseDescription(string status) => status switch
    {
        "304" => "Not Modified: the If-None-Match header names the current ETag.",
        "400" => "Malformed code or invalid parameter: problem details naming the parameter, the value given and what is allowed.",
        "404" => "Unknown code: problem details naming the code and the nearest valid codes.",
        "413" => "The request body is larger than this instance accepts.",
        "415" => "The request body is not JSON.",
        "429" => "Too many requests from this client (when rate limiting is on): problem details and Retry-After.",
        "503" => "The instance is busy, still warming up, or the request timed out: problem details and Retry-After.",
        _ => null,
    };
}

/// <summary>Response metadata shared by the endpoints.</summary>
internal static class EndpointConventions
{
    /// <summary>A cacheable JSON answer: 200 with the body, 304 when If-None-Match matches, and the load-shedding errors.</summary>
    public static RouteHandlerBuilder ProducesCachedJson<T>(this RouteHandlerBuilder builder) =>
        builder.Produces<T>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesLoadProblems();

    public static RouteHandlerBuilder ProducesLoadProblems(this RouteHandlerBuilder builder) =>
        builder.ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
