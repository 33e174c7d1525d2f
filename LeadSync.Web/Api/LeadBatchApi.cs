using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using LeadSync.Core.Api;
using LeadSync.Core.Leads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadSync.Web.Api;

/// <summary>
/// <c>POST /api/leads/batch</c>: up to 1,000 creates, updates and deletes in one request, each in its own transaction
/// through <see cref="LeadCommands"/>, answered with one result per operation. With an <c>Idempotency-Key</c> header
/// (<see cref="IdempotencyStore"/>) a retried request is answered from the first run instead of running again; once
/// claimed, a batch runs to its end even if the caller hangs up, so that answer always exists.
/// </summary>
internal static class LeadBatchApi
{
    public const string Path = "/batch";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapLeadBatchApi(this RouteGroupBuilder leads)
    {
        leads.MapPost(Path, BatchAsync).WithName("BatchLeads")
            .WithSummary("Applies up to 1,000 lead creates/updates/deletes, one transaction each, with a result per operation. "
                + "Send an Idempotency-Key header (1-200 visible ASCII characters, kept 24 h) so a retry never applies twice.")
            .Accepts<LeadBatchRequest>("application/json")
            .Produces<LeadBatchResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return leads;
    }

    private static async Task<IResult> BatchAsync(HttpContext context, LeadCommands commands, LeadQueries queries, IdempotencyStore idempotency)
    {
        var key = IdempotencyKey.Read(context.Request);
        var (batch, body) = await ApiJson.ReadWithBytesAsync<LeadBatchRequest>(context.Request, context.RequestAborted);
        if (batch.Operations is not { Count: > 0 and <= LeadBatchRequest.MaxOperations } operations)
        {
            return ApiProblems.Validation("operations", $"operations must hold 1 to {LeadBatchRequest.MaxOperations:N0} operations.");
        }

        if (key is null)
        {
            return TypedResults.Ok(await LeadBatchRunner.RunAsync(commands, queries, operations));
        }

        var scope = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";
        var claim = await idempotency.ClaimAsync(scope, key, Hash(context.Request, body), context.RequestAborted);
        return claim.Kind switch
        {
            IdempotencyClaimKind.Replay => Replay(context.Response, claim.Record!),
            IdempotencyClaimKind.InProgress => InProgress(context.Response),
            IdempotencyClaimKind.Mismatch => TypedResults.Problem(
                $"{IdempotencyHeader} '{key}' was used for a different request; use a new key for a new request.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused"),
            _ => await RunClaimedAsync(() => LeadBatchRunner.RunAsync(commands, queries, operations), idempotency, scope, key),
        };
    }

    private static async Task<IResult> RunClaimedAsync(
        Func<Task<LeadBatchResponse>> run, IdempotencyStore idempotency, string scope, string key)
    {
        string json;
        try
        {
            json = JsonSerializer.Serialize(await run(), Json);
            await idempotency.CompleteAsync(scope, key, StatusCodes.Status200OK, json, CancellationToken.None);
        }
        catch
        {
            await idempotency.ReleaseAsync(scope, key, CancellationToken.None);
            throw;
        }

        return TypedResults.Text(json, "application/json", statusCode: StatusCodes.Status200OK);
    }

    private static ContentHttpResult Replay(HttpResponse response, IdempotencyRecord record)
    {
        response.Headers[ReplayedHeader] = "true";
        return TypedResults.Text(record.ResponseBody ?? "{}", "application/json", statusCode: record.StatusCode ?? StatusCodes.Status200OK);
    }

    private static ProblemHttpResult InProgress(HttpResponse response)
    {
        response.Headers.RetryAfter = "5";
        return TypedResults.Problem($"A request with this {IdempotencyHeader} is still running; retry in a few seconds to get its answer.",
            statusCode: StatusCodes.Status409Conflict, title: "Request in progress");
    }

    /// <summary>What the request asked: method, path and body (the same key with another body is refused).</summary>
    private static string Hash(HttpRequest request, byte[] body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}\n"));
        sha.AppendData(body);
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
