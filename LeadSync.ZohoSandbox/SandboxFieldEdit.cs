using LeadSync.Core.Fields;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// A change to one Lead field's metadata, from the sandbox page or the control API: only the members set change
/// (a new field needs <see cref="Label"/> and <see cref="Type"/>).
/// </summary>
public sealed record SandboxFieldEdit
{
    /// <summary>The API name of a new field; default: the label with spaces as underscores and <c>__c</c>.</summary>
    public string? ApiName { get; init; }

    public string? Label { get; init; }

    public ZohoFieldType? Type { get; init; }

    public int? MaxLength { get; init; }

    public IReadOnlyList<string>? PicklistValues { get; init; }

    public bool? Mandatory { get; init; }
}
