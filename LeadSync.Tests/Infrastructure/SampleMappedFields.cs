using LeadSync.Core.Fields;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// A settable <see cref="IMappedFields"/> for tests, with one sample field of each kind LeadSync syncs (the shapes of
/// Zoho's standard Lead fields and a few custom ones, reference §2.11).
/// </summary>
public sealed class SampleMappedFields : IMappedFields
{
    public static ZohoFieldDefinition Industry { get; } = Def("Industry", "Industry", ZohoFieldType.Picklist, "picklist", picklist: ["Retail", "Manufacturing", "Healthcare"]);

    public static ZohoFieldDefinition Website { get; } = Def("Website", "Website", ZohoFieldType.Website, "website", 255);

    public static ZohoFieldDefinition Description { get; } = Def("Description", "Description", ZohoFieldType.TextArea, "textarea", 32000);

    public static ZohoFieldDefinition Title { get; } = Def("Designation", "Title", ZohoFieldType.Text, "text", 20);

    public static ZohoFieldDefinition AnnualRevenue { get; } = Def("Annual_Revenue", "Annual Revenue", ZohoFieldType.Currency, "currency", 16);

    public static ZohoFieldDefinition Employees { get; } = Def("No_of_Employees", "No. of Employees", ZohoFieldType.WholeNumber, "integer", 9);

    public static ZohoFieldDefinition Score { get; } = Def("Score__c", "Score", ZohoFieldType.DecimalNumber, "double", 6, custom: true);

    public static ZohoFieldDefinition Interests { get; } = Def("Interests__c", "Interests", ZohoFieldType.MultiSelectPicklist, "multiselectpicklist", picklist: ["CRM", "ERP", "BI"], custom: true);

    public static ZohoFieldDefinition FollowUp { get; } = Def("Follow_Up__c", "Follow-up date", ZohoFieldType.Date, "date", custom: true);

    public static ZohoFieldDefinition LastDemo { get; } = Def("Last_Demo__c", "Last demo", ZohoFieldType.DateTime, "datetime", custom: true);

    public static ZohoFieldDefinition OptOut { get; } = Def("Email_Opt_Out", "Email Opt Out", ZohoFieldType.Boolean, "boolean");

    public static ZohoFieldDefinition Owner { get; } = Def("Owner", "Lead Owner", ZohoFieldType.OwnerLookup, "ownerlookup", readOnly: false);

    /// <summary>Every sample field that LeadSync can write, one per kind.</summary>
    public static IReadOnlyList<ZohoFieldDefinition> Writable { get; } =
        [Industry, Website, Description, Title, AnnualRevenue, Employees, Score, Interests, FollowUp, LastDemo, OptOut];

    public IReadOnlyList<MappedField> Fields { get; set; } = [.. Writable.Select(d => new MappedField(d, FieldSyncDirection.BothWays))];

    public ValueTask<IReadOnlyList<MappedField>> GetAsync(CancellationToken cancellationToken = default) => ValueTask.FromResult(Fields);

    /// <summary>Maps <paramref name="field"/> one way (replacing its both-ways mapping).</summary>
    public void Map(ZohoFieldDefinition field, FieldSyncDirection direction, string? problem = null) =>
        Fields = [.. Fields.Where(f => f.ApiName != field.ApiName), new MappedField(field, direction, problem)];

    private static ZohoFieldDefinition Def(
        string apiName, string label, ZohoFieldType type, string dataType, int? length = null, string[]? picklist = null, bool custom = false, bool readOnly = false) => new()
    {
        ApiName = apiName,
        Label = label,
        Type = type,
        DataType = dataType,
        MaxLength = length,
        PicklistValues = picklist ?? [],
        Custom = custom,
        ReadOnly = readOnly,
    };
}
