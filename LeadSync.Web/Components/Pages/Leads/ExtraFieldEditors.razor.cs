using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Errors;
using LeadSync.Core.Fields.Values;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// The lead dialog's editors for mapped extra Zoho fields, one per kind (text with its length counter, long text,
/// number, currency, percent, date, date-time, picklist with Zoho's values, multi-select, boolean). What a person types is
/// read by <see cref="FieldValueCodec"/> and checked by <see cref="FieldValueRules"/> as they type; fields LeadSync may
/// not write (Zoho → LeadSync only, read-only, a mapping problem) are shown disabled with the reason.
/// </summary>
public sealed partial class ExtraFieldEditors
{
    private readonly Dictionary<string, string?> texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> errors = new(StringComparer.Ordinal);
    private IReadOnlyList<MappedField> fields = [];
    private LeadFieldValues? sent;

    [Inject]
    private IMappedFields MappedFields { get; set; } = default!;

    /// <summary>The lead's extra values; edited copies come back through <see cref="ValuesChanged"/>.</summary>
    [Parameter]
    public LeadFieldValues Values { get; set; } = LeadFieldValues.Empty;

    [Parameter]
    public EventCallback<LeadFieldValues> ValuesChanged { get; set; }

    /// <summary>Told whether any editor holds text that cannot be saved (the dialog keeps Save from sending it).</summary>
    [Parameter]
    public EventCallback<bool> InvalidChanged { get; set; }

    /// <summary>The lead's per-field sync errors (fields Zoho refused or whose Zoho value did not fit), shown under their editors.</summary>
    [Parameter]
    public IReadOnlyList<FieldErrorView>? SyncErrors { get; set; }

    /// <summary>Errors the save came back with, by API name.</summary>
    [Parameter]
    public IReadOnlyDictionary<string, string>? ServerErrors { get; set; }

    protected override async Task OnInitializedAsync() => fields = await MappedFields.GetAsync();

    protected override void OnParametersSet()
    {
        if (!Values.Equals(sent))
        {
            // Values changed from outside (a reload, a sync): the editors show them afresh.
            texts.Clear();
            errors.Clear();
            sent = Values;
        }
    }

    private IEnumerable<FieldErrorView> SyncErrorsOf(string name) => SyncErrors?.Where(e => e.ApiName == name) ?? [];

    private string? Text(string name) => texts.TryGetValue(name, out var text) ? text : Display(Values.Get(name));

    private string? Error(string name) => errors.GetValueOrDefault(name) ?? ServerErrors?.GetValueOrDefault(name);

    private IReadOnlyCollection<string> Selected(string name) => [.. Values.Get(name)?.AsList ?? []];

    private async Task SetTextAsync(MappedField field, string? text)
    {
        var name = field.ApiName;
        texts[name] = text;
        var input = field.Definition.Type == ZohoFieldType.DateTime ? FromDateTimeInput(text) : text;
        var parse = FieldValueCodec.FromText(field.Definition, input);
        var failure = parse.Ok ? FieldValueRules.Check(field.Definition, parse.Value) : FieldValueRules.Unreadable(field.Definition, parse.Error!);
        await SetAsync(name, failure?.Message, parse.Value);
    }

    private Task SetListAsync(MappedField field, IEnumerable<string>? chosen)
    {
        var value = chosen?.Any() == true ? FieldValue.List(chosen) : null;
        return SetAsync(field.ApiName, FieldValueRules.Check(field.Definition, value)?.Message, value);
    }

    private async Task SetAsync(string name, string? error, FieldValue? value)
    {
        var wasInvalid = errors.Count > 0;
        if (error is not null)
        {
            errors[name] = error;
        }
        else
        {
            errors.Remove(name);
            sent = Values.With(name, value);
            await ValuesChanged.InvokeAsync(sent);
        }

        if (wasInvalid != errors.Count > 0)
        {
            await InvalidChanged.InvokeAsync(errors.Count > 0);
        }
    }

    private static string? Help(MappedField field) => field switch
    {
        { Problem: { } problem } => $"Not synced: {problem}",
        { Definition.Writable: false } => "Read-only in Zoho",
        { Direction: FieldSyncDirection.ZohoToLeadSync } => "From Zoho only",
        { Definition.Type: ZohoFieldType.DateTime } => "UTC",
        _ => null,
    };

    /// <summary>Zoho's values, and the lead's own when Zoho no longer offers it (kept until changed).</summary>
    private static IEnumerable<string> Options(ZohoFieldDefinition field, string? current) =>
        current is null || field.PicklistValues.Contains(current) ? field.PicklistValues : [.. field.PicklistValues, current];

    /// <summary>What an editor shows: a date-time as the browser's <c>yyyy-MM-ddTHH:mm</c> in UTC.</summary>
    private static string? Display(FieldValue? value) =>
        value?.AsDateTime is { } time ? time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture) : FieldValueCodec.ToText(value);

    private static string? FromDateTimeInput(string? text) =>
        text is { Length: 16 } local && local[10] == 'T' ? local + ":00+00:00" : text;

    private static bool IsText(ZohoFieldType type) =>
        type is ZohoFieldType.Text or ZohoFieldType.TextArea or ZohoFieldType.Email or ZohoFieldType.Phone or ZohoFieldType.Website;

    private static InputType InputTypeOf(ZohoFieldType type) => type switch
    {
        ZohoFieldType.Date => InputType.Date,
        ZohoFieldType.DateTime => InputType.DateTimeLocal,
        ZohoFieldType.Email => InputType.Email,
        ZohoFieldType.Website => InputType.Url,
        ZohoFieldType.Phone => InputType.Telephone,
        _ => InputType.Text,
    };

    private static InputMode InputModeOf(ZohoFieldType type) => type switch
    {
        ZohoFieldType.WholeNumber or ZohoFieldType.BigWholeNumber => InputMode.numeric,
        ZohoFieldType.DecimalNumber or ZohoFieldType.Currency or ZohoFieldType.Percent => InputMode.@decimal,
        _ => InputMode.text,
    };
}
