using System.Globalization;
using LeadSync.Core.Fields;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.FieldFilters;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// The Leads page's address: <c>/leads?q=acme&amp;state=Error&amp;status=New&amp;fielderrors=true&amp;f=Industry:Retail&amp;fsort=Annual_Revenue&amp;dir=asc&amp;page=2&amp;size=100</c>.
/// Written in one canonical form (defaults left out, values in a fixed order) so two equal views have equal URLs;
/// read leniently — a value that does not parse is ignored, never an error page. Extra-field filters (<c>f</c>, in
/// <see cref="FieldFilterText"/>'s form) are read against the mapped fields; one that does not fit is left out and
/// reported in <see cref="LeadListView.Problems"/>. A sort by a field no longer mapped falls back to the default.
/// </summary>
public static class LeadListUrl
{
    public const string Path = "/leads";
    public const string SearchParameter = "q";
    public const string StateParameter = "state";
    public const string StatusParameter = "status";
    public const string FieldParameter = "f";
    public const string SortParameter = "sort";
    public const string FieldSortParameter = "fsort";
    public const string FieldErrorsParameter = "fielderrors";
    public const string DirectionParameter = "dir";
    public const string PageParameter = "page";
    public const string SizeParameter = "size";

    /// <summary>The page listing every lead in <paramref name="state"/> (e.g. from a dashboard card).</summary>
    public static string InState(SyncState state) =>
        For(LeadListView.Default.WithFilter(new LeadFilter { SyncStates = [state] }));

    /// <summary>The canonical address of <paramref name="view"/>.</summary>
    public static string For(LeadListView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var query = new List<string>();
        Add(query, SearchParameter, view.Filter.Search);
        foreach (var state in (view.Filter.SyncStates ?? []).Distinct().Order())
        {
            Add(query, StateParameter, state.ToString());
        }

        foreach (var status in (view.Filter.Statuses ?? []).Distinct().Order(StringComparer.Ordinal))
        {
            query.Add($"{StatusParameter}={Uri.EscapeDataString(status)}"); // "" is "no status"
        }

        Add(query, FieldErrorsParameter, view.Filter.HasFieldErrors == true ? "true" : null);
        foreach (var text in (view.Filter.Fields ?? []).OrderBy(f => f.ApiName, StringComparer.Ordinal).SelectMany(FieldFilterText.Format))
        {
            Add(query, FieldParameter, text);
        }

        AddSort(query, view);
        Add(query, PageParameter, view.Page > 0 ? (view.Page + 1).ToString(CultureInfo.InvariantCulture) : null);
        Add(query, SizeParameter, view.PageSize != LeadListView.DefaultPageSize ? view.PageSize.ToString(CultureInfo.InvariantCulture) : null);
        return query.Count == 0 ? Path : $"{Path}?{string.Join('&', query)}";
    }

    /// <summary>The view an address asks for; what does not parse falls back to the default.</summary>
    public static LeadListView Parse(LeadListQuery query, IReadOnlyList<MappedField>? mapped = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        mapped ??= [];
        var states = (query.States ?? []).Select(EnumNames.Parse<SyncState>).OfType<SyncState>().Distinct().ToArray();
        var statuses = (query.Statuses ?? []).Where(s => s is not null && s.Length <= 200).Select(s => s!.Trim()).Distinct().ToArray();
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
        var fields = FieldFilterText.Parse(query.Fields, mapped);
        var byField = FieldSortText.Parse(query.FieldSort, mapped).Sort;
        var sort = byField is null ? EnumNames.Parse<LeadSortField>(query.Sort) ?? LeadListView.Default.SortBy : LeadListView.Default.SortBy;
        var descending = query.Direction?.ToLowerInvariant() switch
        {
            "asc" => false,
            "desc" => true,
            _ => byField is null && sort == LeadListView.Default.SortBy && LeadListView.Default.Descending,
        };
        return new LeadListView
        {
            Filter = new LeadFilter
            {
                Search = search, SyncStates = states.Length > 0 ? states : null, Statuses = statuses.Length > 0 ? statuses : null,
                Fields = fields.Filters.Count > 0 ? fields.Filters : null,
                HasFieldErrors = string.Equals(query.FieldErrors, "true", StringComparison.OrdinalIgnoreCase) ? true : null,
            },
            SortBy = sort,
            SortByField = byField,
            Descending = descending,
            Page = Number(query.Page) is { } page and > 1 and <= 1_000_000 ? page - 1 : 0,
            PageSize = Number(query.Size) is { } size && LeadListView.PageSizes.Contains(size) ? size : LeadListView.DefaultPageSize,
            Problems = fields.Failures,
        };
    }

    private static void AddSort(List<string> query, LeadListView view)
    {
        if (view.SortByField is { } byField)
        {
            Add(query, FieldSortParameter, byField.ApiName);
            Add(query, DirectionParameter, view.Descending ? "desc" : "asc");
        }
        else if (view.SortBy != LeadListView.Default.SortBy || view.Descending != LeadListView.Default.Descending)
        {
            Add(query, SortParameter, EnumNames.Camel(view.SortBy));
            Add(query, DirectionParameter, view.Descending ? "desc" : "asc");
        }
    }

    private static int? Number(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static void Add(List<string> query, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }
}
