using System.Text;
using LeadSync.Core.Leads.Transfer.Import;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Leads.Import;

/// <summary>
/// The import dialog: reads the chosen file (or pasted text) once, guesses the mapping from its header
/// (<see cref="ImportMappingGuess"/>), previews the first rows through Core (<see cref="LeadImportPreview"/>) after every
/// change of mapping or policy, and starts the job (<see cref="LeadImportJobs"/>); returns the job's id.
/// </summary>
public sealed partial class LeadImportDialog
{
    /// <summary>The largest file the console takes (about 500,000 leads).</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;

    private byte[]? content;
    private string fileName = string.Empty;
    private string? pasted;
    private List<LeadImportField?> mapping = [];
    private ExistingEmailPolicy policy = ExistingEmailPolicy.Skip;
    private ImportPreview? preview;
    private int totalRows;
    private string? problem;
    private bool starting;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private LeadImportPreview Previews { get; set; } = default!;

    [Inject]
    private LeadImportJobs Jobs { get; set; } = default!;

    /// <summary>Opens the dialog; returns the started job's id, or null when the person cancelled.</summary>
    public static async Task<Guid?> ShowAsync(IDialogService dialogs)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var options = new DialogOptions { MaxWidth = MaxWidth.Large, FullWidth = true, CloseButton = true, BackdropClick = false };
        var reference = await dialogs.ShowAsync<LeadImportDialog>("Import leads from CSV", options);
        var result = await reference.Result;
        return result is { Canceled: false, Data: Guid job } ? job : null;
    }

    private async Task OnFileAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }

        if (file.Size > MaxFileBytes)
        {
            problem = $"{file.Name} is {file.Size / 1024 / 1024:N0} MB; the console imports files up to {MaxFileBytes / 1024 / 1024} MB.";
            return;
        }

        using var buffer = new MemoryStream();
        await using (var stream = file.OpenReadStream(MaxFileBytes))
        {
            await stream.CopyToAsync(buffer);
        }

        await LoadAsync(buffer.ToArray(), file.Name);
    }

    private Task UsePastedAsync() => LoadAsync(Encoding.UTF8.GetBytes(pasted ?? string.Empty), "pasted text");

    private async Task LoadAsync(byte[] bytes, string name)
    {
        problem = null;
        try
        {
            var headers = ImportCsvReader.ReadHeader(bytes);
            totalRows = ImportCsvReader.CountRows(bytes);
            (content, fileName) = (bytes, name);
            mapping = [.. ImportMappingGuess.Guess(headers).Columns];
            await RefreshPreviewAsync();
        }
        catch (ImportFileException ex)
        {
            (content, preview, problem) = (null, null, $"{name}: {ex.Message}");
        }
    }

    private async Task RefreshPreviewAsync()
    {
        try
        {
            preview = await Previews.PreviewAsync(content!, new ImportMapping(mapping), policy);
        }
        catch (ImportFileException ex)
        {
            problem = ex.Message;
        }
    }

    private Task OnMappingChangedAsync(int column, LeadImportField? field)
    {
        mapping[column] = field;
        return RefreshPreviewAsync();
    }

    private Task OnPolicyChangedAsync(ExistingEmailPolicy value)
    {
        policy = value;
        return RefreshPreviewAsync();
    }

    private string FirstValue(int column) =>
        preview is { Rows.Count: > 0 } p && p.Rows[0] is var row && column < row.Cells.Count ? row.Cells[column].Value : string.Empty;

    private async Task StartAsync()
    {
        starting = true;
        problem = null;
        try
        {
            var user = (await AuthenticationState).User.Identity?.Name ?? "admin";
            var job = await Jobs.StartAsync(new ImportRequest(content!, fileName, new ImportMapping(mapping), policy, user));
            Dialog.Close(DialogResult.Ok(job));
        }
        catch (Exception ex) when (ex is ImportFileException or ImportMappingException)
        {
            problem = ex.Message;
        }
        finally
        {
            starting = false;
        }
    }

    private void StartOver() => (content, preview, problem, pasted) = (null, null, null, null);

    private void Cancel() => Dialog.Cancel();
}
