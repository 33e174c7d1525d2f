using LeadSync.Core.Fields;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// A write's extra fields applied to a lead, as Zoho applies them (docs/zoho §2.12, §3): a key naming no field, a
/// read-only, lookup or unsupported field is ignored; a value breaking its field's rules is the record's
/// <c>INVALID_DATA</c>; a mandatory field missing on an insert, or cleared by an update, is <c>MANDATORY_NOT_FOUND</c>.
/// The values are checked (<see cref="Check"/>) before the store's write lease is taken: they depend on the record
/// and the metadata only, and with tens of fields per record the checks cost more than the rest of the write.
/// </summary>
internal static class SandboxExtraFields
{
    /// <summary>Checks each value the record sends for one of <paramref name="extras"/> (its JSON text, or why it is refused).</summary>
    public static SandboxCheckedExtras Check(IReadOnlyList<ZohoFieldDefinition> extras, SandboxLeadPatch patch)
    {
        if (patch.Extras.Count == 0)
        {
            return new SandboxCheckedExtras(extras, SandboxCheckedExtras.NoValues);
        }

        var values = new Dictionary<string, (string? Json, SandboxRecordError? Error)>(StringComparer.Ordinal);
        foreach (var field in extras)
        {
            if (patch.Extras.TryGetValue(field.ApiName, out var sent))
            {
                values[field.ApiName] = SandboxFieldValues.Check(field, sent);
            }
        }

        return new SandboxCheckedExtras(extras, values);
    }

    /// <summary>
    /// The lead's extra values after the record (<paramref name="checkedValues"/>, from <see cref="Check"/>), or the
    /// record's first error in field order: a refused value, or a mandatory field without a value.
    /// </summary>
    public static (IReadOnlyDictionary<string, string>? Extra, SandboxRecordError? Error) Apply(
        SandboxCheckedExtras checkedValues, SandboxLeadPatch patch, SandboxLead? existing, IReadOnlyDictionary<string, string>? current)
    {
        var values = current is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var field in checkedValues.Fields)
        {
            if (checkedValues.Values.TryGetValue(field.ApiName, out var sent))
            {
                if (sent.Error is not null)
                {
                    return (null, sent.Error);
                }

                if (sent.Json is null)
                {
                    values.Remove(field.ApiName);
                }
                else
                {
                    values[field.ApiName] = sent.Json;
                }
            }

            if (field.Mandatory && !values.ContainsKey(field.ApiName) && (existing is null || patch.Extras.ContainsKey(field.ApiName)))
            {
                return (null, SandboxRecordError.Mandatory(field.ApiName));
            }
        }

        return (values.Count == 0 ? null : values, null);
    }

    /// <summary>A field whose values the sandbox keeps beside the six core fields: writable and not a system field.</summary>
    public static bool IsExtra(ZohoFieldDefinition field) => field.Writable && !SandboxStandardFields.IsProtected(field);
}
