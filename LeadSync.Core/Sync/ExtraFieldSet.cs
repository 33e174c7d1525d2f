using LeadSync.Core.Fields;
using LeadSync.Core.Fields.Values;
using LeadSync.Core.Leads;
using LeadSync.Core.Zoho;

namespace LeadSync.Core.Sync;

/// <summary>
/// The mapped extra fields as one sync step sees them (read once from <see cref="IMappedFields"/> per page or batch):
/// which Zoho fields a read asks for, how Zoho's values are typed, which values a push may send, and — the rule that
/// keeps one-way and unmapped fields out of the merge — what "Zoho's side" is for a field the pull does not bring in:
/// the agreed value, so it never counts as changed in Zoho.
/// </summary>
public sealed class ExtraFieldSet
{
    private readonly Dictionary<string, MappedField> byName;

    /// <summary><see cref="Pulled"/> in ordinal order: read in that order, a record's values need no sorting.</summary>
    private readonly string[] pulledInOrder;

    /// <summary>The API names of the fields that push, in ordinal order: walked beside a lead's sorted values.</summary>
    private readonly string[] pushedInOrder;

    public ExtraFieldSet(IReadOnlyList<MappedField> mapped)
    {
        ArgumentNullException.ThrowIfNull(mapped);
        Mapped = mapped;
        byName = mapped.Where(m => !IsCoreApiName(m.ApiName)).ToDictionary(m => m.ApiName, StringComparer.Ordinal);
        Pulled = [.. byName.Values.Where(m => m.Pulls).Select(m => m.ApiName).Take(ZohoLead.MaxExtraFields)];
        pulledInOrder = [.. Pulled.Order(StringComparer.Ordinal)];
        pushedInOrder = [.. byName.Values.Where(m => m.Pushes).Select(m => m.ApiName).Order(StringComparer.Ordinal)];
    }

    public static ExtraFieldSet None { get; } = new([]);

    public static async ValueTask<ExtraFieldSet> LoadAsync(IMappedFields? mappedFields, CancellationToken cancellationToken) =>
        mappedFields is null ? None : new(await mappedFields.GetAsync(cancellationToken));

    public IReadOnlyList<MappedField> Mapped { get; }

    /// <summary>API names of the extra fields pulls bring in, at most <see cref="ZohoLead.MaxExtraFields"/> (§2.2's 50 fields).</summary>
    public IReadOnlyList<string> Pulled { get; }

    /// <summary>The fields a Leads read asks Zoho for: the core ones, the times and the pulled extra fields.</summary>
    public IReadOnlyList<string> ApiFields => Pulled.Count == 0 ? ZohoLead.ApiFields : [.. ZohoLead.ApiFields, .. Pulled];

    public bool Pushes(string apiName) => byName.TryGetValue(apiName, out var field) && field.Pushes;

    /// <summary>
    /// Zoho's values of the pulled fields the record carries, typed per the metadata. With <paramref name="unfit"/>, a
    /// value that does not fit the field as the metadata describes it (retyped in Zoho, a picklist value not listed) is
    /// left out and added there; without, it is kept as Zoho sent it.
    /// </summary>
    public LeadFieldValues ReadPulled(ZohoLead record, List<UnfitValue>? unfit = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Pulled.Count == 0 || record.ExtraNames.Count == 0)
        {
            return LeadFieldValues.Empty;
        }

        var values = new List<KeyValuePair<string, FieldValue?>>(Pulled.Count);
        foreach (var name in pulledInOrder)
        {
            if (record.ExtraNames.Contains(name))
            {
                var raw = record.Extra.Get(name);
                var definition = byName[name].Definition;
                var typed = FieldValueCodec.Coerce(definition, raw);
                if (unfit is not null && UnfitValue.Of(definition, raw, typed) is { } misfit)
                {
                    unfit.Add(misfit);
                    continue;
                }

                values.Add(new(name, typed.Ok ? typed.Value : raw)); // kept as Zoho holds it when nobody asked for misfits
            }
        }

        return LeadFieldValues.From(values);
    }

    /// <summary>
    /// Zoho's side for the merge: the pulled values the record carries; every other extra field of the lead (one-way to
    /// Zoho, unmapped, broken, or not in this read) takes the agreed value — or the lead's own without one.
    /// </summary>
    public LeadFields ZohoSide(LeadFields pulled, ZohoLead record, LeadFields? agreed, LeadFields local)
    {
        ArgumentNullException.ThrowIfNull(pulled);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(local);
        var basis = agreed?.Extra ?? local.Extra;
        List<string>? unread = null;
        foreach (var name in basis.Names.Concat(local.Extra.Names))
        {
            if ((!record.ExtraNames.Contains(name) || !byName.TryGetValue(name, out var field) || !field.Pulls) && unread?.Contains(name) != true)
            {
                (unread ??= []).Add(name);
            }
        }

        return unread is null ? pulled : pulled with { Extra = pulled.Extra.WithFrom(unread, basis) };
    }

    /// <summary>
    /// The record without the <paramref name="unfit"/> fields, as if it did not carry them: Zoho's side of those fields
    /// is then the agreed value (<see cref="ZohoSide"/>), so the rest of the record merges and they change nothing.
    /// </summary>
    public static ZohoLead WithoutUnfit(ZohoLead record, IReadOnlyList<UnfitValue> unfit)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(unfit);
        if (unfit.Count == 0)
        {
            return record;
        }

        var names = new HashSet<string>(record.ExtraNames, StringComparer.Ordinal);
        names.ExceptWith(unfit.Select(u => u.ApiName));
        return record with { ExtraNames = names };
    }

    /// <summary>The values a push may send: those of mapped fields that push.</summary>
    public LeadFieldValues Pushed(LeadFieldValues values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (AllPush(values.Span))
        {
            return values; // the common case: every value the lead holds is of a field that pushes
        }

        return LeadFieldValues.From(values.Entries.Where(e => Pushes(e.Key)).Select(e => new KeyValuePair<string, FieldValue?>(e.Key, e.Value)));
    }

    /// <summary>
    /// True when every name of <paramref name="values"/> (in ordinal order) is of a field that pushes: both lists are
    /// sorted, so one walk side by side answers it — no hashing of a lead's every name on every push.
    /// </summary>
    private bool AllPush(ReadOnlySpan<KeyValuePair<string, FieldValue>> values)
    {
        var at = 0;
        foreach (var (name, _) in values)
        {
            while (at < pushedInOrder.Length && string.CompareOrdinal(pushedInOrder[at], name) < 0)
            {
                at++;
            }

            if (at == pushedInOrder.Length || !string.Equals(pushedInOrder[at], name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsCoreApiName(string apiName) => ZohoFieldNames.SyncedApiNames.Contains(apiName) || LeadFields.IsCore(apiName);
}
