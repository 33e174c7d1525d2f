using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Outbox;
using LeadSync.Core.Leads;
using LeadSync.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// Creates or edits a lead. Each field is checked with <see cref="LeadValidator"/> as the person types or leaves it;
/// on save, <see cref="LeadCommands"/> has the last word (duplicate email, concurrent change, deleted meanwhile).
/// </summary>
public sealed partial class LeadDialog : IDisposable
{
    private const string FirstName = nameof(LeadFields.FirstName);
    private const string LastName = nameof(LeadFields.LastName);
    private const string Email = nameof(LeadFields.Email);
    private const string Phone = nameof(LeadFields.Phone);
    private const string Status = nameof(LeadFields.Status);
    private const string Company = nameof(LeadFields.Company);

    private readonly CancellationTokenSource disposal = new();
    private readonly HashSet<string> touched = [];
    private readonly Dictionary<string, string> serverErrors = [];
    private IReadOnlyList<ValidationFailure> failures = [];
    private Lead? lead;
    private string? firstName;
    private string? lastName;
    private string? email;
    private string? phone;
    private string? status;
    private string? company;
    private LeadFieldValues extra = LeadFieldValues.Empty;
    private bool extraInvalid;
    private bool loading;
    private bool saving;
    private bool deleting;
    private bool conflict;
    private string conflictMessage = string.Empty;
    private string? loadError;
    private string? generalError;
    private IReadOnlyList<FieldErrorView> fieldErrors = [];

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private LeadQueries Queries { get; set; } = default!;

    [Inject]
    private LeadCommands Commands { get; set; } = default!;

