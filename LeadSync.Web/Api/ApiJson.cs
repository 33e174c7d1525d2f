using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadSync.Web.Api;

/// <summary>Reads JSON request bodies strictly, turning every failure into a clear 400/415 problem.</summary>
internal static class ApiJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        EnsureJson(request);
        T? value;
        try
        {
            value = await request.ReadFromJsonAsync<T>(Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new ApiBadRequestException(StatusCodes.Status400BadRequest, "Malformed JSON",
                $"The request body is not valid JSON for this endpoint: {Describe(ex)}");
        }

        return value ?? throw new ApiBadRequestException(StatusCodes.Status400BadRequest, "Missing body",
            "The request body must be a JSON object.");
    }

    /// <summary>
    /// Reads the body as bytes (for endpoints that also hash what was asked, e.g. idempotent ones) and parses it as
    /// <see cref="ReadAsync{T}"/> does.
    /// </summary>
    public static async Task<(T Value, byte[] Body)> ReadWithBytesAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        EnsureJson(request);
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        T? value;
        try
        {
            value = JsonSerializer.Deserialize<T>(body, Options);
        }
        catch (JsonException ex)
        {
            throw new ApiBadRequestException(StatusCodes.Status400BadRequest, "Malformed JSON",
                $"The request body is not valid JSON for this endpoint: {Describe(ex)}");
        }

        return (value ?? throw new ApiBadRequestException(StatusCodes.Status400BadRequest, "Missing body", "The request body must be a JSON object."), body);
    }

    private static void EnsureJson(HttpRequest request)
    {
        if (!request.HasJsonContentType())
        {
            throw new ApiBadRequestException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send the request body as JSON with 'Content-Type: application/json'.");
        }
    }

    private static string Describe(JsonException ex)
    {
        // System.Text.Json names .NET types in some messages; keep the position, which is what a caller needs.
        var where = ex.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
        var line = ex.LineNumber is { } l ? $" (line {l + 1}, byte {ex.BytePositionInLine + 1})" : string.Empty;
        var what = ex.Message.Contains("could not be mapped", StringComparison.Ordinal) ? "unknown property"
            : ex.Message.Contains("could not be converted", StringComparison.Ordinal) ? "wrong value type"
            : "syntax error";
        return $"{what}{where}{line}.";
    }
}
