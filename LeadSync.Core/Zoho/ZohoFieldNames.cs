using LeadSync.Core.Leads;

namespace LeadSync.Core.Zoho;

/// <summary>The one map between LeadSync's field names (<see cref="LeadFields.Names"/>) and Zoho's API names.</summary>
public static class ZohoFieldNames
{
    private static readonly Dictionary<string, string> ToZoho = new(StringComparer.Ordinal)
    {
        [nameof(LeadFields.FirstName)] = "First_Name",
        [nameof(LeadFields.LastName)] = "Last_Name",
        [nameof(LeadFields.Email)] = "Email",
        [nameof(LeadFields.Phone)] = "Phone",
        [nameof(LeadFields.Status)] = "Lead_Status",
        [nameof(LeadFields.Company)] = "Company",
    };

    private static readonly Dictionary<string, string> FromZoho = ToZoho.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>Zoho's API names of the synced lead fields, in <see cref="LeadFields.Names"/> order.</summary>
    public static IReadOnlyList<string> SyncedApiNames { get; } = [.. LeadFields.Names.Select(f => ToZoho[f])];

    /// <summary>Zoho's API name of a lead field; an extra field is already named by its API name.</summary>
    public static string ToApiName(string leadField) => ToZoho.TryGetValue(leadField, out var apiName) ? apiName : leadField;

    public static string? ToLeadField(string? apiName) =>
        apiName is not null && FromZoho.TryGetValue(apiName, out var field) ? field : apiName;
}
