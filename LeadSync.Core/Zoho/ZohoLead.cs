using LeadSync.Core.Fields.Values;

namespace LeadSync.Core.Zoho;

/// <summary>
/// A Zoho CRM Lead as LeadSync reads and writes it (reference §2.11). Ids are strings of up to 19 digits;
/// <see cref="ModifiedTime"/> is Zoho's <c>Modified_Time</c> (whole seconds; the offset Zoho sent is kept).
/// </summary>
public sealed record ZohoLead
{
    /// <summary>The Zoho fields LeadSync requests on list calls (§2.2: <c>fields</c> is mandatory, at most 50).</summary>
    public static IReadOnlyList<string> ApiFields { get; } = [.. ZohoFieldNames.SyncedApiNames, "Modified_Time", "Created_Time"];

    /// <summary>How many mapped extra fields fit in one read beside <see cref="ApiFields"/> (§2.2: at most 50 in all).</summary>
    public const int MaxExtraFields = 50 - 8;

    public string? Id { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? LeadStatus { get; init; }

    public string? Company { get; init; }

    public DateTimeOffset? ModifiedTime { get; init; }

    public DateTimeOffset? CreatedTime { get; init; }

    /// <summary>
    /// Values of other (extra) fields: read from Zoho's JSON without metadata (<see cref="FieldValue.FromJson"/>), or the
    /// mapped values a write sends.
    /// </summary>
    public LeadFieldValues Extra { get; init; } = LeadFieldValues.Empty;

    /// <summary>The extra API names the record read from Zoho carried, with a value or null (a null clears the field).</summary>
    public IReadOnlySet<string> ExtraNames { get; init; } = EmptyNames;

    private static readonly IReadOnlySet<string> EmptyNames = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// On an update, the API names of the only fields to send (§2.5: only the keys sent change; a null sent clears the
    /// field), extra ones included. Null sends every field and every <see cref="Extra"/> value, as inserts and upserts do.
    /// </summary>
    public IReadOnlySet<string>? OnlyFields { get; init; }

    /// <summary>True when this record's body carries the field with this API name.</summary>
    public bool Sends(string apiName) => OnlyFields is null || OnlyFields.Contains(apiName);
}
