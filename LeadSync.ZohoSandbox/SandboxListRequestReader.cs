using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Reads the parameters of <c>GET /Leads</c> (§2.2) into a <see cref="SandboxListRequest"/>, or the request-level error
/// Zoho answers for the first one that is wrong, checked in the order: fields, per_page, page/page_token, sort_by,
/// sort_order, ids, If-Modified-Since.
/// </summary>
internal static class SandboxListRequestReader
{
    public const int MaxIds = 100;

    public static (SandboxListRequest? Request, IResult? Error) Read(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = request.Query;
        if (ReadFields(query, out var fields) is { } fieldsError)
        {
            return (null, fieldsError);
        }

        if (ReadPaging(query, out var perPage, out var page, out var token) is { } pagingError)
        {
            return (null, pagingError);
        }

        if (ReadSort(query, out var sortBy, out var sortByName, out var sortOrder) is { } sortError)
        {
            return (null, sortError);
        }

        if (ReadIds(query, out var ids) is { } idsError)
        {
            return (null, idsError);
        }

        if (ReadModifiedAfter(request.Headers, out var modifiedAfter) is { } modifiedError)
        {
            return (null, modifiedError);
        }

        return (new SandboxListRequest
        {
            Fields = fields, PerPage = perPage, Page = page, PageToken = token,
            SortBy = sortBy, SortByName = sortByName, SortOrder = sortOrder, Ids = ids, ModifiedAfter = modifiedAfter,
        }, null);
    }

    /// <summary><c>fields</c>: mandatory, at most <see cref="SandboxListHandler.MaxFields"/>, duplicates dropped.</summary>
    private static IResult? ReadFields(IQueryCollection query, out List<string> fields)
    {
        fields = (query["fields"].ToString() ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (fields.Count == 0)
        {
            return SandboxJson.MissingParam("fields");
        }

        if (fields.Count > SandboxListHandler.MaxFields)
        {
            return SandboxJson.Error(400, "LIMIT_EXCEEDED", $"at most {SandboxListHandler.MaxFields} fields can be requested",
                new JsonObject { ["param_name"] = "fields", ["limit"] = SandboxListHandler.MaxFields });
        }

        return null;
    }

    /// <summary><c>per_page</c>, then <c>page</c> and <c>page_token</c> (not both).</summary>
    private static IResult? ReadPaging(IQueryCollection query, out int perPage, out int page, out string token)
    {
        page = 0;
        token = string.Empty;
        if (!TryInt(query["per_page"], SandboxListHandler.MaxPerPage, out perPage) || perPage is < 1 or > SandboxListHandler.MaxPerPage)
        {
            return SandboxJson.InvalidParam("per_page", $"per_page must be a number from 1 to {SandboxListHandler.MaxPerPage}");
        }

        var pageGiven = !string.IsNullOrEmpty(query["page"]);
        token = query["page_token"].ToString();
        if (pageGiven && !string.IsNullOrEmpty(token))
        {
            return SandboxJson.Error(400, "AMBIGUITY_DURING_PROCESSING", "page and page_token cannot be used together",
                new JsonObject { ["ambiguity_due_to"] = new JsonArray("page", "page_token") });
        }

        if (!TryInt(query["page"], 1, out page) || page < 1)
        {
            return SandboxJson.InvalidParam("page", "page must be a positive number");
        }

        return null;
    }

    /// <summary><c>sort_by</c> (id, Created_Time or Modified_Time; id by default) and <c>sort_order</c> (desc by default).</summary>
    private static IResult? ReadSort(IQueryCollection query, out SandboxSortField sortBy, out string sortByName, out string sortOrder)
    {
        var sortByText = query["sort_by"].ToString();
        sortByName = string.IsNullOrEmpty(sortByText) ? "id" : sortByText;
        sortOrder = string.Empty;
        switch (sortByName)
        {
            case "id": sortBy = SandboxSortField.Id; break;
            case "Created_Time": sortBy = SandboxSortField.CreatedTime; break;
            case "Modified_Time": sortBy = SandboxSortField.ModifiedTime; break;
            default:
                sortBy = default;
                return SandboxJson.Error(400, "INVALID_DATA", "sort_by must be id, Created_Time or Modified_Time",
                    new JsonObject { ["param_name"] = "sort_by", ["supported_values"] = new JsonArray("id", "Created_Time", "Modified_Time") });
        }

        sortOrder = string.IsNullOrEmpty(query["sort_order"]) ? "desc" : query["sort_order"].ToString();
        if (sortOrder is not ("asc" or "desc"))
        {
            return SandboxJson.Error(400, "INVALID_DATA", "sort_order must be asc or desc",
                new JsonObject { ["param_name"] = "sort_order", ["supported_values"] = new JsonArray("asc", "desc") });
        }

        return null;
    }

    /// <summary><c>ids</c>: optional, comma-separated record ids, at most <see cref="MaxIds"/>.</summary>
    private static IResult? ReadIds(IQueryCollection query, out HashSet<long>? ids)
    {
        ids = null;
        if (string.IsNullOrEmpty(query["ids"]))
        {
            return null;
        }

        ids = [];
        foreach (var part in query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (SandboxLeadService.ParseId(part) is not { } id)
            {
                return SandboxJson.InvalidParam("ids", $"'{part}' is not a record id");
            }

            ids.Add(id);
        }

        if (ids.Count > MaxIds)
        {
            return SandboxJson.Error(400, "LIMIT_EXCEEDED", $"at most {MaxIds} ids can be given", new JsonObject { ["param_name"] = "ids", ["limit"] = MaxIds });
        }

        return null;
    }

    /// <summary>The <c>If-Modified-Since</c> header: optional, an ISO 8601 date-time with an offset.</summary>
    private static IResult? ReadModifiedAfter(IHeaderDictionary headers, out DateTimeOffset? modifiedAfter)
    {
        modifiedAfter = null;
        var ims = headers.IfModifiedSince.ToString();
        if (string.IsNullOrEmpty(ims))
        {
            return null;
        }

        modifiedAfter = SandboxClock.Parse(ims);
        if (modifiedAfter is null)
        {
            return SandboxJson.Error(400, "INVALID_DATA", "If-Modified-Since must be an ISO 8601 date-time with an offset, e.g. 2024-05-01T10:20:30+05:30",
                new JsonObject { ["param_name"] = "If-Modified-Since" });
        }

        return null;
    }

    private static bool TryInt(StringValues value, int fallback, out int result)
    {
        if (string.IsNullOrEmpty(value))
        {
            result = fallback;
            return true;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result);
    }
}
