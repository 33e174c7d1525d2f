using System.Globalization;
using LeadSync.Core.Leads;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// The Leads page's address: <c>/leads?q=acme&amp;state=Error&amp;status=New&amp;sort=lastName&amp;dir=asc&amp;page=2&amp;size=100</c>.
/// Written in one canonical form (defaults left out, values in a fixed order) so two equal views have equal URLs;
/// read leniently — a value that does not parse is ignored, never an error page.
/// </summary>
public static class LeadListUrl
{
    public const string Path = "/leads";
    public const string SearchParameter = "q";
    public const string StateParameter = "state";
    public const string StatusParameter = "status";
    public const string SortParameter = "sort";
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

        if (view.SortBy != LeadListView.Default.SortBy || view.Descending != LeadListView.Default.Descending)
        {
            Add(query, SortParameter, EnumNames.Camel(view.SortBy));
            Add(query, DirectionParameter, view.Descending ? "desc" : "asc");
        }

        Add(query, PageParameter, view.Page > 0 ? (view.Page + 1).ToString(CultureInfo.InvariantCulture) : null);
        Add(query, SizeParameter, view.PageSize != LeadListView.DefaultPageSize ? view.PageSize.ToString(CultureInfo.InvariantCulture) : null);
        return query.Count == 0 ? Path : $"{Path}?{string.Join('&', query)}";
    }

    /// <summary>The view an address asks for; what does not parse falls back to the default.</summary>
    public static LeadListView Parse(LeadListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var states = (query.States ?? []).Select(EnumNames.Parse<SyncState>).OfType<SyncState>().Distinct().ToArray();
        var statuses = (query.Statuses ?? []).Where(s => s is not null && s.Length <= 200).Select(s => s!.Trim()).Distinct().ToArray();
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
        var sort = EnumNames.Parse<LeadSortField>(query.Sort) ?? LeadListView.Default.SortBy;
        var descending = query.Direction?.ToLowerInvariant() switch
        {
            "asc" => false,
            "desc" => true,
            _ => sort == LeadListView.Default.SortBy && LeadListView.Default.Descending,
        };
        return new LeadListView
        {
            Filter = new LeadFilter { Search = search, SyncStates = states.Length > 0 ? states : null, Statuses = statuses.Length > 0 ? statuses : null },
            SortBy = sort,
            Descending = descending,
            Page = Number(query.Page) is { } page and > 1 and <= 1_000_000 ? page - 1 : 0,
            PageSize = Number(query.Size) is { } size && LeadListView.PageSizes.Contains(size) ? size : LeadListView.DefaultPageSize,
        };
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
