namespace LeadSync.ZohoSandbox;

/// <summary>
/// A change to one Lead field's metadata, from the sandbox page or the control API: only the members set change
/// (a new field needs <see cref="Label"/> and <see cref="DataType"/>).
/// </summary>
public sealed record SandboxFieldEdit
{
    /// <summary>The API name of a new field; default: the label with spaces as underscores and <c>__c</c>.</summary>
    public string? ApiName { get; init; }

    public string? Label { get; init; }

    /// <summary>Zoho's <c>data_type</c> (e.g. <c>picklist</c>, <c>currency</c>, <c>multiselectpicklist</c>).</summary>
    public string? DataType { get; init; }

    public int? MaxLength { get; init; }

    public IReadOnlyList<string>? PicklistValues { get; init; }

    public bool? Mandatory { get; init; }
}
