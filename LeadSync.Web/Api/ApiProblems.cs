using LeadSync.Core.Leads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadSync.Web.Api;

/// <summary>RFC 7807 problem documents the API answers with.</summary>
internal static class ApiProblems
{
    /// <summary>400 with <c>errors</c> keyed by the JSON field name (camelCase), one message per broken rule.</summary>
    public static ValidationProblem Validation(IEnumerable<ValidationFailure> failures) =>
        TypedResults.ValidationProblem(
            failures.GroupBy(f => EnumNames.Camel(f.Field)).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray()),
            detail: "One or more fields are invalid; nothing was stored.",
            title: "Validation failed");

    public static ValidationProblem Validation(string field, string message) =>
        Validation([new ValidationFailure(field, "invalid", message)]);

    /// <summary>
    /// 409 naming the lead that already uses the email (<c>existingLeadId</c>, and its address in <c>Location</c>'s
    /// place as <c>existingLead</c>): a client retrying a create whose answer was lost finds the lead it created.
    /// </summary>
    public static ProblemHttpResult DuplicateEmail(DuplicateEmailException duplicate) =>
        TypedResults.Problem(
            duplicate.Failures[0].Message,
            statusCode: StatusCodes.Status409Conflict,
            title: "Email already used",
            extensions: new Dictionary<string, object?>
            {
                ["existingLeadId"] = duplicate.ExistingLeadId,
                ["existingLead"] = $"/api/leads/{duplicate.ExistingLeadId}",
                ["errors"] = new Dictionary<string, string[]> { ["email"] = [duplicate.Failures[0].Message] },
            });

    /// <summary>
    /// The problem a lead write's typed error answers with (one mapping for single calls and batch items), or null for
    /// an exception that is not a lead error.
    /// </summary>
    public static IResult? ForLeadError(Exception exception) => exception switch
    {
        DuplicateEmailException duplicate => DuplicateEmail(duplicate),
        LeadValidationException invalid => Validation(invalid.Failures),
        LeadNotFoundException missing => LeadNotFound(missing.LeadId),
        LeadConcurrencyException concurrency =>
            TypedResults.Problem(concurrency.Message, statusCode: StatusCodes.Status409Conflict, title: "Version conflict"),
        _ => null,
    };

    public static ProblemHttpResult LeadNotFound(Guid id) =>
        TypedResults.Problem($"Lead {id} was not found.", statusCode: StatusCodes.Status404NotFound, title: "Lead not found");
}
