namespace LeadSync.Core.Fields;

/// <summary>
/// Whether Zoho changed a mapped field under the mapping (docs/zoho §2.12): compares the metadata the admin mapped
/// against Zoho's current metadata. Pure, so the four "Zoho changed it" cases are tested without a host.
/// </summary>
public static class FieldChangeDetector
{
    /// <summary>A clear sentence saying what Zoho changed, or null when the mapped field is as it was mapped.</summary>
    public static string? Detect(ZohoFieldDefinition mapped, ZohoFieldDefinition? current)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        if (current is null)
        {
            return $"Zoho no longer has the field {mapped.ApiName} ({mapped.Label}): it was deleted. Its values are no longer synced; unmap it.";
        }

        if (current.Type != mapped.Type)
        {
            return $"Zoho changed {current.Label} ({current.ApiName}) from {ZohoFieldTypes.Describe(mapped.Type)} to {ZohoFieldTypes.Describe(current.Type)}. "
                + "It is not synced until you accept the new type or unmap it.";
        }

        var removed = mapped.PicklistValues.Except(current.PicklistValues, StringComparer.Ordinal).ToList();
        if (removed.Count > 0)
        {
            var values = string.Join(", ", removed.Select(v => $"\"{v}\""));
            return $"Zoho removed the value{(removed.Count == 1 ? "" : "s")} {values} from {current.Label} ({current.ApiName}): "
                + "leads holding it cannot be written to Zoho. It is not synced until you accept the change or unmap it.";
        }

        if (current.Mandatory && !mapped.Mandatory)
        {
            return $"Zoho made {current.Label} ({current.ApiName}) mandatory: a lead without a value is refused by Zoho. "
                + "It is not synced until you accept the change or unmap it.";
        }

        return null;
    }
}
