namespace LeadSync.Core.Leads;

/// <summary>
/// A number of leads in one sync state with one status, kept by database triggers on every insert, delete and change
/// of state or status (<see cref="Data.LeadCountTriggers"/>), so that the Leads page's counts, the dashboard and the
/// sync overview read a few rows instead of counting a million leads. The count of a key is the sum of its rows: on
/// SQLite one row per key; on PostgreSQL each statement appends its own rows (concurrent writers never wait on a shared
/// counter row) and <see cref="Data.LeadCountCompaction"/> folds them. Nothing but the triggers writes this table.
/// </summary>
public sealed class LeadCount
{
    public long Id { get; set; }

    public SyncState SyncState { get; set; }

    /// <summary>The lead's status; the empty string for a lead without one.</summary>
    public string Status { get; set; } = string.Empty;

    public long Count { get; set; }
}
