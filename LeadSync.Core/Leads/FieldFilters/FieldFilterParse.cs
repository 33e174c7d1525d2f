namespace LeadSync.Core.Leads.FieldFilters;

/// <summary>The filters read from text, and a failure (field and rule named) for each one that could not be read.</summary>
public sealed record FieldFilterParse(IReadOnlyList<FieldFilter> Filters, IReadOnlyList<ValidationFailure> Failures)
{
    public static FieldFilterParse Empty { get; } = new([], []);
}
