using LeadSync.Core.Outbox;
using System.Globalization;
using LeadSync.Core.Fields;
using LeadSync.Core.Leads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace LeadSync.Web.Api;

/// <summary><c>/api/leads</c>: list, read, create, update, delete. Writes go through <see cref="LeadCommands"/> (<see cref="ChangeSource.Api"/>).</summary>
internal static class LeadsApi
{
    private const ChangeSource Trigger = ChangeSource.Api;

    public static RouteGroupBuilder MapLeadsApi(this RouteGroupBuilder api)
    {
        var leads = api.MapGroup("/leads").WithTags("Leads");
        leads.MapGet("/", ListAsync).WithName("ListLeads")
            .WithSummary("Lists leads: 1-based page, pageSize (1-500), search, syncState and status filters (repeat or comma-separate), sort (field, '-' for descending), extra-field filters (f=ApiName:value) and sort (fsort), hasFieldErrors.")
            .ProducesValidationProblem();
        leads.MapGet("/{id:guid}", GetAsync).WithName("GetLead").WithSummary("Reads one lead; its ETag is its version.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        leads.MapPost("/", CreateAsync).WithName("CreateLead").WithSummary("Creates a lead and queues its push to Zoho.")
            .Accepts<LeadInput>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        leads.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateLead")
            .WithSummary("Replaces a lead's core fields and sets the mapped extra fields named in 'fields' (null clears one); send 'version' or If-Match to fail with 409 on a concurrent change.")
            .Accepts<LeadInput>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        leads.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteLead").WithSummary("Deletes a lead (and, per the sync settings, its Zoho record).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        leads.MapLeadExportApi();
        leads.MapLeadBatchApi();
        return leads;
    }

    private static async Task<Results<Ok<LeadPageResponse>, ValidationProblem>> ListAsync(
        LeadQueries queries, IMappedFields mappedFields, [AsParameters] LeadListQuery query, CancellationToken cancellationToken)
    {
        var failures = new List<ValidationFailure>();
        var request = query.ToPageRequest(failures, await mappedFields.GetAsync(cancellationToken));
        if (failures.Count > 0)
        {
            return ApiProblems.Validation(failures);
        }

        var result = await queries.GetPageAsync(request, cancellationToken);
        return TypedResults.Ok(new LeadPageResponse(result.Items.Select(LeadResponse.From).ToList(), query.PageNumber, query.Size, result.TotalCount, result.TotalIsLowerBound));
    }

    private static async Task<Results<Ok<LeadResponse>, ProblemHttpResult>> GetAsync(
        Guid id, LeadQueries queries, HttpResponse response, CancellationToken cancellationToken)
    {
        var lead = await queries.FindAsync(id, cancellationToken);
        if (lead is null)
        {
            return ApiProblems.LeadNotFound(id);
        }

        SetETag(response, lead.Version);
        return TypedResults.Ok(LeadResponse.From(lead, await queries.FieldErrorsAsync(id, cancellationToken)));
    }

    private static async Task<Created<LeadResponse>> CreateAsync(
        HttpRequest request, LeadCommands commands, CancellationToken cancellationToken)
    {
        var input = await ApiJson.ReadAsync<LeadInput>(request, cancellationToken);
        var lead = await commands.CreateAsync(input.ToPatch(), Trigger, cancellationToken); // a new lead has no field errors
        SetETag(request.HttpContext.Response, lead.Version);
        return TypedResults.Created($"/api/leads/{lead.Id}", LeadResponse.From(lead));
    }

    private static async Task<Results<Ok<LeadResponse>, ValidationProblem>> UpdateAsync(
        Guid id, HttpRequest request, LeadCommands commands, LeadQueries queries, CancellationToken cancellationToken)
    {
        var input = await ApiJson.ReadAsync<LeadInput>(request, cancellationToken);
        long? expected = input.Version;
        var ifMatch = request.Headers[HeaderNames.IfMatch].ToString();
        if (!string.IsNullOrWhiteSpace(ifMatch))
        {
            if (!TryParseETag(ifMatch, out var version))
            {
                return ApiProblems.Validation("If-Match", "If-Match must be the lead's ETag, e.g. \"3\" (its version).");
            }

            expected = version;
        }

        var lead = await commands.PatchAsync(id, input.ToPatch(), expected, Trigger, cancellationToken);
        SetETag(request.HttpContext.Response, lead.Version);
        return TypedResults.Ok(LeadResponse.From(lead, await queries.FieldErrorsAsync(id, cancellationToken)));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, LeadCommands commands, CancellationToken cancellationToken)
    {
        await commands.DeleteAsync(id, Trigger, cancellationToken);
        return TypedResults.NoContent();
    }

    private static void SetETag(HttpResponse response, long version) =>
        response.Headers.ETag = $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    private static bool TryParseETag(string value, out long version)
    {
        var text = value.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        return long.TryParse(text.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}
