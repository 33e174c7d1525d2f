namespace LeadSync.Core.Fields;

/// <summary>
/// An admin's choice to sync one extra Zoho field (table <c>FieldMappings</c>), with the field's metadata as it was
/// when the choice was made: comparing that snapshot with the current metadata is how a change Zoho made under the
/// mapping (deleted, retyped, picklist value removed, made mandatory) is noticed (<see cref="FieldChangeDetector"/>).
/// </summary>
public sealed class FieldMapping
{
    public string ApiName { get; set; } = "";

    public FieldSyncDirection Direction { get; set; }

    /// <summary>The admin's display order (the order of Zoho's metadata when mapped).</summary>
    public int Position { get; set; }

    /// <summary>The field's <see cref="ZohoFieldDefinition"/> as JSON when mapped (or when the admin last accepted Zoho's change).</summary>
    public string MappedDefinition { get; set; } = "";

    public DateTimeOffset MappedAt { get; set; }

    public string? MappedBy { get; set; }
}
