using LeadSync.Core.Leads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadSync.Web.Api;

/// <summary>RFC 7807 problem documents the API answers with.</summary>
internal static class ApiProblems
{
    /// <summary>400 with <c>errors</c> keyed by the JSON field name (camelCase), one message per broken rule.</summary>
    public static ValidationProblem Validation(IEnumerable<ValidationFailure> failures) =>
        TypedResults.ValidationProblem(
            failures.GroupBy(f => JsonName(f.Field)).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()),
            detail: "One or more fields are invalid; nothing was stored.",
            title: "Validation failed");

    public static ValidationProblem Validation(string field, string message) =>
        Validation([new ValidationFailure(field, "invalid", message)]);

    public static ProblemHttpResult LeadNotFound(Guid id) =>
        TypedResults.Problem($"Lead {id} was not found.", statusCode: StatusCodes.Status404NotFound, title: "Lead not found");

    private static string JsonName(string field) =>
        string.IsNullOrEmpty(field) ? string.Empty : char.ToLowerInvariant(field[0]) + field[1..];
}
