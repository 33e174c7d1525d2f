using LeadSync.Core.Leads;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// Maps the grid's sort (the column's property path, e.g. <c>Lead.LastName</c> for <see cref="LeadRow"/>) to the
/// database sort Core offers.
/// </summary>
internal static class LeadGridSort
{
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
}
