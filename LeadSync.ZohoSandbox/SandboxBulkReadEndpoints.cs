namespace LeadSync.ZohoSandbox;

/// <summary>
/// Bulk Read (§6.1) under <c>/crm/bulk/v8</c>: create a job (50 credits), follow it, download its page as a ZIP holding
/// one CSV (10 downloads a minute, then 429).
/// </summary>
internal static class SandboxBulkReadEndpoints
{
    public static void MapSandboxBulkRead(this IEndpointRouteBuilder bulk)
    {
        ArgumentNullException.ThrowIfNull(bulk);
        bulk.MapPost("/read", CreateAsync);
        bulk.MapGet("/read/{id}", Details);
        bulk.MapGet("/read/{id}/result", Result);
    }

    private static async Task<IResult> CreateAsync([AsParameters] SandboxBulkCall call, SandboxBulkCallbackTargets targets)
    {
        var (root, bodyError) = await SandboxBulkBody.ReadAsync(call.Context.Request, call.Aborted);
        if (root is null)
        {
            return bodyError!;
        }

        var (spec, error) = SandboxBulkReadReader.Read(root, call.Jobs, call.Json.NowValue());
        if (error is not null)
        {
            return error;
        }

        var (callbackUrl, callbackError) = SandboxBulkBody.ReadCallback(root, targets);
        if (callbackError is not null)
        {
            return callbackError;
        }

        if (call.Calls.Charge(call.Context, call.Limits.ReadJobCredits) is { } exhausted)
        {
            return exhausted;
        }

        var job = call.Jobs.Add(new SandboxBulkJob
        {
            Id = call.Jobs.NextId(),
            Operation = "read",
            CreatedTime = call.Json.NowValue(),
            ApiBase = SandboxApiCalls.ApiBase(call.Context.Request),
            CallbackUrl = callbackUrl,
            Read = spec,
        });
        return SandboxJson.Send(call.Json.ReadCreated(job), 201);
    }

    private static IResult Details(string id, [AsParameters] SandboxBulkCall call)
    {
        var (job, error) = SandboxBulkDownloads.Find(call.Jobs, id, read: true);
        return job is null ? error! : SandboxJson.Send(new System.Text.Json.Nodes.JsonObject { ["data"] = new System.Text.Json.Nodes.JsonArray(call.Json.ReadDetails(job)) }, 200);
    }

    private static IResult Result(string id, [AsParameters] SandboxBulkCall call, SandboxFaultInjector faults, SandboxDownloadLimiter limiter)
    {
        var (job, error) = SandboxBulkDownloads.Find(call.Jobs, id, read: true);
        if (job is null)
        {
            return error!;
        }

        if (job.ResultExpiredAt(call.Json.NowValue()))
        {
            return SandboxJson.Error(404, "RESOURCE_NOT_FOUND", "the Bulk Read result has expired: a result can be downloaded for one day after its job was created");
        }

        return limiter.TryTake()
            ? SandboxBulkDownloads.Send(job, call.Jobs, faults)
            : SandboxJson.Error(429, "TOO_MANY_REQUESTS", $"at most {call.Limits.DownloadsPerMinute} Bulk Read results can be downloaded per minute");
    }
}
