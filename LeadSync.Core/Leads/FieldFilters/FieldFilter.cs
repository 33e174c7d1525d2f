using LeadSync.Core.Fields;

namespace LeadSync.Core.Leads.FieldFilters;

/// <summary>
/// A filter on one mapped extra field, already checked against the field's metadata (<see cref="FieldFilterText.Parse"/>):
/// the API name comes from Zoho's metadata, never from a person, and only the part of the filter its
/// <see cref="Kind"/> uses is set. Part of <see cref="LeadFilter"/>, so the grid, its counts, "all N matching" and the
/// CSV export select the same leads.
/// </summary>
public sealed record FieldFilter
{
    public required string ApiName { get; init; }

    public required ZohoFieldType Type { get; init; }

    public FieldFilterKind Kind => FieldFilterKinds.For(Type);

    /// <summary><see cref="FieldFilterKind.TextContains"/>: the text looked for.</summary>
    public string? Text { get; init; }

    /// <summary><see cref="FieldFilterKind.NumberRange"/>: the bounds, inclusive; null is open.</summary>
    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    /// <summary><see cref="FieldFilterKind.DateRange"/>: the first and last day, inclusive (UTC days for date-times).</summary>
    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    /// <summary><see cref="FieldFilterKind.OneOf"/> and <see cref="FieldFilterKind.ContainsAll"/>: Zoho's values chosen.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary><see cref="FieldFilterKind.Boolean"/>.</summary>
    public BooleanChoice? Choice { get; init; }
}
