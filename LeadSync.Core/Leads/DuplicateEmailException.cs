namespace LeadSync.Core.Leads;

/// <summary>
/// The email is already used by another lead (compared without case); nothing was stored. Carries that lead's id, so a
/// caller retrying a create whose answer it lost can tell "already created" from a real clash.
/// </summary>
public sealed class DuplicateEmailException(string email, Guid existingLeadId)
    : LeadValidationException([new ValidationFailure("Email", "unique", $"Email must be unique: another lead already uses {email} (compared without case).")])
{
    public Guid ExistingLeadId { get; } = existingLeadId;
}
