using System.Text.Json;

namespace LeadSync.Core.Fields;

/// <summary>How a <see cref="ZohoFieldDefinition"/> is stored in a text column (metadata cache, mapping snapshot).</summary>
public static class FieldDefinitionJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(ZohoFieldDefinition definition) => JsonSerializer.Serialize(definition, Options);

    public static ZohoFieldDefinition Read(string json) =>
        JsonSerializer.Deserialize<ZohoFieldDefinition>(json, Options) ?? throw new JsonException("A stored field definition is empty.");
}
