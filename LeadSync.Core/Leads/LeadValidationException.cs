namespace LeadSync.Core.Leads;

/// <summary>Thrown when a lead write breaks a rule; nothing was stored.</summary>
public class LeadValidationException(IReadOnlyList<ValidationFailure> failures)
    : Exception(string.Join(" ", failures.Select(f => f.Message)))
{
    public IReadOnlyList<ValidationFailure> Failures { get; } = failures;
}
