using LeadSync.Core.Fields;

namespace LeadSync.Core.Leads.FieldFilters;

/// <summary>
/// A sort by a mapped extra field as text (its Zoho API name, the <c>fsort</c> of the Leads page's address and of
/// <c>GET /api/leads</c>), read against the mapped fields: one reading for the grid, the console export and the API.
/// A name that is no mapped field a person can sort by is a failure naming it and the rule; the console leaves such a
/// sort out, the API refuses it.
/// </summary>
public static class FieldSortText
{
    /// <summary>The sort <paramref name="apiName"/> asks for, or the failure saying why there is none (nothing asked: neither).</summary>
    public static FieldSortParse Parse(string? apiName, IReadOnlyList<MappedField> mapped)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        var name = apiName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return new FieldSortParse(null, null);
        }

        var field = mapped.FirstOrDefault(f => string.Equals(f.ApiName, name, StringComparison.Ordinal));
        if (field is not null && FieldFilterKinds.CanSort(field.Definition.Type))
        {
            return new FieldSortParse(new FieldSort(field.ApiName, field.Definition.Type), null);
        }

        var shown = name.Length > 100 ? name[..100] + "…" : name;
        var message = field is null
            ? $"Sort by “{shown}”: no mapped field that can be sorted has this API name."
            : $"Sort by {field.Definition.Label} ({field.ApiName}): a field of this kind cannot be sorted.";
        return new FieldSortParse(null, new ValidationFailure(shown, FieldFilterText.UnknownField, message));
    }
}
