using Microsoft.AspNetCore.Components;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// A link to one lead (<see cref="LeadLinks"/>, e.g. from the Failures page) opens its dialog once the page is
/// interactive, with the named field's editor focused. Kept apart from the grid so the page's list code stays its own.
/// </summary>
public sealed partial class LeadsPage
{
    private Guid? openedLinkedLead;

    [SupplyParameterFromQuery(Name = LeadLinks.LeadParameter)]
    public Guid? LinkedLeadId { get; set; }

    [SupplyParameterFromQuery(Name = LeadLinks.FieldParameter)]
    public string? LinkedField { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (LinkedLeadId is not { } id || openedLinkedLead == id)
        {
            return;
        }

        openedLinkedLead = id; // once per link: closing the dialog does not open it again
        var outcome = await LeadDialog.ShowAsync(Dialogs, id, LinkedField);
        if (outcome is not null)
        {
            await ReloadAsync();
        }
    }
}
