namespace LeadSync.Core.Leads;

/// <summary>One page of rows and the total count matching the filter.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);
