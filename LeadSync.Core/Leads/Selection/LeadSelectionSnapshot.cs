namespace LeadSync.Core.Leads.Selection;

/// <summary>
/// A selection as a bulk action started on it: the leads created by <see cref="StartedAt"/> are its candidates (leads
/// created later never join), read <see cref="ChunkSize"/> at a time by <see cref="LeadSelectionReader"/>.
/// </summary>
public sealed record LeadSelectionSnapshot
{
    public LeadSelectionSnapshot(LeadSelection selection, DateTimeOffset startedAt, int chunkSize)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        Selection = selection;
        StartedAt = startedAt;
        ChunkSize = chunkSize;
    }

    public LeadSelection Selection { get; }

    public DateTimeOffset StartedAt { get; }

    public int ChunkSize { get; }
}
