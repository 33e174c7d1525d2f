using LeadSync.Core.Fields;
using LeadSync.Core.Leads;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// The Lead fields a fresh sandbox org has (docs/zoho §2.11, §2.12): Zoho's standard fields with their lengths and
/// picklists, the system fields (read-only) and a few custom fields of every kind a sales team adds.
/// </summary>
public static class SandboxStandardFields
{
    public static IReadOnlyList<ZohoFieldDefinition> All { get; } =
    [
        Field("Owner", "Lead Owner", ZohoFieldType.OwnerLookup),
        Field("Salutation", "Salutation", ZohoFieldType.Picklist) with { PicklistValues = ["Mr.", "Mrs.", "Ms.", "Dr.", "Prof."] },
        Field(SandboxLeadFields.FirstName, "First Name", ZohoFieldType.Text, Lead.FirstNameMaxLength),
        Field(SandboxLeadFields.LastName, "Last Name", ZohoFieldType.Text, Lead.LastNameMaxLength) with { Mandatory = true },
        Field(SandboxLeadFields.FullName, "Lead Name", ZohoFieldType.Text, 200) with { ReadOnly = true },
        Field(SandboxLeadFields.Company, "Company", ZohoFieldType.Text, Lead.CompanyMaxLength),
        Field("Designation", "Title", ZohoFieldType.Text, 100),
        Field(SandboxLeadFields.Email, "Email", ZohoFieldType.Email, Lead.EmailMaxLength),
        Field(SandboxLeadFields.Phone, "Phone", ZohoFieldType.Phone, Lead.PhoneMaxLength),
        Field("Mobile", "Mobile", ZohoFieldType.Phone, 30),
        Field("Website", "Website", ZohoFieldType.Website, 255),
        Field("Lead_Source", "Lead Source", ZohoFieldType.Picklist) with
        {
            PicklistValues = ["Advertisement", "Cold Call", "Employee Referral", "External Referral", "Online Store", "Partner", "Public Relations",
                "Seminar Partner", "Trade Show", "Web Download", "Web Research", "Chat"],
        },
        Field(SandboxLeadFields.LeadStatus, "Lead Status", ZohoFieldType.Picklist, Lead.StatusMaxLength) with { PicklistValues = SandboxLeadFields.StatusSuggestions },
        Field("Industry", "Industry", ZohoFieldType.Picklist) with
        {
            PicklistValues = ["ASP (Application Service Provider)", "Data/Telecom OEM", "ERP (Enterprise Resource Planning)", "Government/Military",
                "Large Enterprise", "Management ISV", "MSP (Management Service Provider)", "Network Equipment Enterprise", "Non-management ISV",
                "Optical Networking", "Service Provider", "Small/Medium Enterprise", "Storage Equipment", "Storage Service Provider", "Systems Integrator",
                "Wireless Industry"],
        },
        Field("Annual_Revenue", "Annual Revenue", ZohoFieldType.Currency, 16),
        Field("No_of_Employees", "No. of Employees", ZohoFieldType.WholeNumber, 9),
        Field("Rating", "Rating", ZohoFieldType.Picklist) with { PicklistValues = ["Acquired", "Active", "Market Failed", "Project Cancelled", "ShutDown"] },
        Field("Email_Opt_Out", "Email Opt Out", ZohoFieldType.Boolean),
        Field("Street", "Street", ZohoFieldType.Text, 250),
        Field("City", "City", ZohoFieldType.Text, 100),
        Field("State", "State", ZohoFieldType.Text, 100),
        Field("Zip_Code", "Zip Code", ZohoFieldType.Text, 30),
        Field("Country", "Country", ZohoFieldType.Text, 100),
        Field("Description", "Description", ZohoFieldType.TextArea, 32000),
        Field(SandboxLeadFields.CreatedBy, "Created By", ZohoFieldType.OwnerLookup) with { ReadOnly = true },
        Field(SandboxLeadFields.ModifiedBy, "Modified By", ZohoFieldType.OwnerLookup) with { ReadOnly = true },
        Field(SandboxLeadFields.CreatedTime, "Created Time", ZohoFieldType.DateTime) with { ReadOnly = true },
        Field(SandboxLeadFields.ModifiedTime, "Modified Time", ZohoFieldType.DateTime) with { ReadOnly = true },
        Custom("Budget__c", "Budget", ZohoFieldType.Currency, 16),
        Custom("Region__c", "Region", ZohoFieldType.Picklist) with { PicklistValues = ["EMEA", "North America", "LATAM", "APAC"] },
        Custom("Product_Interest__c", "Product Interest", ZohoFieldType.MultiSelectPicklist) with { PicklistValues = ["CRM", "Analytics", "Support", "Telephony"] },
        Custom("Next_Call__c", "Next Call", ZohoFieldType.Date),
        Custom("Demo_At__c", "Demo At", ZohoFieldType.DateTime),
        Custom("Is_Partner__c", "Is Partner", ZohoFieldType.Boolean),
        Custom("Seats__c", "Seats", ZohoFieldType.WholeNumber, 9),
        Custom("Notes__c", "Notes", ZohoFieldType.TextArea, 2000),
        Custom("Lead_Score__c", "Lead Score", ZohoFieldType.Unsupported) with { DataType = "formula", ReadOnly = true },
    ];

    /// <summary>Fields the sandbox page and control API may not delete or retype: the six core fields and Zoho's system fields.</summary>
    public static bool IsProtected(ZohoFieldDefinition field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return FieldMappingRules.IsCore(field.ApiName) || SandboxLeadFields.All.Contains(field.ApiName, StringComparer.Ordinal);
    }

    private static ZohoFieldDefinition Field(string apiName, string label, ZohoFieldType type, int? length = null) => new()
    {
        ApiName = apiName, Label = label, Type = type, DataType = ZohoFieldTypes.DataTypeOf(type), MaxLength = length,
    };

    private static ZohoFieldDefinition Custom(string apiName, string label, ZohoFieldType type, int? length = null) =>
        Field(apiName, label, type, length) with { Custom = true };
}
