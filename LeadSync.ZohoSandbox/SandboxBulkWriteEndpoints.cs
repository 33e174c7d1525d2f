namespace LeadSync.ZohoSandbox;

/// <summary>
/// Bulk Write (§6.2) under <c>/crm/bulk/v8</c>: create a job on an uploaded file (500 credits; the dropped-response
/// fault loses the answer after the job exists), follow it, download its per-row result.
/// </summary>
internal static class SandboxBulkWriteEndpoints
{
    public static void MapSandboxBulkWrite(this IEndpointRouteBuilder bulk)
    {
        ArgumentNullException.ThrowIfNull(bulk);
        bulk.MapPost("/write", CreateAsync);
        bulk.MapGet("/write/{id}", Details);
        bulk.MapGet("/write/{id}/result", Result);
    }

    private static IResult Details(string id, [AsParameters] SandboxBulkCall call)
    {
        var (job, error) = SandboxBulkDownloads.Find(call.Jobs, id, read: false);
        return job is null ? error! : SandboxJson.Send(call.Json.WriteDetails(job, SandboxApiCalls.ApiBase(call.Context.Request)), 200);
    }

    /// <summary>The result ZIP (no credits, no download limit: §4.3's limit is documented for Bulk Read only).</summary>
    private static IResult Result(string id, [AsParameters] SandboxBulkCall call, SandboxFaultInjector faults)
    {
        var (job, error) = SandboxBulkDownloads.Find(call.Jobs, id, read: false);
        return job is null ? error! : SandboxBulkDownloads.Send(job, call.Jobs, faults);
    }

    private static async Task<IResult> CreateAsync([AsParameters] SandboxBulkCall call, SandboxBulkCallbackTargets targets, SandboxFieldCatalog catalog)
    {
        var (root, bodyError) = await SandboxBulkBody.ReadAsync(call.Context.Request, call.Aborted);
        if (root is null)
        {
            return bodyError!;
        }

        var (operation, spec, file, error) = SandboxBulkWriteReader.Read(root, call.Jobs, catalog);
        if (error is not null)
        {
            return error;
        }

        var (callbackUrl, callbackError) = SandboxBulkBody.ReadCallback(root, targets);
        if (callbackError is not null)
        {
            return callbackError;
        }

        if (call.Calls.Charge(call.Context, call.Limits.WriteJobCredits) is { } exhausted)
        {
            return exhausted;
        }

        var job = call.Jobs.Add(new SandboxBulkJob
        {
            Id = call.Jobs.NextId(),
            Operation = operation!,
            CreatedTime = call.Json.NowValue(),
            ApiBase = SandboxApiCalls.ApiBase(call.Context.Request),
            CallbackUrl = callbackUrl,
            Write = spec,
            Total = file!.Rows,
        });
        return call.Calls.DropResponse(call.Context) ? Results.Empty : SandboxJson.Send(call.Json.WriteCreated(job), 201);
    }
}
