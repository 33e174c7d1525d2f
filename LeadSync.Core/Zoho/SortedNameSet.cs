using System.Collections;

namespace LeadSync.Core.Zoho;

/// <summary>
/// A small read-only set of API names kept sorted (ordinal): what a record read from Zoho carries. A pulled page asks
/// tens of times per record whether a name is there; a binary search over ~20 names allocates nothing and hashes
/// nothing, where a hash set per record cost an allocation and a randomized string hash per name and per question.
/// </summary>
internal sealed class SortedNameSet : IReadOnlySet<string>
{
    private readonly string[] names;

    /// <summary>The distinct names of <paramref name="names"/> (the list may be reordered).</summary>
    public SortedNameSet(List<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        names.Sort(StringComparer.Ordinal);
        var distinct = 0;
        for (var i = 0; i < names.Count; i++)
        {
            if (distinct == 0 || !string.Equals(names[distinct - 1], names[i], StringComparison.Ordinal))
            {
                names[distinct++] = names[i];
            }
        }

        this.names = [.. names.Take(distinct)];
    }

    public int Count => names.Length;

    public bool Contains(string item) => Array.BinarySearch(names, item, StringComparer.Ordinal) >= 0;

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)names).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool IsProperSubsetOf(IEnumerable<string> other) => AsHashSet().IsProperSubsetOf(other);

    public bool IsProperSupersetOf(IEnumerable<string> other) => AsHashSet().IsProperSupersetOf(other);

    public bool IsSubsetOf(IEnumerable<string> other) => AsHashSet().IsSubsetOf(other);

    public bool IsSupersetOf(IEnumerable<string> other) => AsHashSet().IsSupersetOf(other);

    public bool Overlaps(IEnumerable<string> other) => other.Any(Contains);

    public bool SetEquals(IEnumerable<string> other) => AsHashSet().SetEquals(other);

    private HashSet<string> AsHashSet() => new(names, StringComparer.Ordinal);
}
