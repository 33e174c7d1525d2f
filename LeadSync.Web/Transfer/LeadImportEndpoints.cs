using LeadSync.Core.Leads.Transfer.Import;

namespace LeadSync.Web.Transfer;

/// <summary>
/// <c>GET /leads/import/{id}/refused.csv</c> (signed-in admins, like every console page): an import's refused rows with
/// the reason of each, to fix and import again.
/// </summary>
internal static class LeadImportEndpoints
{
    public static IEndpointRouteBuilder MapLeadImport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/leads/import/{id:guid}/refused.csv", RefusedAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> RefusedAsync(Guid id, HttpContext context, LeadImportJobs jobs)
    {
        if (await jobs.GetAsync(id, context.RequestAborted) is null)
        {
            return TypedResults.NotFound();
        }

        await using var writer = CsvDownload.Start(context, $"import-refused-{id:N}.csv");
        await jobs.WriteRefusalsAsync(id, writer, context.RequestAborted);
        return TypedResults.Empty;
    }
}
