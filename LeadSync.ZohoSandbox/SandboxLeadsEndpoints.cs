using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace LeadSync.ZohoSandbox;

/// <summary>The Leads records API (§2.2–§2.8) under <c>/crm/v8</c>.</summary>
internal static class SandboxLeadsEndpoints
{
    public static void MapSandboxLeads(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/Leads", (HttpContext context, SandboxListHandler handler) => handler.List(context));
        api.MapGet("/Leads/deleted", (HttpContext context, SandboxDeletedHandler handler) => handler.List(context));
        api.MapGet("/Leads/actions/count", Count);
        api.MapGet("/Leads/{id}", GetOne);
        api.MapPost("/Leads", InsertAsync);
        api.MapPut("/Leads", UpdateAsync);
        api.MapPut("/Leads/{id}", UpdateOneAsync);
        api.MapPost("/Leads/upsert", UpsertAsync);
        api.MapDelete("/Leads", DeleteAsync);
        api.MapDelete("/Leads/{id}", DeleteOneAsync);
    }

    // A minimal-API handler: the route's id, then the request and four services, all injected per call.
    private static IResult GetOne(string id, HttpContext context, SandboxLeadStore store, SandboxJson json, SandboxApiCalls calls, IOptions<ZohoSandboxOptions> options)
    {
        if (calls.Charge(context, 1) is { } exhausted)
        {
            return exhausted;
        }

        if (SandboxLeadService.ParseId(id) is { } key && store.Find(key) is { } lead)
        {
            return SandboxJson.Send(new JsonObject { ["data"] = new JsonArray(json.Record(lead)) }, 200);
        }

        return options.Value.UnknownIdResponse == SandboxUnknownIdResponse.NoContent
            ? Results.StatusCode(204)
            : SandboxJson.Error(400, "INVALID_DATA", "the id given seems to be invalid", new JsonObject { ["resource_path_index"] = 1 });
    }

    /// <summary>The record count (<c>GET /Leads/actions/count</c>): <c>{"count": N}</c>, 1 credit.</summary>
    private static IResult Count(HttpContext context, SandboxLeadStore store, SandboxApiCalls calls, string? criteria = null)
    {
        var (count, error) = SandboxRecordCount.Count(store, criteria);
        return error ?? calls.Charge(context, 1) ?? SandboxJson.Send(new JsonObject { ["count"] = count }, 200);
    }

    private static Task<IResult> InsertAsync([AsParameters] SandboxLeadsCall call, CancellationToken cancellationToken) =>
        WriteAsync(call, 201, upsert: false, (request, ct) => call.Leads.InsertAsync(request.Records, request.RunWorkflows, ct), cancellationToken);

    /// <summary>
    /// <c>PUT /Leads</c> (§2.5). With <c>If-Unmodified-Since</c>, each record modified after that time fails with
    /// <c>ALREADY_MODIFIED</c> and is not written; when every record fails so, the answer is HTTP 412 (Zoho documents 412
    /// for the header; how it reports a bulk update with some records modified is not documented, so the sandbox keeps
    /// Zoho's per-record 207 shape for a mix).
    /// </summary>
    private static Task<IResult> UpdateAsync([AsParameters] SandboxLeadsCall call, CancellationToken cancellationToken)
    {
        if (!TryReadUnmodifiedSince(call.Context, out var since, out var invalid))
        {
            return Task.FromResult(invalid!);
        }

        return WriteAsync(call, 200, upsert: false,
            (request, ct) => call.Leads.UpdateAsync(request.Records, request.RunWorkflows, idInPath: false, ct, since), cancellationToken);
    }

    /// <summary><c>PUT /Leads/{id}</c>: a record modified after <c>If-Unmodified-Since</c> is a request-level 412 <c>ALREADY_MODIFIED</c>.</summary>
    private static Task<IResult> UpdateOneAsync(string id, [AsParameters] SandboxLeadsCall call, CancellationToken cancellationToken)
    {
        if (!TryReadUnmodifiedSince(call.Context, out var since, out var invalid))
        {
            return Task.FromResult(invalid!);
        }

        return WriteAsync(call, 200, upsert: false,
            (request, ct) => call.Leads.UpdateAsync([request.Records[0] with { Id = id }], request.RunWorkflows, idInPath: true, ct, since), cancellationToken);
    }

