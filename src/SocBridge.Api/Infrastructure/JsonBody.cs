using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace SocBridge.Api.Infrastructure;

/// <summary>Reads a JSON request body within a size limit, with problem details for every way it can fail.</summary>
internal static class JsonBody
{
    /// <summary>The body's bytes, or a problem: 415 not JSON, 413 too large, 408 too slow, 400 empty.</summary>
    public static async Task<(byte[] Body, ApiProblem? Problem)> Read(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
            return ([], new ApiProblem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                $"the body must be JSON sent as 'Content-Type: application/json', not '{request.ContentType ?? "(none)"}'"));
        if (request.ContentLength is { } declared && declared > limit) return ([], TooLarge(limit, declared));
        byte[] body;
        try
        {
            body = await ReadBounded(request.Body, limit, cancellationToken);
        }
        catch (BodyTooLargeException)
        {
            return ([], TooLarge(limit, null));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ([], TooLarge(limit, null));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            return ([], new ApiProblem(StatusCodes.Status408RequestTimeout, "Request body too slow",
                "the request body arrived more slowly than this instance accepts and was not read to the end; send the whole body at once")
            {
                Parameter = "body",
            });
        }
        if (body.Length == 0)
            return ([], new ApiProblem(StatusCodes.Status400BadRequest, "Empty request body", "the body is empty; send a JSON object") { Parameter = "body" });
        return (body, null);
    }

    /// <summary>A 400 for JSON that could not be read, saying where (JSON path, line and byte).</summary>
    public static ApiProblem Invalid(JsonException e, string what)
    {
        var where = e.Path is { Length: > 0 } path ? $" at {path}" : "";
        var line = e.LineNumber is { } l ? $" (line {l + 1}, byte {e.BytePositionInLine + 1})" : "";
        return new ApiProblem(StatusCodes.Status400BadRequest, $"Invalid {what}", $"the body is not a valid {what}{where}{line}: {Reason(e.Message)}")
        {
            Parameter = e.Path ?? "body",
        };
    }

    /// <summary>The reader's message without its position suffix, and without the serializer's type names.</summary>
    private static string Reason(string message)
    {
        if (message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
            return "the value has the wrong JSON type (the request schema is in /openapi/v1.json)";
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0) message = message[..cut];
        }
        return message.TrimEnd();
    }

    private static ApiProblem TooLarge(long limit, long? declared) =>
        new(StatusCodes.Status413PayloadTooLarge, "Request body too large",
            (declared is { } d ? $"the body is {d.ToString("N0", CultureInfo.InvariantCulture)} bytes; " : "the body is larger than allowed; ") +
            $"at most {limit.ToString("N0", CultureInfo.InvariantCulture)} bytes are accepted (split the request, or use the socbridge command line for files)")
        {
            Parameter = "body",
        };

    private static async Task<byte[]> ReadBounded(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int n;
            while ((n = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + n > limit) throw new BodyTooLargeException();
                buffer.Write(chunk, 0, n);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    private sealed class BodyTooLargeException : Exception;
}
