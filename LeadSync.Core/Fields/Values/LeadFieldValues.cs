using System.Collections.Immutable;
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
    private readonly ImmutableSortedDictionary<string, FieldValue> values;

    private LeadFieldValues(ImmutableSortedDictionary<string, FieldValue> values) => this.values = values;

    public static LeadFieldValues Empty { get; } = new(ImmutableSortedDictionary.Create<string, FieldValue>(StringComparer.Ordinal));

    /// <summary>Values by API name; entries without a value are skipped.</summary>
    public static LeadFieldValues From(IEnumerable<KeyValuePair<string, FieldValue?>> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var builder = ImmutableSortedDictionary.CreateBuilder<string, FieldValue>(StringComparer.Ordinal);
        foreach (var (name, value) in entries)
        {
            if (value is not null)
            {
                builder[name] = value;
            }
        }

        return builder.Count == 0 ? Empty : new(builder.ToImmutable());
    }

    public int Count => values.Count;

    /// <summary>The API names that have a value, in ordinal order.</summary>
    public IEnumerable<string> Names => values.Keys;

    public IEnumerable<KeyValuePair<string, FieldValue>> Entries => values;

    public FieldValue? Get(string apiName) => values.GetValueOrDefault(apiName);

    /// <summary>A copy with one field set (null removes it).</summary>
    public LeadFieldValues With(string apiName, FieldValue? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(apiName);
        var next = value is null ? values.Remove(apiName) : values.SetItem(apiName, value);
        return next.Count == 0 ? Empty : new(next);
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

    public bool Equals(LeadFieldValues? other) =>
        other is not null && (ReferenceEquals(this, other) || (values.Count == other.values.Count && values.All(e => e.Value.Equals(other.Get(e.Key)))));

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

    public override string ToString() => string.Join(", ", values.Select(e => $"{e.Key}={e.Value.Display}"));
}
