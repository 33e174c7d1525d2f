namespace LeadSync.Core.Zoho;

/// <summary>The one map between LeadSync's field names and Zoho's API names.</summary>
public static class ZohoFieldNames
{
    private static readonly Dictionary<string, string> ToZoho = new(StringComparer.Ordinal)
    {
        ["FirstName"] = "First_Name",
        ["LastName"] = "Last_Name",
        ["Email"] = "Email",
        ["Phone"] = "Phone",
        ["Status"] = "Lead_Status",
        ["Company"] = "Company",
    };

    private static readonly Dictionary<string, string> FromZoho = ToZoho.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string ToApiName(string leadField) => ToZoho[leadField];

    public static string? ToLeadField(string? apiName) =>
        apiName is not null && FromZoho.TryGetValue(apiName, out var field) ? field : apiName;
}
