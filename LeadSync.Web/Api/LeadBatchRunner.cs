using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace LeadSync.Web.Api;

/// <summary>
/// Applies a batch's operations in order, each through <see cref="LeadCommands"/> in its own transaction, and turns each
/// outcome into the result the single-lead endpoint would have given. Runs to the end whatever the caller does
/// (no request cancellation): an idempotent batch's answer must exist once it started.
/// </summary>
internal static class LeadBatchRunner
{
    private const ChangeSource Trigger = ChangeSource.Api;

    public static async Task<LeadBatchResponse> RunAsync(LeadCommands commands, LeadQueries queries, IReadOnlyList<LeadBatchOperation> operations)
    {
        var results = new List<LeadBatchItemResult>(operations.Count);
        for (var index = 0; index < operations.Count; index++)
        {
            results.Add(await RunOneAsync(commands, index, operations[index]));
        }

        // An updated lead may keep per-field errors (a new lead has none): read them once for the whole batch.
        var updated = results.Where(r => r is { Op: "update", Lead: not null }).Select(r => r.Id!.Value).ToList();
        var fieldErrors = updated.Count == 0 ? null : await queries.FieldErrorsAsync(updated, CancellationToken.None);
        if (fieldErrors is { Count: > 0 })
        {
            results = [.. results.Select(r => r.Lead is { } lead && fieldErrors.TryGetValue(lead.Id, out var errors)
                ? r with { Lead = lead with { FieldErrors = [.. errors.Select(LeadFieldErrorResponse.From)] } }
                : r)];
        }

        var succeeded = results.Count(r => r.Problem is null);
        return new LeadBatchResponse(succeeded, results.Count - succeeded, results);
    }

    private static async Task<LeadBatchItemResult> RunOneAsync(LeadCommands commands, int index, LeadBatchOperation? operation)
    {
        var op = operation?.Op?.Trim().ToLowerInvariant() ?? string.Empty;
        if (Malformed(operation, op) is { } problem)
        {
            return new LeadBatchItemResult(index, op, StatusCodes.Status400BadRequest, operation?.Id, null, problem);
        }

        try
        {
            return op switch
            {
                "create" => Done(index, op, StatusCodes.Status201Created,
                    await commands.CreateAsync(operation!.Lead!.ToPatch(), Trigger, CancellationToken.None)),
                "update" => Done(index, op, StatusCodes.Status200OK, await commands.PatchAsync(
                    operation!.Id!.Value, operation.Lead!.ToPatch(), operation.Version ?? operation.Lead!.Version, Trigger, CancellationToken.None)),
                _ => await DeleteAsync(commands, index, operation!.Id!.Value),
            };
        }
        catch (Exception ex) when (ApiProblems.ForLeadError(ex) is IStatusCodeHttpResult refusal)
        {
            return new LeadBatchItemResult(index, op, refusal.StatusCode ?? StatusCodes.Status400BadRequest, operation!.Id, null, ProblemOf(refusal));
        }
    }

    private static async Task<LeadBatchItemResult> DeleteAsync(LeadCommands commands, int index, Guid id)
    {
        await commands.DeleteAsync(id, Trigger, CancellationToken.None);
        return new LeadBatchItemResult(index, "delete", StatusCodes.Status204NoContent, id, null, null);
    }

    private static LeadBatchItemResult Done(int index, string op, int status, Lead lead) =>
        new(index, op, status, lead.Id, LeadResponse.From(lead), null);

    /// <summary>An operation whose shape is wrong (unknown op, missing id or lead) — refused before anything runs.</summary>
    private static ProblemDetails? Malformed(LeadBatchOperation? operation, string op)
    {
        var message = (op, operation) switch
        {
            (_, null) => "each operation must be an object.",
            ("create", { Lead: null }) => "a create needs 'lead'.",
            ("create", { Id: not null }) => "a create takes no 'id' (LeadSync assigns it).",
            ("update", { Id: null }) or ("delete", { Id: null }) => $"an {op} needs 'id'.",
            ("update", { Lead: null }) => "an update needs 'lead'.",
            ("create" or "update" or "delete", _) => null,
            _ => "op must be 'create', 'update' or 'delete'.",
        };
        return message is null ? null : new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest, Title = "Malformed operation", Detail = message,
        };
    }

    /// <summary>The refusal's problem document; a validation problem's field errors are kept as <c>errors</c>.</summary>
    private static ProblemDetails ProblemOf(IStatusCodeHttpResult refusal)
    {
        switch (refusal)
        {
            case ValidationProblem validation:
                var details = validation.ProblemDetails;
                var problem = new ProblemDetails { Status = details.Status, Title = details.Title, Detail = details.Detail, Type = details.Type };
                problem.Extensions["errors"] = details.Errors;
                return problem;
            case ProblemHttpResult result:
                return result.ProblemDetails;
            default:
                return new ProblemDetails { Status = refusal.StatusCode };
        }
    }
}
