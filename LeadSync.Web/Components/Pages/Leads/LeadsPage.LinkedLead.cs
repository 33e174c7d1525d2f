using Microsoft.AspNetCore.Components;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// A link to one lead (<see cref="LeadLinks"/>, e.g. from the Failures page) opens its dialog once the page is
/// interactive, with the named field's editor focused. Kept apart from the grid so the page's list code stays its own.
/// </summary>
public sealed partial class LeadsPage
{
    private Guid? openedLinkedLead;

    /// <summary>Read as text: a value that is not a lead id opens nothing (a typed Guid? would fail the whole page).</summary>
    [SupplyParameterFromQuery(Name = LeadLinks.LeadParameter)]
    public string? LinkedLead { get; set; }

    [SupplyParameterFromQuery(Name = LeadLinks.FieldParameter)]
    public string? LinkedField { get; set; }

    /// <summary>Called after each render (LeadsPage.Columns.cs).</summary>
    private async Task OpenLinkedLeadAsync()
    {
        if (!Guid.TryParse(LinkedLead, out var id) || openedLinkedLead == id)
        {
            return;
        }

        openedLinkedLead = id; // once per link: closing the dialog does not open it again
        var outcome = await LeadDialog.ShowAsync(Dialogs, id, LinkedField);
        if (outcome is not null)
        {
            await RefreshInPlaceAsync();
        }
    }
}
