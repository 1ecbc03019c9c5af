using Microsoft.AspNetCore.Mvc;
using SocBridge.Api.Contracts;
using SocBridge.Core.Lookup;

namespace SocBridge.Api.Infrastructure;

/// <summary>
/// A failure to answer, written as RFC 7807 problem details. Bad input names the parameter, the value
/// given and what is allowed; an unknown code names the code and the nearest valid codes.
/// </summary>
internal sealed record ApiProblem(int Status, string Title, string Detail)
{
    public string? Parameter { get; init; }
    public string? Value { get; init; }
    public string? Allowed { get; init; }
    public IReadOnlyList<CodeRef>? Suggestions { get; init; }
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }

    public static ApiProblem BadParameter(string parameter, string? value, string allowed, string detail) =>
        new(StatusCodes.Status400BadRequest, $"Invalid parameter '{parameter}'", detail)
        {
            Parameter = parameter,
            Value = value,
            Allowed = allowed,
        };

    /// <summary>A code that is malformed (400, naming the <paramref name="parameter"/>) or names no group (404).</summary>
    public static ApiProblem FromLookupFailure(LookupFailure failure, string parameter = "code")
    {
        var suggestions = failure.Suggestions.Select(s => new CodeRef(s.Code, s.Title)).ToArray();
        var edition = "SOC" + ((int)failure.Version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return failure.Malformed
            ? new ApiProblem(StatusCodes.Status400BadRequest, $"Invalid parameter '{parameter}'", failure.Message)
            {
                Parameter = parameter,
                Value = failure.Input,
                Allowed = $"a {edition} code of 1 to 4 digits, the first 1-9, such as 2136 (unit group), 213, 21 or 2",
                Suggestions = suggestions,
            }
            : new ApiProblem(StatusCodes.Status404NotFound, $"Unknown {edition} code", failure.Message)
            {
                Parameter = parameter,
                Value = failure.Input.Trim(),
                Suggestions = suggestions,
            };
    }

    public IResult ToResult()
    {
        var problem = Errors is null ? new ProblemDetails() : new HttpValidationProblemDetails(Errors.ToDictionary(e => e.Key, e => e.Value));
        problem.Status = Status;
        problem.Title = Title;
        problem.Detail = Detail;
        if (Parameter is not null) problem.Extensions["parameter"] = Parameter;
        if (Value is not null) problem.Extensions["value"] = Value;
        if (Allowed is not null) problem.Extensions["allowed"] = Allowed;
        if (Suggestions is not null) problem.Extensions["suggestions"] = Suggestions.ToArray();
        return Results.Problem(problem);
    }
}
