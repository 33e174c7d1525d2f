using LeadSync.Core.Fields;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.FieldFilters;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// Maps the grid's sort (the column's property path, e.g. <c>Lead.LastName</c> for <see cref="LeadRow"/>, or
/// <c>field:Annual_Revenue</c> for an <see cref="ExtraFieldColumn"/>) to the database sort Core offers.
/// </summary>
internal static class LeadGridSort
{
    /// <summary>How an extra-field column names itself to the grid's sort.</summary>
    public const string FieldPrefix = "field:";

    public static LeadSortField FieldFor(string? column) => column?[(column.LastIndexOf('.') + 1)..] switch
    {
        nameof(LeadListItem.FirstName) => LeadSortField.FirstName,
        nameof(LeadListItem.LastName) => LeadSortField.LastName,
        nameof(LeadListItem.Email) => LeadSortField.Email,
        nameof(LeadListItem.Phone) => LeadSortField.Phone,
        nameof(LeadListItem.Company) => LeadSortField.Company,
        nameof(LeadListItem.Status) => LeadSortField.Status,
        nameof(LeadListItem.SyncState) => LeadSortField.SyncState,
        nameof(LeadListItem.ZohoId) => LeadSortField.ZohoId,
        nameof(LeadListItem.LastSyncedAt) => LeadSortField.LastSyncedAt,
        nameof(LeadListItem.CreatedAt) => LeadSortField.CreatedAt,
        _ => LeadSortField.UpdatedAt,
    };

    /// <summary>The extra-field sort a column stands for, when it is a mapped field's column; else null.</summary>
    public static FieldSort? ExtraFor(string? column, IReadOnlyList<MappedField> mapped) =>
        column is not null && column.StartsWith(FieldPrefix, StringComparison.Ordinal)
        && mapped.FirstOrDefault(f => f.ApiName == column[FieldPrefix.Length..]) is { } field
        && FieldFilterKinds.CanSort(field.Definition.Type)
            ? new FieldSort(field.ApiName, field.Definition.Type)
            : null;
}
