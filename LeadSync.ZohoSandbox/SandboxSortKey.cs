namespace LeadSync.ZohoSandbox;

/// <summary>A position in one of the store's sorted indexes: the sort value (UTC ticks or id), then the id.</summary>
public readonly record struct SandboxSortKey(long Value, long Id) : IComparable<SandboxSortKey>
{
    public static SandboxSortKey MinValue { get; } = new(long.MinValue, long.MinValue);

    public static SandboxSortKey MaxValue { get; } = new(long.MaxValue, long.MaxValue);

    public int CompareTo(SandboxSortKey other)
    {
        var c = Value.CompareTo(other.Value);
        return c != 0 ? c : Id.CompareTo(other.Id);
    }

    public static bool operator <(SandboxSortKey left, SandboxSortKey right) => left.CompareTo(right) < 0;

    public static bool operator >(SandboxSortKey left, SandboxSortKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(SandboxSortKey left, SandboxSortKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(SandboxSortKey left, SandboxSortKey right) => left.CompareTo(right) >= 0;
}
