using LeadSync.Core.Fields;

namespace LeadSync.Core.Leads.FieldFilters;

/// <summary>
/// Sorting the leads by a mapped extra field (server side): leads without a value come last in either direction, and the
/// lead id breaks ties as in every other sort, so paging is stable.
/// </summary>
public sealed record FieldSort(string ApiName, ZohoFieldType Type);
