using LeadSync.Core.Zoho;

namespace LeadSync.Core.Fields;

/// <summary>
/// Which Zoho fields can be mapped and which ways (docs/zoho §2.12): the six core fields are always mapped both ways;
/// a field LeadSync may write can go any way; a lookup, read-only or system field only comes from Zoho; an unsupported
/// kind cannot be mapped at all.
/// </summary>
public static class FieldMappingRules
{
    private static readonly FieldSyncDirection[] All = [FieldSyncDirection.BothWays, FieldSyncDirection.ZohoToLeadSync, FieldSyncDirection.LeadSyncToZoho];

    /// <summary>True for the six fields every lead syncs (First_Name, Last_Name, Email, Phone, Lead_Status, Company).</summary>
    public static bool IsCore(string apiName) => ZohoFieldNames.SyncedApiNames.Contains(apiName, StringComparer.Ordinal);

    /// <summary>The directions an admin may choose for this field; empty when it cannot be mapped.</summary>
    public static IReadOnlyList<FieldSyncDirection> AllowedDirections(ZohoFieldDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (IsCore(definition.ApiName))
        {
            return [FieldSyncDirection.BothWays];
        }

        if (definition.Type == ZohoFieldType.Unsupported)
        {
            return [];
        }

        return definition.Writable ? All : [FieldSyncDirection.ZohoToLeadSync];
    }

    /// <summary>Why a field cannot be mapped this way, naming the field and the rule; null when it can.</summary>
    public static string? Refusal(ZohoFieldDefinition definition, FieldSyncDirection direction)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (IsCore(definition.ApiName))
        {
            return $"{definition.ApiName} is one of the six core fields: it is always synced both ways.";
        }

        if (definition.Type == ZohoFieldType.Unsupported)
        {
            return $"{definition.ApiName} is a {definition.DataType} field, a kind LeadSync cannot sync.";
        }

        return AllowedDirections(definition).Contains(direction)
            ? null
            : $"{definition.ApiName} cannot be written to Zoho (read-only, system or lookup field): only Zoho → LeadSync is allowed.";
    }

    /// <summary>How a direction reads on the page and in plans.</summary>
    public static string Describe(FieldSyncDirection direction) => direction switch
    {
        FieldSyncDirection.ZohoToLeadSync => "Zoho → LeadSync",
        FieldSyncDirection.LeadSyncToZoho => "LeadSync → Zoho",
        _ => "Both ways",
    };
}
