namespace LeadSync.Core.Fields;

/// <summary>Zoho's Lead field metadata as stored: the fields in Zoho's order and when they were read (null: never).</summary>
public sealed record FieldMetadata(IReadOnlyList<ZohoFieldDefinition> Fields, DateTimeOffset? ReadAt)
{
    public static FieldMetadata Empty { get; } = new([], null);

    public ZohoFieldDefinition? Find(string apiName) => Fields.FirstOrDefault(f => string.Equals(f.ApiName, apiName, StringComparison.Ordinal));
}
