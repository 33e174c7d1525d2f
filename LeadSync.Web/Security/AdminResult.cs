using LeadSync.Core.Leads;

namespace LeadSync.Web.Security;

/// <summary>The outcome of an admin change: success, or what is wrong per field (<c>Email</c>, <c>Password</c>, or empty for the whole form).</summary>
public sealed record AdminResult(IReadOnlyList<ValidationFailure> Errors)
{
    public static AdminResult Success { get; } = new([]);

    public bool Succeeded => Errors.Count == 0;

    public static AdminResult Failure(string field, string rule, string message) => new([new ValidationFailure(field, rule, message)]);
}
