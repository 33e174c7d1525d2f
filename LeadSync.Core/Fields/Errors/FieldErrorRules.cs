using LeadSync.Core.Fields.Values;

namespace LeadSync.Core.Fields.Errors;

/// <summary>Which extra fields a push leaves out: those whose push error still stands for the value the lead holds.</summary>
public static class FieldErrorRules
{
    /// <summary>
    /// The API names whose push error was for exactly the value the lead holds now (a changed value is sent again:
    /// new values deserve a new try).
    /// </summary>
    public static IReadOnlySet<string> Withheld(IEnumerable<LeadFieldError> pushErrors, LeadFieldValues values)
    {
        ArgumentNullException.ThrowIfNull(pushErrors);
        ArgumentNullException.ThrowIfNull(values);
        HashSet<string>? withheld = null;
        foreach (var error in pushErrors)
        {
            if (error.Direction == FieldErrorDirection.Push && string.Equals(error.Value, FieldValue.ToStoredText(values.Get(error.ApiName)), StringComparison.Ordinal))
            {
                (withheld ??= new HashSet<string>(StringComparer.Ordinal)).Add(error.ApiName);
            }
        }

        return withheld ?? Outbox.ClaimedEntry.NoFields;
    }
}
