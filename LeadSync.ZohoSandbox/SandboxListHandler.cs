using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// <c>GET /crm/v8/Leads</c> (§2.2): mandatory <c>fields</c> (≤ 50), <c>page</c>/<c>per_page</c> up to 2,000 records,
/// <c>page_token</c> beyond (bound to the parameters, 24 h, capped), sorting, <c>ids</c>, <c>If-Modified-Since</c>
/// (strictly after the given second), 204 when empty and 304 when nothing changed.
/// </summary>
internal sealed class SandboxListHandler(
    SandboxLeadStore store,
    SandboxPageTokens pageTokens,
    SandboxJson json,
    SandboxClock clock,
    SandboxApiCalls calls,
    IOptions<ZohoSandboxOptions> options)
{
    public const int MaxFields = 50;
    public const int MaxPerPage = 200;
    public const int DiscreteLimit = 2000;

    public IResult List(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (calls.Charge(context, 1) is { } exhausted)
        {
            return exhausted;
        }

        var query = context.Request.Query;
        var fields = (query["fields"].ToString() ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (fields.Count == 0)
        {
            return SandboxJson.MissingParam("fields");
        }

        if (fields.Count > MaxFields)
        {
            return SandboxJson.Error(400, "LIMIT_EXCEEDED", $"at most {MaxFields} fields can be requested",
                new JsonObject { ["param_name"] = "fields", ["limit"] = MaxFields });
        }

        if (!TryInt(query["per_page"], MaxPerPage, out var perPage) || perPage is < 1 or > MaxPerPage)
        {
            return SandboxJson.InvalidParam("per_page", $"per_page must be a number from 1 to {MaxPerPage}");
        }

        var pageGiven = !string.IsNullOrEmpty(query["page"]);
        var token = query["page_token"].ToString();
        if (pageGiven && !string.IsNullOrEmpty(token))
        {
            return SandboxJson.Error(400, "AMBIGUITY_DURING_PROCESSING", "page and page_token cannot be used together",
                new JsonObject { ["ambiguity_due_to"] = new JsonArray("page", "page_token") });
        }

        if (!TryInt(query["page"], 1, out var page) || page < 1)
        {
            return SandboxJson.InvalidParam("page", "page must be a positive number");
        }

        SandboxSortField sortBy;
        var sortByText = query["sort_by"].ToString();
        switch (string.IsNullOrEmpty(sortByText) ? "id" : sortByText)
        {
            case "id": sortBy = SandboxSortField.Id; break;
            case "Created_Time": sortBy = SandboxSortField.CreatedTime; break;
            case "Modified_Time": sortBy = SandboxSortField.ModifiedTime; break;
            default:
                return SandboxJson.Error(400, "INVALID_DATA", "sort_by must be id, Created_Time or Modified_Time",
                    new JsonObject { ["param_name"] = "sort_by", ["supported_values"] = new JsonArray("id", "Created_Time", "Modified_Time") });
        }

        var sortOrder = string.IsNullOrEmpty(query["sort_order"]) ? "desc" : query["sort_order"].ToString();
        if (sortOrder is not ("asc" or "desc"))
        {
            return SandboxJson.Error(400, "INVALID_DATA", "sort_order must be asc or desc",
                new JsonObject { ["param_name"] = "sort_order", ["supported_values"] = new JsonArray("asc", "desc") });
        }

        HashSet<long>? ids = null;
        if (!string.IsNullOrEmpty(query["ids"]))
        {
            ids = [];
            foreach (var part in query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (SandboxLeadService.ParseId(part) is not { } id)
                {
                    return SandboxJson.InvalidParam("ids", $"'{part}' is not a record id");
                }

                ids.Add(id);
            }

            if (ids.Count > 100)
            {
                return SandboxJson.Error(400, "LIMIT_EXCEEDED", "at most 100 ids can be given", new JsonObject { ["param_name"] = "ids", ["limit"] = 100 });
            }
        }

        DateTimeOffset? modifiedAfter = null;
        var ims = context.Request.Headers.IfModifiedSince.ToString();
        if (!string.IsNullOrEmpty(ims))
        {
            modifiedAfter = SandboxClock.Parse(ims);
            if (modifiedAfter is null)
            {
                return SandboxJson.Error(400, "INVALID_DATA", "If-Modified-Since must be an ISO 8601 date-time with an offset, e.g. 2024-05-01T10:20:30+05:30",
                    new JsonObject { ["param_name"] = "If-Modified-Since" });
            }
        }

        var fingerprint = string.Join('|', string.Join(',', fields), sortBy, sortOrder,
            ids is null ? string.Empty : string.Join(',', ids.Order()), modifiedAfter?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? string.Empty);
        var cap = options.Value.PageTokenRecordLimit;
        SandboxSortKey? after = null;
        int served;
        if (!string.IsNullOrEmpty(token))
        {
            var state = pageTokens.Find(token);
            if (state is null)
            {
                return SandboxJson.InvalidParam("page_token", "the page_token is not valid");
            }

            if (pageTokens.IsExpired(state))
            {
                return SandboxJson.Error(400, "EXPIRED_VALUE", "the page_token has expired", new JsonObject { ["param_name"] = "page_token" });
            }

            if (state.Fingerprint != fingerprint)
            {
                return SandboxJson.Error(400, "TOKEN_BOUND_DATA_MISMATCH", "the parameters differ from those the page_token was issued for",
                    new JsonObject { ["param_name"] = "page_token" });
            }

            after = state.After;
            served = state.Served;
        }
        else
        {
            if ((long)page * perPage > DiscreteLimit)
            {
                return SandboxJson.Error(400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
                    $"page × per_page cannot exceed {DiscreteLimit}; use page_token to go further", new JsonObject { ["limit"] = DiscreteLimit });
            }

            served = (page - 1) * perPage;
        }

        if (served >= cap)
        {
            return SandboxJson.Error(400, "PAGINATION_LIMIT_EXCEEDED", $"at most {cap} records can be fetched", new JsonObject { ["limit"] = cap });
        }

        var result = store.List(new SandboxListQuery
        {
            SortBy = sortBy,
            Descending = sortOrder == "desc",
            ModifiedAfter = modifiedAfter,
            Ids = ids,
            Offset = after is null ? served : 0,
            After = after,
            Take = Math.Min(perPage, cap - served),
        });
        if (result.Leads.Count == 0)
        {
            return modifiedAfter is null ? Results.StatusCode(204) : Results.StatusCode(304);
        }

        var data = new JsonArray();
        foreach (var lead in result.Leads)
        {
            data.Add(json.Record(lead, fields));
        }

        string? nextToken = null;
        DateTimeOffset? expiry = null;
        if (result.MoreRecords && result.LastKey is { } last)
        {
            (nextToken, expiry) = pageTokens.Issue(fingerprint, last, served + result.Leads.Count);
        }

        var info = new JsonObject
        {
            ["call"] = false,
            ["per_page"] = perPage,
            ["next_page_token"] = nextToken,
            ["count"] = result.Leads.Count,
            ["sort_by"] = string.IsNullOrEmpty(sortByText) ? "id" : sortByText,
            ["page"] = (served / perPage) + 1,
            ["previous_page_token"] = null,
            ["page_token_expiry"] = expiry is { } e ? clock.Format(e) : null,
            ["sort_order"] = sortOrder,
            ["email"] = false,
            ["more_records"] = result.MoreRecords,
        };
        return SandboxJson.Send(new JsonObject { ["data"] = data, ["info"] = info }, 200);
    }

    private static bool TryInt(Microsoft.Extensions.Primitives.StringValues value, int fallback, out int result)
    {
        if (string.IsNullOrEmpty(value))
        {
            result = fallback;
            return true;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result);
    }
}
