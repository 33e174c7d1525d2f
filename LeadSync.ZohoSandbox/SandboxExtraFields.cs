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

        var values = new SandboxCheckedValue[extras.Count];
        for (var i = 0; i < extras.Count; i++)
        {
            if (patch.Extras.TryGetValue(extras[i].ApiName, out var sent))
            {
                var (json, error) = SandboxFieldValues.Check(extras[i], sent);
                values[i] = new SandboxCheckedValue(true, json, error);
            }
        }

        return new SandboxCheckedExtras(extras, values);
    }

    /// <summary>
    /// The lead's extra values after the record (<paramref name="checkedValues"/>, from <see cref="Check"/>), or the
    /// record's first error in field order: a refused value, or a mandatory field without a value.
    /// </summary>
    public static (IReadOnlyDictionary<string, string>? Extra, SandboxRecordError? Error) Apply(
        SandboxCheckedExtras checkedValues, SandboxLead? existing, IReadOnlyDictionary<string, string>? current)
    {
        var values = current is null
            ? new Dictionary<string, string>(checkedValues.Fields.Count, StringComparer.Ordinal)
            : new Dictionary<string, string>(current, StringComparer.Ordinal);
        for (var i = 0; i < checkedValues.Fields.Count; i++)
        {
            var (field, sent) = (checkedValues.Fields[i], checkedValues[i]);
            if (sent.Error is not null)
            {
                return (null, sent.Error);
            }

            if (sent.Sent && sent.Json is null)
            {
                values.Remove(field.ApiName);
            }
            else if (sent.Sent)
            {
                values[field.ApiName] = sent.Json!;
            }

            if (field.Mandatory && !values.ContainsKey(field.ApiName) && (existing is null || sent.Sent))
            {
                return (null, SandboxRecordError.Mandatory(field.ApiName));
            }
        }

        return (values.Count == 0 ? null : values, null);
    }

    /// <summary>A field whose values the sandbox keeps beside the six core fields: writable and not a system field.</summary>
    public static bool IsExtra(ZohoFieldDefinition field) => field.Writable && !SandboxStandardFields.IsProtected(field);
}
