using LeadSync.Core.Leads;

namespace LeadSync.Core.Fields.Values;

/// <summary>
/// Checks a write of extra field values (console, REST API, CSV) against the current mapping: each value that changes
/// must belong to a mapped field LeadSync may write (<see cref="MappedField.Pushes"/>) and follow
/// <see cref="FieldValueRules"/>. Values that do not change pass — a lead keeps what Zoho sent even after Zoho tightened
/// a rule — so an edit of the name never fails on an old picklist value.
/// </summary>
public static class ExtraFieldsValidator
{
    public static IReadOnlyList<ValidationFailure> Validate(LeadFieldValues input, LeadFieldValues current, IReadOnlyList<MappedField> mapped)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(mapped);
        var failures = new List<ValidationFailure>();
        foreach (var name in input.Names.Concat(current.Names).Distinct(StringComparer.Ordinal))
        {
            if (input.FieldEquals(name, current))
            {
                continue;
            }

            var field = mapped.FirstOrDefault(m => string.Equals(m.ApiName, name, StringComparison.Ordinal));
            if (Refusal(name, field) is { } refusal)
            {
                failures.Add(refusal);
            }
            else if (FieldValueRules.Check(field!.Definition, input.Get(name)) is { } failure)
            {
                failures.Add(failure);
            }
        }

        return failures;
    }

    /// <summary>Why LeadSync may not write <paramref name="name"/> at all, or null when it may.</summary>
    public static ValidationFailure? Refusal(string name, MappedField? field)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (field is null)
        {
            return new(name, ValidationRules.NotWritable, $"{name} is not a mapped Zoho field; map it on the Field mapping page first.");
        }

        var label = field.Definition.Label;
        if (field.Problem is { } problem)
        {
            return new(name, ValidationRules.NotWritable, $"{label} cannot be written while its mapping has a problem: {problem}");
        }

        if (!field.Definition.Writable)
        {
            return new(name, ValidationRules.NotWritable, $"{label} is read-only in Zoho; LeadSync never writes it.");
        }

        return field.Direction == FieldSyncDirection.ZohoToLeadSync
            ? new(name, ValidationRules.NotWritable, $"{label} is mapped Zoho → LeadSync only; change it in Zoho.")
            : null;
    }
}
