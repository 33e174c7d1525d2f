using LeadSync.Core.Outbox;
using System.Globalization;
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
            .WithSummary("Lists leads: 1-based page, pageSize (1-500), search, syncState and status filters (repeat or comma-separate), sort (field, '-' for descending).");
        leads.MapGet("/{id:guid}", GetAsync).WithName("GetLead").WithSummary("Reads one lead; its ETag is its version.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        leads.MapPost("/", CreateAsync).WithName("CreateLead").WithSummary("Creates a lead and queues its push to Zoho.")
            .Accepts<LeadInput>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        leads.MapPut("/{id:guid}", UpdateAsync).WithName("UpdateLead")
            .WithSummary("Replaces a lead's fields; send 'version' or If-Match to fail with 409 on a concurrent change.")
            .Accepts<LeadInput>("application/json")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        leads.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteLead").WithSummary("Deletes a lead (and, per the sync settings, its Zoho record).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return leads;
    }

    private static async Task<Results<Ok<LeadPageResponse>, ValidationProblem>> ListAsync(
        LeadQueries queries,
        int? page,
        int? pageSize,
        string? search,
        string[]? syncState,
        string[]? status,
        string? sort,
        CancellationToken cancellationToken)
    {
        var failures = new List<ValidationFailure>();
        var pageNumber = page ?? 1;
        var size = pageSize ?? 50;
        if (pageNumber < 1)
        {
            failures.Add(new("page", "range", "page must be 1 or more."));
        }

        if (size is < 1 or > LeadPageRequest.MaxPageSize)
        {
            failures.Add(new("pageSize", "range", $"pageSize must be between 1 and {LeadPageRequest.MaxPageSize}."));
        }

        var states = new List<SyncState>();
        foreach (var value in Split(syncState))
        {
            if (IsName(value) && Enum.TryParse<SyncState>(value, ignoreCase: true, out var state))
            {
                states.Add(state);
            }
            else
            {
                failures.Add(new("syncState", "unknown",
                    $"syncState '{value}' is not one of {string.Join(", ", Enum.GetNames<SyncState>())}."));
            }
        }

        var sortField = LeadSortField.UpdatedAt;
        var descending = true;
        if (!string.IsNullOrWhiteSpace(sort))
        {
            descending = sort.StartsWith('-');
            var name = sort.TrimStart('-', '+').Trim();
            if (!IsName(name) || !Enum.TryParse(name, ignoreCase: true, out sortField))
            {
                failures.Add(new("sort", "unknown",
                    $"sort must be one of {string.Join(", ", Enum.GetNames<LeadSortField>().Select(Camel))}, optionally prefixed with '-' for descending."));
            }
        }

        if (search is { Length: > 200 })
        {
            failures.Add(new("search", "maxLength", "search must be at most 200 characters."));
        }

        if (failures.Count > 0)
        {
            return ApiProblems.Validation(failures);
        }

        var request = new LeadPageRequest
        {
            Filter = new LeadFilter
            {
                Search = search,
                SyncStates = states.Count > 0 ? states : null,
                Statuses = Split(status).ToList() is { Count: > 0 } statuses ? statuses : null,
            },
            SortBy = sortField,
            Descending = descending,
            Page = pageNumber - 1,
            PageSize = size,
        };
        var result = await queries.GetPageAsync(request, cancellationToken);
        return TypedResults.Ok(new LeadPageResponse(result.Items.Select(LeadResponse.From).ToList(), pageNumber, size, result.TotalCount));
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
        return TypedResults.Ok(LeadResponse.From(lead));
    }

    private static async Task<Created<LeadResponse>> CreateAsync(
        HttpRequest request, LeadCommands commands, CancellationToken cancellationToken)
    {
        var input = await ApiJson.ReadAsync<LeadInput>(request, cancellationToken);
        var lead = await commands.CreateAsync(input.ToFields(), Trigger, cancellationToken);
        SetETag(request.HttpContext.Response, lead.Version);
        return TypedResults.Created($"/api/leads/{lead.Id}", LeadResponse.From(lead));
    }

    private static async Task<Results<Ok<LeadResponse>, ValidationProblem>> UpdateAsync(
        Guid id, HttpRequest request, LeadCommands commands, CancellationToken cancellationToken)
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

        var lead = await commands.UpdateAsync(id, input.ToFields(), expected, Trigger, cancellationToken);
        SetETag(request.HttpContext.Response, lead.Version);
        return TypedResults.Ok(LeadResponse.From(lead));
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

    private static IEnumerable<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static bool IsName(string value) => value.Length > 0 && value.All(char.IsAsciiLetter);

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
