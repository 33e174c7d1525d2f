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
        api.MapGet("/Leads/{id}", GetOne);
        api.MapPost("/Leads", InsertAsync);
        api.MapPut("/Leads", UpdateAsync);
        api.MapPut("/Leads/{id}", UpdateOneAsync);
        api.MapPost("/Leads/upsert", UpsertAsync);
        api.MapDelete("/Leads", DeleteAsync);
        api.MapDelete("/Leads/{id}", DeleteOneAsync);
    }

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

    private static Task<IResult> InsertAsync(HttpContext context, SandboxLeadService leads, SandboxJson json, SandboxApiCalls calls, CancellationToken cancellationToken) =>
        WriteAsync(context, calls, json, 201, upsert: false, (request, ct) => leads.InsertAsync(request.Records, request.RunWorkflows, ct), cancellationToken);

    /// <summary>
    /// <c>PUT /Leads</c> (§2.5). With <c>If-Unmodified-Since</c>, each record modified after that time fails with
    /// <c>ALREADY_MODIFIED</c> and is not written; when every record fails so, the answer is HTTP 412 (Zoho documents 412
    /// for the header; how it reports a bulk update with some records modified is not documented, so the sandbox keeps
    /// Zoho's per-record 207 shape for a mix).
    /// </summary>
    private static Task<IResult> UpdateAsync(HttpContext context, SandboxLeadService leads, SandboxJson json, SandboxApiCalls calls, CancellationToken cancellationToken)
    {
        if (!TryReadUnmodifiedSince(context, out var since, out var invalid))
        {
            return Task.FromResult(invalid!);
        }

        return WriteAsync(context, calls, json, 200, upsert: false,
            (request, ct) => leads.UpdateAsync(request.Records, request.RunWorkflows, idInPath: false, ct, since), cancellationToken);
    }

    /// <summary><c>PUT /Leads/{id}</c>: a record modified after <c>If-Unmodified-Since</c> is a request-level 412 <c>ALREADY_MODIFIED</c>.</summary>
    private static Task<IResult> UpdateOneAsync(string id, HttpContext context, SandboxLeadService leads, SandboxJson json, SandboxApiCalls calls, CancellationToken cancellationToken)
    {
        if (!TryReadUnmodifiedSince(context, out var since, out var invalid))
        {
            return Task.FromResult(invalid!);
        }

        return WriteAsync(context, calls, json, 200, upsert: false,
            (request, ct) => leads.UpdateAsync([request.Records[0] with { Id = id }], request.RunWorkflows, idInPath: true, ct, since), cancellationToken);
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

    private static Task<IResult> UpsertAsync(HttpContext context, SandboxLeadService leads, SandboxJson json, SandboxApiCalls calls, CancellationToken cancellationToken) =>
        WriteAsync(context, calls, json, 200, upsert: true,
            (request, ct) => leads.UpsertAsync(request.Records, request.DuplicateCheckFields, request.RunWorkflows, ct), cancellationToken);

    private static async Task<IResult> WriteAsync(
        HttpContext context,
        SandboxApiCalls calls,
        SandboxJson json,
        int allOkStatus,
        bool upsert,
        Func<SandboxWriteRequest, CancellationToken, Task<IReadOnlyList<SandboxWriteItem>>> write,
        CancellationToken cancellationToken)
    {
        var (request, error) = await SandboxWriteRequestReader.ReadAsync(context.Request, cancellationToken);
        if (error is not null)
        {
            return error;
        }

        var (lease, busy) = calls.EnterWrite(request!.Records.Count);
        using (lease)
        {
            if (busy is not null)
            {
                return busy;
            }

            if (calls.Charge(context, SandboxApiCalls.WriteCredits(request.Records.Count)) is { } exhausted)
            {
                return exhausted;
            }

            // The write completes even when the caller goes away: Zoho does not roll back on a dropped connection.
            var items = await write(request, CancellationToken.None);
            if (calls.DropResponse(context))
            {
                return Results.Empty;
            }

            if (items.Count > 0 && items.All(i => i.Error?.Code == "ALREADY_MODIFIED"))
            {
                return items.Count == 1 && items[0].Error!.JsonPath is null
                    ? SandboxJson.Error(412, "ALREADY_MODIFIED", items[0].Error!.Message, new JsonObject { ["resource_path_index"] = 1 })
                    : SandboxJson.Send(json.WriteItems(items, upsert), 412);
            }

            return SandboxJson.Send(json.WriteItems(items, upsert), SandboxJson.WriteStatus(items, allOkStatus));
        }
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, SandboxLeadService leads, SandboxJson json, SandboxApiCalls calls)
    {
        var ids = context.Request.Query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            return SandboxJson.MissingParam("ids");
        }

        if (ids.Length > SandboxWriteRequestReader.MaxRecords)
        {
            return SandboxJson.Error(400, "LIMIT_EXCEEDED", $"at most {SandboxWriteRequestReader.MaxRecords} ids can be deleted in one call",
                new JsonObject { ["param_name"] = "ids", ["limit"] = SandboxWriteRequestReader.MaxRecords });
        }

        return await DeleteIdsAsync(context, ids, leads, json, calls);
    }

    private static Task<IResult> DeleteOneAsync(string id, HttpContext context, SandboxLeadService leads, SandboxJson json, SandboxApiCalls calls) =>
        DeleteIdsAsync(context, [id], leads, json, calls);

    private static async Task<IResult> DeleteIdsAsync(HttpContext context, string[] ids, SandboxLeadService leads, SandboxJson json, SandboxApiCalls calls)
    {
        if (calls.Charge(context, 1) is { } exhausted)
        {
            return exhausted;
        }

        var items = await leads.DeleteAsync(ids, CancellationToken.None);
        if (calls.DropResponse(context))
        {
            return Results.Empty;
        }

        return SandboxJson.Send(json.WriteItems(items, upsert: false), SandboxJson.WriteStatus(items, 200));
    }
}
