using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// <c>GET /crm/v8/Leads</c> (§2.2): mandatory <c>fields</c> (≤ 50), <c>page</c>/<c>per_page</c> up to 2,000 records,
/// <c>page_token</c> beyond (bound to the parameters, 24 h, capped), sorting, <c>ids</c>, <c>If-Modified-Since</c>
/// (strictly after the given second), 204 when empty and 304 when nothing changed.
/// </summary>
// Six parameters: the singletons a listing uses, all injected by DI.
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

        var (request, invalid) = SandboxListRequestReader.Read(context.Request);
        if (invalid is not null)
        {
            return invalid;
        }

        var (start, refused) = Locate(request!);
        if (refused is not null)
        {
            return refused;
        }

        var result = store.List(new SandboxListQuery
        {
            SortBy = request!.SortBy,
            Descending = request.Descending,
            ModifiedAfter = request.ModifiedAfter,
            Ids = request.Ids,
            Offset = start.After is null ? start.Served : 0,
            After = start.After,
            Take = Math.Min(request.PerPage, options.Value.PageTokenRecordLimit - start.Served),
        });
        if (result.Leads.Count == 0)
        {
            return request.ModifiedAfter is null ? Results.StatusCode(204) : Results.StatusCode(304);
        }

        return Page(request, start.Served, result);
    }

    /// <summary>Where the page starts (a page token's position, or page × per_page), within the page-token record cap.</summary>
    private (ListStart Start, IResult? Error) Locate(SandboxListRequest request)
    {
        var (start, error) = string.IsNullOrEmpty(request.PageToken) ? FromPage(request) : FromToken(request);
        if (error is not null)
        {
            return (start, error);
        }

        var cap = options.Value.PageTokenRecordLimit;
        if (start.Served >= cap)
        {
            return (start, SandboxJson.Error(400, "PAGINATION_LIMIT_EXCEEDED", $"at most {cap} records can be fetched", new JsonObject { ["limit"] = cap }));
        }

        return (start, null);
    }

    /// <summary>A page token's position: it must exist, be unexpired and have been issued for the same parameters.</summary>
    private (ListStart Start, IResult? Error) FromToken(SandboxListRequest request)
    {
        var state = pageTokens.Find(request.PageToken);
        if (state is null)
        {
            return (default, SandboxJson.InvalidParam("page_token", "the page_token is not valid"));
        }

        if (pageTokens.IsExpired(state))
        {
            return (default, SandboxJson.Error(400, "EXPIRED_VALUE", "the page_token has expired", new JsonObject { ["param_name"] = "page_token" }));
        }

        if (state.Fingerprint != request.Fingerprint)
        {
            return (default, SandboxJson.Error(400, "TOKEN_BOUND_DATA_MISMATCH", "the parameters differ from those the page_token was issued for",
                new JsonObject { ["param_name"] = "page_token" }));
        }

        return (new ListStart(state.After, state.Served), null);
    }

    /// <summary>A page number's position: page × per_page may not exceed <see cref="DiscreteLimit"/>.</summary>
    private static (ListStart Start, IResult? Error) FromPage(SandboxListRequest request)
    {
        if ((long)request.Page * request.PerPage > DiscreteLimit)
        {
            return (default, SandboxJson.Error(400, "DISCRETE_PAGINATION_LIMIT_EXCEEDED",
                $"page × per_page cannot exceed {DiscreteLimit}; use page_token to go further", new JsonObject { ["limit"] = DiscreteLimit }));
        }

        return (new ListStart(null, (request.Page - 1) * request.PerPage), null);
    }

    /// <summary>The 200 answer: the records with the requested fields, and <c>info</c> with a page token when more follow.</summary>
    private IResult Page(SandboxListRequest request, int served, SandboxListResult result)
    {
        string? nextToken = null;
        DateTimeOffset? expiry = null;
        if (result.MoreRecords && result.LastKey is { } last)
        {
            (nextToken, expiry) = pageTokens.Issue(request.Fingerprint, last, served + result.Leads.Count);
        }

        var info = new JsonObject
        {
            ["call"] = false,
            ["per_page"] = request.PerPage,
            ["next_page_token"] = nextToken,
            ["count"] = result.Leads.Count,
            ["sort_by"] = request.SortByName,
            ["page"] = (served / request.PerPage) + 1,
            ["previous_page_token"] = null,
            ["page_token_expiry"] = expiry is { } e ? clock.Format(e) : null,
            ["sort_order"] = request.SortOrder,
            ["email"] = false,
            ["more_records"] = result.MoreRecords,
        };
        return SandboxJson.Send(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            foreach (var lead in result.Leads)
            {
                json.WriteRecord(writer, lead, request.Fields);
            }

            writer.WriteEndArray();
            writer.WritePropertyName("info");
            info.WriteTo(writer);
            writer.WriteEndObject();
        }, 200);
    }

    /// <summary>Where a page starts: after a page token's last key, or at an offset; <see cref="Served"/> records came before it.</summary>
    private readonly record struct ListStart(SandboxSortKey? After, int Served);
}
