using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;

namespace LeadSync.Web.Api;

/// <summary>
/// Turns an API <see cref="LeadInput"/> into the lead's values: the core fields as sent, and the <c>fields</c> object read
/// per the current mapping (<see cref="FieldValueCodec"/>) over the lead's extra values — only the fields named change.
/// Every refusal (a field not mapped or not writable, a value not of its kind, a rule of <see cref="FieldValueRules"/>)
/// names the field as <c>fields.ApiName</c>; nothing is stored then.
/// </summary>
internal sealed class LeadInputReader(IMappedFields mappedFields, LeadQueries queries)
{
    public async Task<LeadFields> ForCreateAsync(LeadInput input, CancellationToken cancellationToken) =>
        input.ToFields() with { Extra = await ExtrasAsync(input, LeadFieldValues.Empty, cancellationToken) };

    /// <summary>
    /// Updates the lead with <paramref name="input"/>, its <c>fields</c> applied over the extra values the lead has when
    /// written. The read and the write are tied by the version read: when the caller promised no version, a write that
    /// landed between them (a pull, another edit) makes this read again rather than be overwritten by the values read
    /// before it; when the caller promised one, a lead at another version is refused as usual.
    /// </summary>
    public async Task<Lead> UpdateAsync(LeadCommands commands, Guid id, LeadInput input, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commands);
        for (var attempt = 1; ; attempt++)
        {
            var lead = await queries.FindAsync(id, cancellationToken) ?? throw new LeadNotFoundException(id);
            var fields = input.ToFields() with { Extra = await ExtrasAsync(input, lead.ExtraFields, cancellationToken) };
            try
            {
                return await commands.UpdateAsync(id, fields, expectedVersion ?? lead.Version, ChangeSource.Api, cancellationToken);
            }
            catch (LeadConcurrencyException) when (expectedVersion is null && attempt < MaxAttempts)
            {
                // Another write landed after the read: read again.
            }
        }
    }

    private const int MaxAttempts = 5;

    private async Task<LeadFieldValues> ExtrasAsync(LeadInput input, LeadFieldValues current, CancellationToken cancellationToken)
    {
        if (input.Fields is not { Count: > 0 } sent)
        {
            return current;
        }

        var mapped = await mappedFields.GetAsync(cancellationToken);
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
            throw new LeadValidationException([.. failures.Select(f => f with { Field = "fields." + f.Field })]);
        }

        return values;
    }
}
