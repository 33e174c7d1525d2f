using LeadSync.Core.Leads;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// Opening the dialog on one field (a link from the Failures page, <see cref="LeadLinks"/>): once the lead is loaded,
/// that field's editor takes the focus and shows what its rules say about the current value. The dialog then gives no
/// default focus of its own (LeadDialog.razor), which would take it back.
/// </summary>
public sealed partial class LeadDialog
{
    private MudTextField<string>? firstNameField;
    private MudTextField<string>? lastNameField;
    private MudTextField<string>? emailField;
    private MudTextField<string>? phoneField;
    private MudAutocomplete<string>? statusField;
    private MudTextField<string>? companyField;
    private bool fieldFocused;

    /// <summary>The field whose editor takes the focus when the lead is loaded; null for none.</summary>
    [Parameter]
    public string? FocusField { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (fieldFocused || lead is null || loading || FocusField is not { } field || !LeadFields.Names.Contains(field))
        {
            return;
        }

        fieldFocused = true;
        Touch(field);
        Task? focus = field switch
        {
            FirstName => firstNameField?.FocusAsync().AsTask(),
            LastName => lastNameField?.FocusAsync().AsTask(),
            Email => emailField?.FocusAsync().AsTask(),
            Phone => phoneField?.FocusAsync().AsTask(),
            Status => statusField?.FocusAsync().AsTask(),
            _ => companyField?.FocusAsync().AsTask(),
        };
        if (focus is not null)
        {
            await focus;
        }

        StateHasChanged();
    }
}
