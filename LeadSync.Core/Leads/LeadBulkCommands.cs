using LeadSync.Core.Outbox;
namespace LeadSync.Core.Leads;

/// <summary>
/// Applies an action to a <see cref="LeadSelection"/> (explicit ids or "all matching a filter"). Each lead goes through
/// <see cref="LeadCommands"/>, so every change gets its own outbox entry exactly as a single edit would.
/// </summary>
public sealed class LeadBulkCommands(LeadQueries queries, LeadCommands commands, TimeProvider clock)
{
    /// <summary>How many ids "all matching" deletes read at a time.</summary>
    public const int DeleteChunk = 500;

    /// <summary>
    /// Deletes every selected lead; leads deleted meanwhile by someone else are counted, not fatal. "All matching" is
    /// read in chunks of <see cref="DeleteChunk"/> as it goes (the leads of each chunk are gone before the next is read),
    /// never as one list: a million ids are neither held nor kept in one long read; leads created after the delete
    /// started are not part of it.
    /// </summary>
    public async Task<LeadBulkResult> DeleteAsync(
        LeadSelection selection, ChangeSource trigger = ChangeSource.Console, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var tally = new DeleteTally(progress);
        if (selection.Filter is not { } filter)
        {
            await DeleteEachAsync(selection.Ids, trigger, tally, cancellationToken);
            return tally.Result;
        }

        var startedAt = clock.GetUtcNow();
        while (await queries.GetIdsAsync(filter, startedAt, DeleteChunk, cancellationToken) is { Count: > 0 } chunk)
        {
            await DeleteEachAsync(chunk, trigger, tally, cancellationToken);
        }

        return tally.Result;
    }

    private async Task DeleteEachAsync(IEnumerable<Guid> ids, ChangeSource trigger, DeleteTally tally, CancellationToken cancellationToken)
    {
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await commands.DeleteAsync(id, trigger, cancellationToken);
                tally.Deleted++;
            }
            catch (LeadNotFoundException)
            {
                tally.Missing++;
            }

            tally.Report();
        }
    }

    private sealed class DeleteTally(IProgress<int>? progress)
    {
        public int Deleted { get; set; }

        public int Missing { get; set; }

        public LeadBulkResult Result => new(Deleted, Missing);

        public void Report() => progress?.Report(Deleted + Missing);
    }
}
