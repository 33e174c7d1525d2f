namespace LeadSync.Core.Fields;

/// <summary>
/// One Lead field of Zoho's metadata as last read, stored so a restart and every other instance see the same metadata
/// without spending a credit (table <c>ZohoFields</c>). Replaced as a whole set on each refresh.
/// </summary>
public sealed class CachedZohoField
{
    public const int ApiNameMaxLength = 100;

    public string ApiName { get; set; } = "";

    /// <summary>Zoho's order of the field in the metadata answer.</summary>
    public int Position { get; set; }

    /// <summary>The <see cref="ZohoFieldDefinition"/> as JSON (<see cref="FieldDefinitionJson"/>).</summary>
    public string Definition { get; set; } = "";

    /// <summary>When LeadSync read this metadata from Zoho.</summary>
    public DateTimeOffset ReadAt { get; set; }
}
