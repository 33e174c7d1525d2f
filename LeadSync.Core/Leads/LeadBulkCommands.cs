using LeadSync.Core.Outbox;
namespace LeadSync.Core.Leads;

/// <summary>
/// Applies an action to a <see cref="LeadSelection"/> (explicit ids or "all matching a filter"). Each lead goes through
/// <see cref="LeadCommands"/>, so every change gets its own outbox entry exactly as a single edit would.
/// </summary>
public sealed class LeadBulkCommands(LeadQueries queries, LeadCommands commands)
{
    /// <summary>The ids a selection stands for now (a filter is evaluated by the database at this moment).</summary>
    public async Task<IReadOnlyList<Guid>> ResolveIdsAsync(LeadSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return selection.Filter is { } filter
            ? await queries.GetIdsAsync(filter, cancellationToken)
            : [.. selection.Ids];
    }

    /// <summary>Deletes every selected lead; leads deleted meanwhile by someone else are counted, not fatal.</summary>
    public async Task<LeadBulkResult> DeleteAsync(
        LeadSelection selection, ChangeSource trigger = ChangeSource.Console, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var ids = await ResolveIdsAsync(selection, cancellationToken);
        var deleted = 0;
        var missing = 0;
        foreach (var id in ids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await commands.DeleteAsync(id, trigger, cancellationToken);
                deleted++;
            }
            catch (LeadNotFoundException)
            {
                missing++;
            }

            progress?.Report(deleted + missing);
        }

        return new LeadBulkResult(deleted, missing);
    }
}
