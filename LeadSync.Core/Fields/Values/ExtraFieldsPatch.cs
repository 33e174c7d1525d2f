using System.Text.Json;
using LeadSync.Core.Leads;

namespace LeadSync.Core.Fields.Values;

/// <summary>
/// Applies the extra fields a <see cref="LeadPatch"/> names over a lead's current values: each read per the current mapping
/// (<see cref="FieldValueCodec"/>), then the whole set checked by <see cref="ExtraFieldsValidator"/>. Every refusal (a field
/// not mapped or not writable, a value not of its kind, a rule of <see cref="FieldValueRules"/>) names the field as
/// <c>fields.ApiName</c>, and nothing is stored then.
/// </summary>
public static class ExtraFieldsPatch
{
    public static LeadFieldValues Apply(IReadOnlyDictionary<string, JsonElement>? sent, LeadFieldValues current, IReadOnlyList<MappedField> mapped)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(mapped);
        if (sent is not { Count: > 0 })
        {
            return current;
        }

        var failures = new List<ValidationFailure>();
        var values = current;
        foreach (var (name, json) in sent)
        {
            var field = mapped.FirstOrDefault(m => string.Equals(m.ApiName, name, StringComparison.Ordinal));
            var parse = field is null ? FieldValueParse.None : FieldValueCodec.FromJson(field.Definition, json);
            if (field is not null && !parse.Ok)
            {
                failures.Add(FieldValueRules.Unreadable(field.Definition, parse.Error!));
                continue;
            }

            values = values.With(name, parse.Value);
            if (field is null)
            {
                failures.Add(ExtraFieldsValidator.Refusal(name, null)!);
            }
        }

        failures.AddRange(ExtraFieldsValidator.Validate(values, current, mapped).Where(f => failures.All(e => e.Field != f.Field)));
        if (failures.Count > 0)
        {
            throw new LeadValidationException([.. failures.Select(f => f with { Field = LeadPatch.FieldPrefix + f.Field })]);
        }

        return values;
    }
}
