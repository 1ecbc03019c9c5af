namespace SocBridge.Api.Contracts;

/// <summary>The crosswalk release every answer comes from (GET /v1/release).</summary>
public sealed record ReleaseResponse(
    string ReleaseId,
    int FormatVersion,
    string Licence,
    string Attribution,
    IReadOnlyList<ReleaseSourceFile> Sources,
    IReadOnlyList<ReleaseDataFile> Files,
    IReadOnlyDictionary<string, int> Counts);

/// <summary>An original ONS file the release was built from, with its SHA-256.</summary>
public sealed record ReleaseSourceFile(string File, string Title, string Url, long Bytes, string Sha256);

/// <summary>A file of the release with its SHA-256 and row count.</summary>
public sealed record ReleaseDataFile(string File, string Sha256, int Rows);

/// <summary>Liveness of an instance (GET /health): the process answers and its release is loaded.</summary>
public sealed record HealthResponse(string Status, string ReleaseId);

/// <summary>
/// Readiness of an instance (GET /health/ready): <c>ready</c> once every model is built, else <c>warming up</c>
/// (with what is still <c>pending</c>), <c>failed</c> (a model could not be built) or <c>stopping</c>.
/// </summary>
public sealed record ReadinessResponse(string Status, string ReleaseId, IReadOnlyList<string> Pending, IReadOnlyList<string> Failed);
