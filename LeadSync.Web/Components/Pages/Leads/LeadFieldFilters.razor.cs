using System.Globalization;
using LeadSync.Core.Fields;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.FieldFilters;
using Microsoft.AspNetCore.Components;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// The Leads page's filters on extra-field columns. It keeps what the admin typed per field, turns it into
/// <see cref="FieldFilterText"/>'s form and lets Core read it against the metadata; the filters that could be read go
/// into a new <see cref="LeadFilter"/> (the rest of the filter unchanged), the failures are shown.
/// </summary>
public sealed partial class LeadFieldFilters
{
    private const string AnyChoice = "any";

    private readonly Dictionary<string, FieldInput> inputs = new(StringComparer.Ordinal);
    private LeadFilter? shown;
    private IReadOnlyList<ValidationFailure> ownProblems = [];

    /// <summary>The fields that get a filter box (the shown columns and any field already filtered).</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<MappedField> Fields { get; set; } = [];

    [Parameter, EditorRequired]
    public LeadFilter Filter { get; set; } = LeadFilter.All;

    [Parameter]
    public EventCallback<LeadFilter> FilterChanged { get; set; }

    /// <summary>Problems found elsewhere (filters in the address that could not be applied).</summary>
    [Parameter]
    public IReadOnlyList<ValidationFailure> AddressProblems { get; set; } = [];

    private IReadOnlyList<ValidationFailure> Problems => [.. AddressProblems, .. ownProblems];

    protected override void OnParametersSet()
    {
        if (ReferenceEquals(shown, Filter))
        {
            return;
        }

        shown = Filter;
        inputs.Clear();
        ownProblems = [];
        foreach (var filter in Filter.Fields ?? [])
        {
            inputs[filter.ApiName] = FieldInput.Of(filter);
        }
    }

    private FieldInput Input(string name) => inputs.TryGetValue(name, out var input) ? input : inputs[name] = new FieldInput();

    private Task SetAsync(string name, Action<FieldInput> change)
    {
        change(Input(name));
        var texts = inputs.SelectMany(p => p.Value.Texts(p.Key));
        var parsed = FieldFilterText.Parse(texts, Fields);
        ownProblems = parsed.Failures;
        var filter = Filter with { Fields = parsed.Filters.Count > 0 ? parsed.Filters : null };
        shown = filter;
        return FilterChanged.InvokeAsync(filter);
    }

    /// <summary>What is in one field's boxes, as typed.</summary>
    private sealed class FieldInput
    {
        public string? Text { get; set; }

        public string? Low { get; set; }

        public string? High { get; set; }

        public IReadOnlyCollection<string> Values { get; set; } = [];

        public string? Choice { get; set; }

        public static FieldInput Of(FieldFilter filter) => new()
        {
            Text = filter.Text,
            Low = filter.Min?.ToString(CultureInfo.InvariantCulture) ?? filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            High = filter.Max?.ToString(CultureInfo.InvariantCulture) ?? filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Values = filter.Values,
            Choice = filter.Choice?.ToString().ToLowerInvariant(),
        };

        /// <summary>The boxes in <see cref="FieldFilterText"/>'s form (<c>ApiName:value</c>); nothing for empty boxes.</summary>
        public IEnumerable<string> Texts(string name)
        {
            if (!string.IsNullOrWhiteSpace(Text))
            {
                yield return $"{name}:{Text}";
            }

            if (!string.IsNullOrWhiteSpace(Low) || !string.IsNullOrWhiteSpace(High))
            {
                yield return $"{name}:{Low?.Trim()}{FieldFilterText.RangeSeparator}{High?.Trim()}";
            }

            foreach (var value in Values)
            {
                yield return $"{name}:{value}";
            }

            if (Choice is not null)
            {
                yield return $"{name}:{Choice}";
            }
        }
    }
}
