using LeadSync.Core.Api;

namespace LeadSync.Web.Api;

/// <summary>Reads and checks the <c>Idempotency-Key</c> header: absent, or 1–200 visible ASCII characters.</summary>
internal static class IdempotencyKey
{
    public static string? Read(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(LeadBatchApi.IdempotencyHeader, out var values))
        {
            return null;
        }

        var key = values.Count == 1 ? values[0] : null;
        if (key is null || key.Length is 0 or > IdempotencyRecord.KeyMaxLength || key.Any(c => c is < '!' or > '~'))
        {
            throw new ApiBadRequestException(StatusCodes.Status400BadRequest, "Invalid Idempotency-Key",
                $"{LeadBatchApi.IdempotencyHeader} must be one value of 1 to {IdempotencyRecord.KeyMaxLength} visible ASCII characters (e.g. a UUID).");
        }

        return key;
    }
}
