using LeadSync.Core.Leads;
using LeadSync.Core.Settings;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Settings;

/// <summary>The Zoho connection and the sync settings; Core validates and stores them, the engine reads them at use.</summary>
public sealed partial class SettingsPage
{
    private SyncSettingsForm? form;
    private IReadOnlyList<ValidationFailure> errors = [];
    private bool saving;

    [Inject]
    private SyncSettingsService Settings { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override void OnInitialized() => Reset();

    private static string PolicyLabel(ConflictPolicy policy) => policy switch
    {
        ConflictPolicy.ZohoWins => "Zoho wins",
        ConflictPolicy.LocalWins => "LeadSync wins",
        ConflictPolicy.NewestWins => "Newest change wins",
        _ => "Manual (hold for an admin)",
    };

    private static string PolicyHelp(ConflictPolicy policy) => policy switch
    {
        ConflictPolicy.ZohoWins => "A field changed on both sides takes Zoho's value.",
        ConflictPolicy.LocalWins => "A field changed on both sides keeps LeadSync's value and pushes it.",
        ConflictPolicy.NewestWins => "The side changed last wins (ties go to Zoho).",
        _ => "The lead is held in Conflict until someone picks on the Conflicts page.",
    };

    private bool HasError(string field) => errors.Any(e => e.Field == field);

    private string? ErrorFor(string field) => errors.FirstOrDefault(e => e.Field == field)?.Message;

    private void Reset()
    {
        form = SyncSettingsForm.From(Settings.GetCurrent());
        errors = [];
    }

    private async Task SaveAsync()
    {
        if (form is null)
        {
            return;
        }

        var settings = form.ToSettings();
        errors = SyncSettingsService.Validate(settings);
        if (errors.Count > 0)
        {
            return;
        }

        saving = true;
        try
        {
            await Settings.SaveAsync(settings);
            Snackbar.Add("Sync settings saved; the engine uses them now.", Severity.Success);
            form = SyncSettingsForm.From(Settings.GetCurrent());
        }
        catch (SettingsValidationException ex)
        {
            errors = ex.Failures;
        }
        finally
        {
            saving = false;
        }
    }
}
