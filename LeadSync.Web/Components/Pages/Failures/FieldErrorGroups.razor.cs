using LeadSync.Core.Fields.Errors;
using Microsoft.AspNetCore.Components;

namespace LeadSync.Web.Components.Pages.Failures;

/// <summary>
/// The fields that do not sync for some leads (per-field errors, docs/extra-fields.md): the field, which way, Zoho's
/// message, how many leads and what to do; opening a row lists its latest leads, each linking to its dialog.
/// </summary>
public sealed partial class FieldErrorGroups
{
    /// <summary>How many leads a row lists.</summary>
    public const int MaxLeads = 50;

    private readonly Dictionary<string, IReadOnlyList<FieldErrorLead>> leads = new(StringComparer.Ordinal);

    [Inject]
    private FieldErrorQueries Queries { get; set; } = default!;

    [Parameter]
    public IReadOnlyList<FieldErrorGroup>? Groups { get; set; }

    /// <summary>A field to open at first (the mapping page links here with it).</summary>
    [Parameter]
    public string? Focus { get; set; }

    /// <summary>The rows open (or asked for by <see cref="Focus"/>) list their leads afresh with each new set of groups.</summary>
    protected override async Task OnParametersSetAsync()
    {
        foreach (var group in Groups?.Where(g => g.ApiName == Focus || leads.ContainsKey(Key(g))).ToList() ?? [])
        {
            await LoadAsync(group);
        }
    }

    private static string Key(FieldErrorGroup group) => $"{group.ApiName}\n{group.Direction}\n{group.Code}";

    private async Task OnExpandedAsync(FieldErrorGroup group, bool expanded)
    {
        if (expanded && !leads.ContainsKey(Key(group)))
        {
            await LoadAsync(group);
        }
    }

    private async Task LoadAsync(FieldErrorGroup group) =>
        leads[Key(group)] = await Queries.LeadsAsync(group.ApiName, group.Direction, MaxLeads);
}
