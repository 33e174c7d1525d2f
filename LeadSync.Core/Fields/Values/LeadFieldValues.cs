using System.Text.Json.Serialization;

namespace LeadSync.Core.Fields.Values;

/// <summary>
/// A lead's values of mapped extra fields, by Zoho API name (ordinal): what the lead's <c>ExtraFields</c> JSON column
/// holds, what travels with <see cref="Leads.LeadFields"/> through merges, snapshots and history. Immutable with value
/// equality; a field without a value is absent (setting null removes it).
/// </summary>
[JsonConverter(typeof(LeadFieldValuesJsonConverter))]
public sealed class LeadFieldValues : IEquatable<LeadFieldValues>
{
    // A sorted array, not a dictionary: a lead has tens of values at most, read far more often than changed, and the
    // pull compares every one of them per record (binary search over a small array allocates nothing).
    private readonly KeyValuePair<string, FieldValue>[] values;

    private LeadFieldValues(KeyValuePair<string, FieldValue>[] values) => this.values = values;

    public static LeadFieldValues Empty { get; } = new([]);

    /// <summary>Values by API name; entries without a value are skipped (a later entry for a name wins).</summary>
    public static LeadFieldValues From(IEnumerable<KeyValuePair<string, FieldValue?>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return FromList(entries as List<KeyValuePair<string, FieldValue?>> ?? [.. entries]);
    }

    /// <summary>
    /// <see cref="From"/> over a list it may reorder: no dictionary per lead. Entries already in ordinal order with
    /// distinct names (the stored column, our own writes) are taken as they are; others are sorted by name and position,
    /// so the last entry for a name wins.
    /// </summary>
    internal static LeadFieldValues FromList(List<KeyValuePair<string, FieldValue?>> entries)
    {
        var ordered = true;
        for (var i = 1; i < entries.Count && ordered; i++)
        {
            ordered = string.CompareOrdinal(entries[i - 1].Key, entries[i].Key) < 0;
        }

        if (!ordered)
        {
            var positioned = new (KeyValuePair<string, FieldValue?> Entry, int At)[entries.Count];
            for (var i = 0; i < positioned.Length; i++)
            {
                positioned[i] = (entries[i], i);
            }

            Array.Sort(positioned, static (a, b) => string.CompareOrdinal(a.Entry.Key, b.Entry.Key) is var order and not 0 ? order : a.At.CompareTo(b.At));
            entries = [.. positioned.Where((p, i) => i == positioned.Length - 1 || !string.Equals(p.Entry.Key, positioned[i + 1].Entry.Key, StringComparison.Ordinal)).Select(p => p.Entry)];
        }

        var count = 0;
        foreach (var entry in entries)
        {
            count += entry.Value is null ? 0 : 1;
        }

        if (count == 0)
        {
            return Empty;
        }

        var array = new KeyValuePair<string, FieldValue>[count];
        var at = 0;
        foreach (var (name, value) in entries)
        {
            if (value is not null)
            {
                array[at++] = new(name, value);
            }
        }

        return new(array);
    }

    public int Count => values.Length;

    /// <summary>The API names that have a value, in ordinal order.</summary>
    public IEnumerable<string> Names => values.Select(v => v.Key);

    public IEnumerable<KeyValuePair<string, FieldValue>> Entries => values;

    /// <summary>The values in ordinal order of their names, without an enumerator.</summary>
    internal ReadOnlySpan<KeyValuePair<string, FieldValue>> Span => values;

    public FieldValue? Get(string apiName)
    {
        var at = IndexOf(apiName);
        return at >= 0 ? values[at].Value : null;
    }

    /// <summary>A copy with one field set (null removes it).</summary>
    public LeadFieldValues With(string apiName, FieldValue? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiName);
        var at = IndexOf(apiName);
        if (value is null)
        {
            return at < 0 ? this : values.Length == 1 ? Empty : new([.. values[..at], .. values[(at + 1)..]]);
        }

        if (at >= 0)
        {
            var copy = (KeyValuePair<string, FieldValue>[])values.Clone();
            copy[at] = new(apiName, value);
            return new(copy);
        }

        var insert = ~at;
        return new([.. values[..insert], new(apiName, value), .. values[insert..]]);
    }

    /// <summary>A copy where the named fields take <paramref name="source"/>'s values (absent there: removed here).</summary>
    public LeadFieldValues WithFrom(IEnumerable<string> apiNames, LeadFieldValues source)
    {
        ArgumentNullException.ThrowIfNull(apiNames);
        ArgumentNullException.ThrowIfNull(source);
        var result = this;
        foreach (var name in apiNames)
        {
            result = result.With(name, source.Get(name));
        }

        return result;
    }

    /// <summary>True when the field holds equal values (or none) on both sides.</summary>
    public bool FieldEquals(string apiName, LeadFieldValues other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Equals(Get(apiName), other.Get(apiName));
    }

    public bool Equals(LeadFieldValues? other)
    {
        if (other is null || values.Length != other.values.Length)
        {
            return false;
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!string.Equals(values[i].Key, other.values[i].Key, StringComparison.Ordinal) || !values[i].Value.Equals(other.values[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as LeadFieldValues);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (name, value) in values)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    /// <summary>The index of <paramref name="apiName"/>, or the complement of where it would go.</summary>
    private int IndexOf(string apiName)
    {
        int low = 0, high = values.Length - 1;
        while (low <= high)
        {
            var mid = (low + high) >>> 1;
            var order = string.CompareOrdinal(values[mid].Key, apiName);
            if (order == 0)
            {
                return mid;
            }

            if (order < 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return ~low;
    }

    public override string ToString() => string.Join(", ", values.Select(e => $"{e.Key}={e.Value.Display}"));
}
