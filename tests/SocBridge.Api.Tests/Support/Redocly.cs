using System.Diagnostics;
using System.Text.Json.Nodes;

namespace SocBridge.Api.Tests.Support;

/// <summary>The OpenAPI linter from npm (@redocly/cli), when it is installed (.ci/run installs it).</summary>
public static class Redocly
{
    public static string? Executable { get; } = Find();

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "redocly"))
            .FirstOrDefault(File.Exists);

    public static async Task<(int Exit, string Output)> Lint(string file)
    {
        var start = new ProcessStartInfo(Executable!, ["lint", file, "--extends=recommended"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(file)!,
        };
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}

/// <summary>A fact that skips, saying why, when the redocly linter is not installed.</summary>
public sealed class RedoclyFactAttribute : FactAttribute
{
    public RedoclyFactAttribute()
    {
        if (Redocly.Executable is null)
            Skip = "the OpenAPI linter is not installed: run 'npm install -g @redocly/cli@2.77.0' (.ci/run does) to lint the document";
    }
}

/// <summary>
/// Checks a JSON value against an OpenAPI 3.1 schema of the document: types (with null), required and only
/// declared properties, items, $ref and enums. Enough to tell whether two writers produce one shape.
/// </summary>
public static class SharedSchema
{
    public static int RunCli(string[] args, TextWriter output) =>
        SocBridge.Cli.CliApp.Create().Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = output, Error = new StringWriter() });

    public static List<string> Problems(JsonNode? value, JsonNode schema, JsonNode schemas, string at)
    {
        var problems = new List<string>();
        Check(value, schema, schemas, at, problems);
        return problems;
    }

    private static void Check(JsonNode? value, JsonNode schema, JsonNode schemas, string at, List<string> problems)
    {
        if (schema["$ref"] is { } reference)
        {
            var name = ((string)reference!).Split('/').Last();
            Check(value, schemas[name] ?? throw new InvalidOperationException($"no schema {name}"), schemas, at, problems);
            return;
        }
        if ((schema["oneOf"] ?? schema["anyOf"]) is { } choices)
        {
            if (!choices.AsArray().Any(c => Problems(value, c!, schemas, at).Count == 0)) problems.Add($"{at}: matches none of the choices");
            return;
        }
        var types = schema["type"] switch
        {
            null => null,
            JsonArray list => list.Select(t => (string)t!).ToArray(),
            var one => [(string)one!],
        };
        var kind = value switch
        {
            null => "null",
            JsonObject => "object",
            JsonArray => "array",
            _ => value.GetValueKind() switch
            {
                System.Text.Json.JsonValueKind.String => "string",
                System.Text.Json.JsonValueKind.Number => "number",
                System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
                _ => "null",
            },
        };
        if (types is not null && !types.Contains(kind) && !(kind == "number" && types.Contains("integer")))
        {
            problems.Add($"{at}: is {kind}, the schema says {string.Join("|", types)}");
            return;
        }
        if (value is JsonObject obj && schema["properties"] is JsonObject properties)
        {
            foreach (var required in schema["required"]?.AsArray().Select(r => (string)r!) ?? [])
                if (!obj.ContainsKey(required)) problems.Add($"{at}: lacks {required}");
            foreach (var (key, item) in obj)
            {
                if (properties[key] is { } property) Check(item, property, schemas, $"{at}.{key}", problems);
                else problems.Add($"{at}: has {key}, which the schema does not declare");
            }
        }
        if (value is JsonArray array && schema["items"] is { } items)
            for (var i = 0; i < array.Count; i++) Check(array[i], items, schemas, $"{at}[{i}]", problems);
    }
}
