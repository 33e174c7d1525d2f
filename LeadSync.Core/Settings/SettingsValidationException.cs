using LeadSync.Core.Leads;

namespace LeadSync.Core.Settings;

/// <summary>Thrown when settings break a rule; nothing was stored.</summary>
public sealed class SettingsValidationException(IReadOnlyList<ValidationFailure> failures)
    : Exception(string.Join(" ", failures.Select(f => f.Message)))
{
    public IReadOnlyList<ValidationFailure> Failures { get; } = failures;
}
