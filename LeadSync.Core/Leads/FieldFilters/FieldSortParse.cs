namespace LeadSync.Core.Leads.FieldFilters;

/// <summary>The sort read by <see cref="FieldSortText.Parse"/>, or the failure (field and rule named) of one that could not be read.</summary>
public sealed record FieldSortParse(FieldSort? Sort, ValidationFailure? Failure);
