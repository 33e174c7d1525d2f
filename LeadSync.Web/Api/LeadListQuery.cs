using LeadSync.Core.Fields;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.FieldFilters;
using Microsoft.AspNetCore.Mvc;

namespace LeadSync.Web.Api;

/// <summary>
/// The query string of <c>GET /api/leads</c>, bound with <c>[AsParameters]</c> under the API's camelCase names:
/// 1-based page, pageSize, search, syncState and status (repeated or comma-separated), sort ('-' for descending), and
/// the console's extra-field filters and sort (<c>f</c>, <c>fsort</c>: read by Core's <see cref="FieldFilterText"/> and
/// <see cref="FieldSortText"/>, as the Leads page's address and its export are) and <c>hasFieldErrors</c>. Unlike the
/// console, which leaves out what it cannot apply, the API refuses it: 400 naming the field and the rule.
/// A class with settable properties rather than a positional record: the build-time request delegate generator writes
/// <c>typeof(string?)</c> for a record constructor's nullable reference parameters, which does not compile.
/// </summary>
internal sealed class LeadListQuery
{
    [FromQuery(Name = "page")]
    public int? Page { get; init; }

    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; init; }

    [FromQuery(Name = "search")]
    public string? Search { get; init; }

    [FromQuery(Name = "syncState")]
    public string[]? SyncState { get; init; }

    [FromQuery(Name = "status")]
    public string[]? Status { get; init; }

    [FromQuery(Name = "sort")]
    public string? Sort { get; init; }

    [FromQuery(Name = "f")]
    public string[]? FieldFilters { get; init; }

    [FromQuery(Name = "fsort")]
    public string? FieldSort { get; init; }

    [FromQuery(Name = "hasFieldErrors")]
    public string? HasFieldErrors { get; init; }

    public const string FieldFilterDescription =
        "A filter on a mapped extra field as ApiName:value, repeated for more (all must hold; values of one picklist or " +
        "multi-select field combine): text contains (Designation:cto), a number range min..max with either bound left " +
        "out (Annual_Revenue:1000..5000, Annual_Revenue:1000..), a date range yyyy-MM-dd..yyyy-MM-dd (Next_Call__c:2026-12-01..), " +
        "one of Zoho's picklist values (Industry:Retail), every listed value of a multi-select (Product_Interest__c:CRM), " +
        "yes, no or empty for a boolean (Email_Opt_Out:yes). A field that is not mapped, a value that does not fit the " +
        "field or a text without 'ApiName:' is refused with 400, errors keyed 'f.<ApiName>' (or 'f').";

    public const string FieldSortDescription =
        "Sort by a mapped extra field's API name ('-' before it for descending; leads without a value come last either " +
        "way); instead of 'sort', not with it. A field that is not mapped or cannot be sorted is refused with 400.";

    public const string HasFieldErrorsDescription =
        "true: only leads with a per-field error (a mapped field that does not sync for them; see fieldErrors); false: only leads without.";

    /// <summary>The same query without its page and page size (the export takes every matching lead).</summary>
    public LeadListQuery WithoutPaging() => new()
    {
        Search = Search, SyncState = SyncState, Status = Status, Sort = Sort, FieldFilters = FieldFilters, FieldSort = FieldSort, HasFieldErrors = HasFieldErrors,
    };

    private const int MaxSearchLength = 200;

    /// <summary>The 1-based page asked for (1 by default).</summary>
    public int PageNumber => Page ?? 1;

    /// <summary>The page size asked for (50 by default).</summary>
    public int Size => PageSize ?? 50;

    /// <summary>
    /// The page request this query asks for, its extra-field filters and sort read against <paramref name="mapped"/>;
    /// what is wrong with the query is added to <paramref name="failures"/>.
    /// </summary>
    public LeadPageRequest ToPageRequest(List<ValidationFailure> failures, IReadOnlyList<MappedField> mapped)
    {
        CheckPaging(failures);
        var states = SyncStates(failures);
        var (sortField, descending) = SortOrder(failures);
        if (Search is { Length: > MaxSearchLength })
        {
            failures.Add(new("search", "maxLength", "search must be at most 200 characters."));
        }

        var fields = FieldFilterText.Parse(FieldFilters, mapped);
        failures.AddRange(fields.Failures.Select(f => f with { Field = FieldFilterKey(f) }));
        var byField = FieldSortOrder(failures, mapped, ref descending);
        return new LeadPageRequest
        {
            Filter = new LeadFilter
            {
                Search = Search,
                SyncStates = states.Count > 0 ? states : null,
                Statuses = Split(Status).ToList() is { Count: > 0 } statuses ? statuses : null,
                Fields = fields.Filters.Count > 0 ? fields.Filters : null,
                HasFieldErrors = FieldErrorsWanted(failures),
            },
            SortBy = sortField,
            SortByField = byField,
            Descending = descending,
            Page = PageNumber - 1,
            PageSize = Size,
        };
    }

    /// <summary>The errors key of a filter's failure: <c>f.ApiName</c> when it names a field, <c>f</c> for text without one.</summary>
    private static string FieldFilterKey(ValidationFailure failure) =>
        failure.Rule == ValidationRules.Format ? "f" : $"f.{failure.Field}";

    /// <summary>The sort by an extra field <see cref="FieldSort"/> asks for ('-' for descending), or null.</summary>
    private FieldSort? FieldSortOrder(List<ValidationFailure> failures, IReadOnlyList<MappedField> mapped, ref bool descending)
    {
        if (string.IsNullOrWhiteSpace(FieldSort))
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(Sort))
        {
            failures.Add(new("fsort", "exclusive", "Give sort or fsort, not both."));
            return null;
        }

        var read = FieldSortText.Parse(FieldSort.Trim().TrimStart('-', '+'), mapped);
        if (read.Failure is { } failure)
        {
            failures.Add(failure with { Field = "fsort" });
        }

        descending = read.Sort is not null && FieldSort.Trim().StartsWith('-');
        return read.Sort;
    }

    /// <summary>Null (no filter) unless <see cref="HasFieldErrors"/> is true or false; refuses anything else.</summary>
    private bool? FieldErrorsWanted(List<ValidationFailure> failures)
    {
        if (string.IsNullOrWhiteSpace(HasFieldErrors))
        {
            return null;
        }

        if (bool.TryParse(HasFieldErrors.Trim(), out var wanted))
        {
            return wanted;
        }

        failures.Add(new("hasFieldErrors", ValidationRules.Type, "hasFieldErrors must be true or false."));
        return null;
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
