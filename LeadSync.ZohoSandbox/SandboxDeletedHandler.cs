using System.Globalization;
using System.Text.Json.Nodes;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// <c>GET /crm/v8/Leads/deleted</c> (§2.8): <c>type=all|recycle|permanent</c>, pages of up to 200, If-Modified-Since on
/// deleted_time (strictly after), 204 when none. Entries are in the recycle bin for 60 days, then permanent until day 120.
/// </summary>
internal sealed class SandboxDeletedHandler(SandboxLeadStore store, SandboxJson json, SandboxClock clock, SandboxApiCalls calls)
{
    private static readonly TimeSpan RecycleRetention = TimeSpan.FromDays(60);
    private static readonly TimeSpan PermanentRetention = TimeSpan.FromDays(120);

    public IResult List(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (calls.Charge(context, 2) is { } exhausted)
        {
            return exhausted;
        }

        var (request, invalid) = Read(context.Request);
        if (invalid is not null)
        {
            return invalid;
        }

        var now = clock.Now();
        var entries = store.ListDeleted(request.After)
            .Select(d => (Lead: d, Type: now - d.DeletedTime <= RecycleRetention ? "recycle" : "permanent"))
            .Where(e => now - e.Lead.DeletedTime <= PermanentRetention && (request.Type == "all" || e.Type == request.Type))
            .ToList();
        var pageItems = entries.Skip((request.Page - 1) * request.PerPage).Take(request.PerPage).ToList();
        if (pageItems.Count == 0)
        {
            return Results.StatusCode(204);
        }

        var info = new JsonObject
        {
            ["per_page"] = request.PerPage,
            ["count"] = pageItems.Count,
            ["page"] = request.Page,
            ["more_records"] = entries.Count > request.Page * request.PerPage,
        };
        return SandboxJson.Send(new JsonObject { ["data"] = Data(pageItems), ["info"] = info }, 200);
    }

    /// <summary>The query (<c>type</c>, <c>per_page</c>, <c>page</c>) and <c>If-Modified-Since</c>, or the error for the first one that is wrong.</summary>
    private static (DeletedRequest Request, IResult? Error) Read(HttpRequest http)
    {
        var query = http.Query;
        var type = string.IsNullOrEmpty(query["type"]) ? "all" : query["type"].ToString();
        if (type is not ("all" or "recycle" or "permanent"))
        {
            return (default, SandboxJson.Error(400, "PATTERN_NOT_MATCHED", "type must be all, recycle or permanent",
                new JsonObject { ["param_name"] = "type", ["supported_values"] = new JsonArray("all", "recycle", "permanent") }));
        }

        var perPage = 200;
        if (!string.IsNullOrEmpty(query["per_page"]) && (!int.TryParse(query["per_page"], NumberStyles.None, CultureInfo.InvariantCulture, out perPage) || perPage is < 1 or > 200))
        {
            return (default, SandboxJson.InvalidParam("per_page", "per_page must be a number from 1 to 200"));
        }

        var page = 1;
        if (!string.IsNullOrEmpty(query["page"]) && (!int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return (default, SandboxJson.InvalidParam("page", "page must be a positive number"));
        }

        DateTimeOffset? after = null;
        var ims = http.Headers.IfModifiedSince.ToString();
        if (!string.IsNullOrEmpty(ims) && (after = SandboxClock.Parse(ims)) is null)
        {
            return (default, SandboxJson.Error(400, "INVALID_DATA", "If-Modified-Since must be an ISO 8601 date-time with an offset",
                new JsonObject { ["param_name"] = "If-Modified-Since" }));
        }

        return (new DeletedRequest(type, perPage, page, after), null);
    }

    /// <summary>One entry per deleted record; who deleted it and its name are known only while it is in the recycle bin.</summary>
    private JsonArray Data(List<(SandboxDeletedLead Lead, string Type)> pageItems)
    {
        var data = new JsonArray();
        foreach (var (lead, entryType) in pageItems)
        {
            var recycle = entryType == "recycle";
            data.Add(new JsonObject
            {
                ["deleted_by"] = recycle ? json.User(withEmail: false) : null,
                ["id"] = SandboxJson.Id(lead.Id),
                ["display_name"] = recycle ? lead.DisplayName : null,
                ["type"] = entryType,
                ["created_by"] = recycle ? json.User(withEmail: false) : null,
                ["deleted_time"] = clock.Format(lead.DeletedTime),
            });
        }

        return data;
    }

    /// <summary>The parameters of one <c>GET /Leads/deleted</c> call.</summary>
    private readonly record struct DeletedRequest(string Type, int PerPage, int Page, DateTimeOffset? After);
}
