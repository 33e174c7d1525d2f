namespace LeadSync.Core.Fields;

/// <summary>What the field mapping page shows: every field, when the metadata was read, and how many leads are linked.</summary>
public sealed record FieldMappingOverview(IReadOnlyList<FieldMappingView> Fields, DateTimeOffset? MetadataReadAt, int LinkedLeads);
