using LeadSync.Core.Fields;
using LeadSync.Core.Leads.Transfer;
using LeadSync.Web.Components.Pages.Leads;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Primitives;

namespace LeadSync.Web.Transfer;

/// <summary>
/// The console's CSV export (signed-in admins, like every console page): <c>GET /leads/export?{the Leads page's view}</c>
/// writes what the page's filter, search and sort select; <c>POST /leads/export</c> (a form with an antiforgery token)
/// writes a selection of leads by id. <c>sync=true</c> adds the sync columns. Automation uses <c>GET /api/leads/export</c>.
/// </summary>
internal static class LeadExportEndpoints
{
    public const string Path = "/leads/export";
    public const string SyncParameter = "sync";
    public const string IdsField = "ids";

    public static IEndpointRouteBuilder MapLeadExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ExportViewAsync).ExcludeFromDescription();
        endpoints.MapPost(Path, ExportSelectionAsync).DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }

    /// <summary>The address of the export of <paramref name="view"/> (its filter and sort; paging does not apply).</summary>
    public static string For(LeadListView view, bool syncColumns)
    {
        var url = LeadListUrl.For(view with { Page = 0, PageSize = LeadListView.DefaultPageSize });
        var query = url.Length > LeadListUrl.Path.Length ? url[(LeadListUrl.Path.Length + 1)..] : string.Empty;
        var parts = new[] { query, syncColumns ? $"{SyncParameter}=true" : string.Empty }.Where(p => p.Length > 0);
        return $"{Path}?{string.Join('&', parts)}".TrimEnd('?');
    }

    private static async Task<IResult> ExportViewAsync(HttpContext context, LeadCsvExport export, IMappedFields mappedFields, TimeProvider clock)
    {
        var query = context.Request.Query;
        var view = LeadListUrl.Parse(
            new LeadListQuery(
                query[LeadListUrl.SearchParameter], Values(query[LeadListUrl.StateParameter]), Values(query[LeadListUrl.StatusParameter]),
                query[LeadListUrl.SortParameter], query[LeadListUrl.DirectionParameter], null, null,
                Values(query[LeadListUrl.FieldParameter]), query[LeadListUrl.FieldSortParameter], query[LeadListUrl.FieldErrorsParameter]),
            await mappedFields.GetAsync(context.RequestAborted));
        if (view.Problems.Count > 0)
        {
            // An export must write what the page selects: a filter that cannot be applied is refused, not dropped.
            return TypedResults.Problem(string.Join(" ", view.Problems.Select(p => p.Message)), statusCode: StatusCodes.Status400BadRequest);
        }

        var request = new LeadExportRequest
        {
            Filter = view.Filter, SortBy = view.SortBy, SortByField = view.SortByField, Descending = view.Descending,
            SyncColumns = IsTrue(query[SyncParameter]),
        };
        await CsvDownload.WriteAsync(context, export, request, clock);
        return TypedResults.Empty;
    }

    private static async Task<IResult> ExportSelectionAsync(
        HttpContext context, IAntiforgery antiforgery, LeadCsvExport export, IMappedFields mappedFields, TimeProvider clock)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return TypedResults.Problem("The export form expired; reload the page and try again.", statusCode: StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var ids = form[IdsField].SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var parsed = ids.Select(v => Guid.TryParse(v, out var id) ? id : (Guid?)null).ToList();
        if (parsed.Count == 0 || parsed.Count > LeadExportRequest.MaxIds || parsed.Any(id => id is null))
        {
            return TypedResults.Problem(
                $"ids: give 1 to {LeadExportRequest.MaxIds:N0} lead ids (comma-separated or repeated).", statusCode: StatusCodes.Status400BadRequest);
        }

        var view = LeadListUrl.Parse(
            new LeadListQuery(null, null, null, form[LeadListUrl.SortParameter], form[LeadListUrl.DirectionParameter], null, null, null, form[LeadListUrl.FieldSortParameter]),
            await mappedFields.GetAsync(context.RequestAborted));
        var request = new LeadExportRequest
        {
            Ids = [.. parsed.Select(id => id!.Value).Distinct()], SortBy = view.SortBy, SortByField = view.SortByField, Descending = view.Descending,
            SyncColumns = IsTrue(form[SyncParameter]),
        };
        await CsvDownload.WriteAsync(context, export, request, clock);
        return TypedResults.Empty;
    }

    private static string[] Values(StringValues values) => [.. values.Select(v => v ?? string.Empty)];

    private static bool IsTrue(StringValues value) => bool.TryParse(value.ToString(), out var flag) && flag;
}
