using LeadSync.Core.Fields;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// A write's extra fields applied to a lead, as Zoho applies them (docs/zoho §2.12, §3): a key naming no field, a
/// read-only, lookup or unsupported field is ignored; a value breaking its field's rules is the record's
/// <c>INVALID_DATA</c>; a mandatory field missing on an insert, or cleared by an update, is <c>MANDATORY_NOT_FOUND</c>.
/// </summary>
internal static class SandboxExtraFields
{
    public static (IReadOnlyDictionary<string, string>? Extra, SandboxRecordError? Error) Apply(
        IReadOnlyList<ZohoFieldDefinition> extras, SandboxLeadPatch patch, SandboxLead? existing, IReadOnlyDictionary<string, string>? current)
    {
        var values = current is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(current, StringComparer.Ordinal);
        foreach (var field in extras)
        {
            if (patch.Extras.TryGetValue(field.ApiName, out var sent))
            {
                var (json, error) = SandboxFieldValues.Check(field, sent);
                if (error is not null)
                {
                    return (null, error);
                }

                if (json is null)
                {
                    values.Remove(field.ApiName);
                }
                else
                {
                    values[field.ApiName] = json;
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
