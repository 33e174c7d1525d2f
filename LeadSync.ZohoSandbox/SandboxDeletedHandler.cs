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

        var query = context.Request.Query;
        var type = string.IsNullOrEmpty(query["type"]) ? "all" : query["type"].ToString();
        if (type is not ("all" or "recycle" or "permanent"))
        {
            return SandboxJson.Error(400, "PATTERN_NOT_MATCHED", "type must be all, recycle or permanent",
                new JsonObject { ["param_name"] = "type", ["supported_values"] = new JsonArray("all", "recycle", "permanent") });
        }

        var perPage = 200;
        if (!string.IsNullOrEmpty(query["per_page"]) && (!int.TryParse(query["per_page"], NumberStyles.None, CultureInfo.InvariantCulture, out perPage) || perPage is < 1 or > 200))
        {
            return SandboxJson.InvalidParam("per_page", "per_page must be a number from 1 to 200");
        }

        var page = 1;
        if (!string.IsNullOrEmpty(query["page"]) && (!int.TryParse(query["page"], NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return SandboxJson.InvalidParam("page", "page must be a positive number");
        }

        DateTimeOffset? after = null;
        var ims = context.Request.Headers.IfModifiedSince.ToString();
        if (!string.IsNullOrEmpty(ims) && (after = SandboxClock.Parse(ims)) is null)
        {
            return SandboxJson.Error(400, "INVALID_DATA", "If-Modified-Since must be an ISO 8601 date-time with an offset",
                new JsonObject { ["param_name"] = "If-Modified-Since" });
        }

        var now = clock.Now();
        var entries = store.ListDeleted(after)
            .Select(d => (Lead: d, Type: now - d.DeletedTime <= RecycleRetention ? "recycle" : "permanent"))
            .Where(e => now - e.Lead.DeletedTime <= PermanentRetention && (type == "all" || e.Type == type))
            .ToList();
        var pageItems = entries.Skip((page - 1) * perPage).Take(perPage).ToList();
        if (pageItems.Count == 0)
        {
            return Results.StatusCode(204);
        }

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

        var info = new JsonObject
        {
            ["per_page"] = perPage,
            ["count"] = pageItems.Count,
            ["page"] = page,
            ["more_records"] = entries.Count > page * perPage,
        };
        return SandboxJson.Send(new JsonObject { ["data"] = data, ["info"] = info }, 200);
    }
}