    [Inject]
    private FieldErrorQueries FieldErrors { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The lead to edit; null to create a new one.</summary>
    [Parameter]
    public Guid? LeadId { get; set; }

    private bool IsEdit => LeadId is not null;

    private bool IsBusy => saving || deleting;

    private LeadFields CurrentFields => new(firstName, lastName ?? string.Empty, email ?? string.Empty, phone, status, company) { Extra = extra };

    /// <summary>Opens the dialog (create when <paramref name="leadId"/> is null); returns what it did, or null when cancelled.</summary>
    /// <paramref name="focusField"/> (a name of <see cref="LeadFields.Names"/>) gets the focus once the lead is loaded.
    public static async Task<LeadDialogOutcome?> ShowAsync(IDialogService dialogs, Guid? leadId, string? focusField = null)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<LeadDialog> { { x => x.LeadId, leadId }, { x => x.FocusField, focusField } };
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true, BackdropClick = false };
        var reference = await dialogs.ShowAsync<LeadDialog>(leadId is null ? "New lead" : "Edit lead", parameters, options);
        var result = await reference.Result;
        return result is { Canceled: false, Data: LeadDialogOutcome outcome } ? outcome : null;
    }

    protected override async Task OnInitializedAsync()
    {
        if (LeadId is not null)
        {
            loading = true;
            await LoadAsync();
            loading = false;
        }
    }

    private async Task LoadAsync()
    {
        lead = await Queries.FindAsync(LeadId!.Value, disposal.Token);
        if (lead is null)
        {
            loadError = "This lead no longer exists: it was deleted (perhaps by a sync) since the list was loaded.";
            return;
        }

        (firstName, lastName, email, phone, status, company) = (lead.FirstName, lead.LastName, lead.Email, lead.Phone, lead.Status, lead.Company);
        extra = lead.ExtraFields;
        fieldErrors = await FieldErrors.ForLeadAsync(lead.Id, disposal.Token);
        touched.Clear();
        if (fieldFocused && FocusField is { } field)
        {
            touched.Add(field); // opened for this field: a live reload keeps saying what its rules say
        }

        serverErrors.Clear();
        Revalidate();
    }

    /// <summary>The sync panel saw the lead change: take the new values unless the form holds unsaved edits.</summary>
    private async Task SyncChangedAsync()
    {
        if (lead is not null && !CurrentFields.SameValuesAs(lead.Fields))
        {
            return;
        }

        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        conflict = false;
        generalError = null;
        await LoadAsync();
    }

    private Task SetAsync(string field, string? value)
    {
        switch (field)
        {
            case FirstName: firstName = value; break;
            case LastName: lastName = value; break;
            case Email: email = value; break;
            case Phone: phone = value; break;
            case Status: status = value; break;
            default: company = value; break;
        }

        touched.Add(field);
        serverErrors.Remove(field);
        Revalidate();
        return Task.CompletedTask;
    }

    private void Touch(string field)
    {
        touched.Add(field);
        Revalidate();
    }

    private void Revalidate() => failures = LeadValidator.Validate(CurrentFields);

    private string? ErrorFor(string field) =>
        serverErrors.TryGetValue(field, out var message)
            ? message
            : touched.Contains(field) ? failures.FirstOrDefault(f => f.Field == field)?.Message : null;

    private bool HasError(string field) => ErrorFor(field) is not null;

    private static Task<IEnumerable<string>> SearchStatusesAsync(string? text, CancellationToken cancellationToken)
    {
        var all = LeadStatuses.Defaults;
        if (string.IsNullOrWhiteSpace(text) || all.Contains(text, StringComparer.Ordinal))
        {
            return Task.FromResult<IEnumerable<string>>(all);
        }

        var matches = all.Where(s => s.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return Task.FromResult<IEnumerable<string>>(matches);
    }

    private async Task SaveAsync()
    {
        touched.UnionWith(LeadFields.Names);
        Revalidate();
        if (failures.Count > 0 || extraInvalid)
        {
            return;
        }

        saving = true;
        generalError = null;
        try
        {
            await SubmitAsync();
        }
        catch (LeadValidationException ex)
        {
            ShowServerFailures(ex.Failures);
        }
        catch (LeadConcurrencyException ex)
        {
            conflict = true;
            conflictMessage = ex.Message;
        }
        catch (LeadNotFoundException)
        {
            generalError = "This lead was deleted (perhaps by a sync) while you were editing it; your changes were not saved.";
        }
        finally
        {
            saving = false;
        }
    }

    /// <summary>Creates the lead, or updates it if its version is still the one loaded, then closes the dialog.</summary>
    private async Task SubmitAsync()
    {
        if (lead is null)
        {
            await Commands.CreateAsync(CurrentFields, ChangeSource.Console, disposal.Token);
            Snackbar.Add("Lead created.", Severity.Success);
            Dialog.Close(DialogResult.Ok(LeadDialogOutcome.Created));
        }
        else
        {
            await Commands.UpdateAsync(lead.Id, CurrentFields, lead.Version, ChangeSource.Console, disposal.Token);
            Snackbar.Add("Lead saved.", Severity.Success);
            Dialog.Close(DialogResult.Ok(LeadDialogOutcome.Updated));
        }
    }

    /// <summary>The save's failures, each under its field: a core one, or an extra one (its editor shows it).</summary>
    private void ShowServerFailures(IEnumerable<ValidationFailure> serverFailures)
    {
        foreach (var failure in serverFailures)
        {
            serverErrors[failure.Field] = failure.Message;
        }
    }

    private async Task DeleteAsync()
    {
        if (lead is null)
        {
            return;
        }

        var name = string.IsNullOrWhiteSpace(lead.FirstName) ? lead.LastName : $"{lead.FirstName} {lead.LastName}";
        if (!await ConfirmDialog.ShowAsync(Dialogs, "Delete lead", $"Delete {name} ({lead.Email})? Its Zoho record is deleted too when delete propagation is on. This cannot be undone.", "Delete"))
        {
            return;
        }

        deleting = true;
        try
        {
            await Commands.DeleteAsync(lead.Id, ChangeSource.Console, disposal.Token);
            Snackbar.Add("Lead deleted.", Severity.Success);
        }
        catch (LeadNotFoundException)
        {
            Snackbar.Add("This lead had already been deleted.", Severity.Info);
        }
        catch (LeadConcurrencyException ex)
        {
            deleting = false;
            conflict = true;
            conflictMessage = ex.Message;
            return;
        }

        Dialog.Close(DialogResult.Ok(LeadDialogOutcome.Deleted));
    }

    private void Cancel() => Dialog.Cancel();

    private void SetExtra(LeadFieldValues values)
    {
        extra = values;
        foreach (var name in serverErrors.Keys.Where(k => !LeadFields.IsCore(k)).ToList())
        {
            serverErrors.Remove(name); // the editors check again as the person types
        }
    }

    public void Dispose()
    {
        disposal.Cancel();
        disposal.Dispose();
    }
}
