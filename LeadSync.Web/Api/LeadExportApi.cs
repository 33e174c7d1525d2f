using LeadSync.Core.Fields;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.Transfer;
using LeadSync.Web.Transfer;
using Microsoft.AspNetCore.Mvc;

namespace LeadSync.Web.Api;

/// <summary>
/// <c>GET /api/leads/export</c>: the leads a list query selects (search, syncState, status, sort, f, fsort, hasFieldErrors — as <c>GET /api/leads</c>,
/// without paging) as a streamed CSV; <c>syncColumns=true</c> adds the sync state columns.
/// </summary>
internal static class LeadExportApi
{
    public static RouteGroupBuilder MapLeadExportApi(this RouteGroupBuilder leads)
    {
        leads.MapGet("/export", ExportAsync).WithName("ExportLeads")
            .WithSummary("Streams the leads a list query selects as CSV (UTF-8 with BOM); syncColumns=true adds sync state, Zoho id and times.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesValidationProblem();
        return leads;
    }

    private static async Task<IResult> ExportAsync(
        HttpContext context, LeadCsvExport export, IMappedFields mappedFields, TimeProvider clock, [AsParameters] LeadListQuery query,
        [FromQuery(Name = "syncColumns")] bool? syncColumns)
    {
        var failures = new List<ValidationFailure>();
        var page = query.WithoutPaging().ToPageRequest(failures, await mappedFields.GetAsync(context.RequestAborted));
        if (failures.Count > 0)
        {
            return ApiProblems.Validation(failures);
        }

        var request = new LeadExportRequest
        {
            Filter = page.Filter, SortBy = page.SortBy, SortByField = page.SortByField, Descending = page.Descending, SyncColumns = syncColumns == true,
        };
        await CsvDownload.WriteAsync(context, export, request, clock);
        return TypedResults.Empty;
    }
}