    private static bool TryReadUnmodifiedSince(HttpContext context, out DateTimeOffset? since, out IResult? invalid)
    {
        since = null;
        invalid = null;
        var header = context.Request.Headers["If-Unmodified-Since"].ToString();
        if (header.Length == 0)
        {
            return true;
        }

        since = SandboxClock.Parse(header);
        if (since is null)
        {
            invalid = SandboxJson.Error(400, "INVALID_DATA", "If-Unmodified-Since must be an ISO 8601 date-time with an offset, e.g. 2024-05-01T10:20:30+05:30",
                new JsonObject { ["param_name"] = "If-Unmodified-Since" });
            return false;
        }

        return true;
    }

    private static Task<IResult> UpsertAsync([AsParameters] SandboxLeadsCall call, CancellationToken cancellationToken) =>
        WriteAsync(call, 200, upsert: true,
            (request, ct) => call.Leads.UpsertAsync(request.Records, request.DuplicateCheckFields, request.RunWorkflows, ct), cancellationToken);

    /// <summary>
    /// A write call (§2.4–§2.6): the body, the heavy-request pool for more than 10 records, the credits, the write itself,
    /// then the answer (none when the dropped-response fault strikes).
    /// </summary>
    private static async Task<IResult> WriteAsync(
        SandboxLeadsCall call,
        int allOkStatus,
        bool upsert,
        Func<SandboxWriteRequest, CancellationToken, Task<IReadOnlyList<SandboxWriteItem>>> write,
        CancellationToken cancellationToken)
    {
        var (read, error) = await SandboxWriteRequestReader.ReadAsync(call.Context.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        using var request = read!;
        var (lease, busy) = call.Calls.EnterWrite(request.Records.Count);
        using (lease)
        {
            if (busy is not null)
            {
                return busy;
            }

            if (call.Calls.Charge(call.Context, SandboxApiCalls.WriteCredits(request.Records.Count)) is { } exhausted)
            {
                return exhausted;
            }

            // The write completes even when the caller goes away: Zoho does not roll back on a dropped connection.
            var items = await write(request, CancellationToken.None);
            return call.Calls.DropResponse(call.Context) ? Results.Empty : Answer(call.Json, items, allOkStatus, upsert);
        }
    }

    /// <summary>
    /// The per-record items with 200/201, 207 or 400; 412 when every record was modified after If-Unmodified-Since (the
    /// request-level error when the one record's id was in the path).
    /// </summary>
    private static IResult Answer(SandboxJson json, IReadOnlyList<SandboxWriteItem> items, int allOkStatus, bool upsert)
    {
        if (items.Count > 0 && items.All(i => i.Error?.Code == "ALREADY_MODIFIED"))
        {
            return items.Count == 1 && items[0].Error!.JsonPath is null
                ? SandboxJson.Error(412, "ALREADY_MODIFIED", items[0].Error!.Message, new JsonObject { ["resource_path_index"] = 1 })
                : SandboxJson.Send(json.WriteItems(items, upsert), 412);
        }

        return SandboxJson.Send(json.WriteItems(items, upsert), SandboxJson.WriteStatus(items, allOkStatus));
    }

    private static async Task<IResult> DeleteAsync([AsParameters] SandboxLeadsCall call)
    {
        var ids = call.Context.Request.Query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            return SandboxJson.MissingParam("ids");
        }

        if (ids.Length > SandboxWriteRequestReader.MaxRecords)
        {
            return SandboxJson.Error(400, "LIMIT_EXCEEDED", $"at most {SandboxWriteRequestReader.MaxRecords} ids can be deleted in one call",
                new JsonObject { ["param_name"] = "ids", ["limit"] = SandboxWriteRequestReader.MaxRecords });
        }

        return await DeleteIdsAsync(call, ids);
    }

    private static Task<IResult> DeleteOneAsync(string id, [AsParameters] SandboxLeadsCall call) => DeleteIdsAsync(call, [id]);

    private static async Task<IResult> DeleteIdsAsync(SandboxLeadsCall call, string[] ids)
    {
        if (call.Calls.Charge(call.Context, 1) is { } exhausted)
        {
            return exhausted;
        }

        var items = await call.Leads.DeleteAsync(ids, CancellationToken.None);
        if (call.Calls.DropResponse(call.Context))
        {
            return Results.Empty;
        }

        return SandboxJson.Send(call.Json.WriteItems(items, upsert: false), SandboxJson.WriteStatus(items, 200));
    }
}
