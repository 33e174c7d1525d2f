namespace LeadSync.Core.Leads;

/// <summary>
/// Validates a lead's fields for the console, the REST API and the sync engine (records pulled from Zoho too):
/// Zoho's rules from <see cref="LeadFieldRules"/> on the normalised values, plus LeadSync's own requirement of an
/// email (the key that links a lead to its Zoho record).
/// </summary>
public static class LeadValidator
{
    /// <summary>Checks normalised values, at most one failure per field in <see cref="LeadFields.Names"/> order; an empty list means valid.</summary>
    public static IReadOnlyList<ValidationFailure> Validate(LeadFields input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var fields = input.Normalize();
        var failures = new List<ValidationFailure>();
        foreach (var field in LeadFields.Names)
        {
            var value = fields.Get(field);
            if (LeadFieldRules.Check(field, value) is { } failure)
            {
                failures.Add(failure);
            }
            else if (field == "Email" && string.IsNullOrEmpty(value))
            {
                failures.Add(new(field, ValidationRules.Required, "Email is required."));
            }
        }

        return failures;
    }

    /// <summary>Throws <see cref="LeadValidationException"/> when the values break a rule.</summary>
    public static void EnsureValid(LeadFields input)
    {
        var failures = Validate(input);
        if (failures.Count > 0)
        {
            throw new LeadValidationException(failures);
        }
    }

    /// <summary>True for a string of 1 to 19 digits: the shape of a Zoho record id.</summary>
    public static bool IsValidZohoId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= Lead.ZohoIdMaxLength && id.All(char.IsAsciiDigit);
}
