using System.Runtime.CompilerServices;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Leads.Selection;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Pull;
using LeadSync.Core.Sync.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LeadSync.Core.Sync.Selection;

/// <summary>
/// "Pull from Zoho" on a whole selection: the Zoho ids of its linked leads are read a chunk at a time
/// (<see cref="LeadSelectionReader"/>) and each chunk re-read from Zoho and applied before the next is read, in one
/// pull run whose progress is the records read so far. No list of all the selected Zoho ids is ever held.
/// </summary>
public sealed class SelectionPull(
    IDbContextFactory<LeadSyncDbContext> contexts,
    LeadSelectionReader reader,
    LeadPuller puller,
    SyncRunRecorder runs,
    SyncBackgroundRunner background,
    IOptionsMonitor<SyncOptions> options,
    TimeProvider clock)
{
    /// <summary>
    /// Re-reads the selected leads that are linked to Zoho; returns the pull run. Throws
    /// <see cref="InvalidOperationException"/> when none of them is linked.
    /// </summary>
    public async Task<Guid> PullLinkedAsync(LeadSelection selection, CancellationToken cancellationToken = default)
    {
        var snapshot = new LeadSelectionSnapshot(selection, clock.GetUtcNow(), options.CurrentValue.SelectionChunk);
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (!await LeadQueries.Selected(db, selection).AnyAsync(l => l.ZohoId != null, cancellationToken))
            {
                throw new InvalidOperationException("None of the selected leads is linked to a Zoho record yet: push them first.");
            }
        }

        var run = await runs.StartAsync(SyncRunKind.PullLeads, SyncTrigger.Manual, cancellationToken);
        background.Run(token => puller.RunForIdsAsync(run, ZohoIdsAsync(snapshot, token), token));
        return run.RunId;
    }

    private async IAsyncEnumerable<IReadOnlyList<string>> ZohoIdsAsync(LeadSelectionSnapshot snapshot, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var chunk in reader.ReadAsync(snapshot, l => l.ZohoId != null, cancellationToken))
        {
            yield return chunk.Select(l => l.ZohoId!).ToList();
        }
    }
}
