using LeadSync.Core.Leads;
using Microsoft.AspNetCore.Mvc;

namespace LeadSync.Web.Api;

/// <summary>
/// The query string of <c>GET /api/leads</c>, bound with <c>[AsParameters]</c> under the API's camelCase names:
/// 1-based page, pageSize, search, syncState and status (repeated or comma-separated), sort ('-' for descending).
/// </summary>
internal sealed record LeadListQuery(
    [FromQuery(Name = "page")] int? Page,
    [FromQuery(Name = "pageSize")] int? PageSize,
    [FromQuery(Name = "search")] string? Search,
    [FromQuery(Name = "syncState")] string[]? SyncState,
    [FromQuery(Name = "status")] string[]? Status,
    [FromQuery(Name = "sort")] string? Sort)
{
    private const int MaxSearchLength = 200;

    /// <summary>The 1-based page asked for (1 by default).</summary>
    public int PageNumber => Page ?? 1;

    /// <summary>The page size asked for (50 by default).</summary>
    public int Size => PageSize ?? 50;

    /// <summary>The page request this query asks for; what is wrong with the query is added to <paramref name="failures"/>.</summary>
    public LeadPageRequest ToPageRequest(List<ValidationFailure> failures)
    {
        CheckPaging(failures);
        var states = SyncStates(failures);
        var (sortField, descending) = SortOrder(failures);
        if (Search is { Length: > MaxSearchLength })
        {
            failures.Add(new("search", "maxLength", "search must be at most 200 characters."));
        }

        return new LeadPageRequest
        {
            Filter = new LeadFilter
            {
                Search = Search,
                SyncStates = states.Count > 0 ? states : null,
                Statuses = Split(Status).ToList() is { Count: > 0 } statuses ? statuses : null,
            },
            SortBy = sortField,
            Descending = descending,
            Page = PageNumber - 1,
            PageSize = Size,
        };
    }

    private void CheckPaging(List<ValidationFailure> failures)
    {
        if (PageNumber < 1)
        {
            failures.Add(new("page", "range", "page must be 1 or more."));
        }

        if (Size is < 1 or > LeadPageRequest.MaxPageSize)
        {
            failures.Add(new("pageSize", "range", $"pageSize must be between 1 and {LeadPageRequest.MaxPageSize}."));
        }
    }

    private List<SyncState> SyncStates(List<ValidationFailure> failures)
    {
        var states = new List<SyncState>();
        foreach (var value in Split(SyncState))
        {
            if (EnumNames.Parse<SyncState>(value) is { } state)
            {
                states.Add(state);
            }
            else
            {
                failures.Add(new("syncState", "unknown",
                    $"syncState '{value}' is not one of {string.Join(", ", Enum.GetNames<SyncState>())}."));
            }
        }

        return states;
    }

    /// <summary>The sort field and direction: most recently updated first unless <see cref="Sort"/> says otherwise.</summary>
    private (LeadSortField Field, bool Descending) SortOrder(List<ValidationFailure> failures)
    {
        var sortField = LeadSortField.UpdatedAt;
        var descending = true;
        if (!string.IsNullOrWhiteSpace(Sort))
        {
            descending = Sort.StartsWith('-');
            var name = Sort.TrimStart('-', '+').Trim();
            if (EnumNames.Parse<LeadSortField>(name) is { } field)
            {
                sortField = field;
            }
            else
            {
                failures.Add(new("sort", "unknown",
                    $"sort must be one of {string.Join(", ", Enum.GetNames<LeadSortField>().Select(EnumNames.Camel))}, optionally prefixed with '-' for descending."));
            }
        }

        return (sortField, descending);
    }

    private static IEnumerable<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
