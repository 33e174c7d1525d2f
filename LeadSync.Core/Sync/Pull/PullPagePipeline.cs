using LeadSync.Core.Sync.Runs;
using LeadSync.Core.Zoho;

namespace LeadSync.Core.Sync.Pull;

/// <summary>
/// Applies a pull's pages in order, one save at a time, while the next page is read and merged beside the previous
/// page's save. A page's CPU work (lookups, merges) and the save (SQLite's B-trees and search index, or PostgreSQL's
/// server) then run on two threads instead of one after the other; on SQLite, where both are in the app's process, a
/// busy machine otherwise gives the whole pull one thread's share of the CPU. Pages still commit in order, each with
/// its watermark, and a page is saved only after the one before it was: a failed save stops the pull there. A page
/// that shares a Zoho id or email with the page being saved waits for that save before it is read.
/// </summary>
internal sealed class PullPagePipeline(PullPageApplier applier, SyncRunContext run) : IAsyncDisposable
{
    private Task? saving;
    private PreparedPullPage? inFlight;

    /// <summary>
    /// Reads and merges <paramref name="records"/>, waits for the previous page's save, then starts this page's save
    /// (with <paramref name="watermark"/>, and what <paramref name="alsoSave"/> adds to the same save); <paramref name="applied"/>
    /// runs once it is saved.
    /// </summary>
    public async Task AddAsync(
        IReadOnlyList<ZohoLead> records, DateTimeOffset? watermark, Action applied, CancellationToken cancellationToken, Action<Data.LeadSyncDbContext>? alsoSave = null)
    {
        if (inFlight is not null && inFlight.Touches(records))
        {
            await FlushAsync();
        }

        var prepared = await applier.PrepareAsync(run, records, cancellationToken);
        try
        {
            await FlushAsync();
        }
        catch
        {
            await prepared.DisposeAsync();
            throw;
        }

        inFlight = prepared;
        saving = SaveAsync(prepared, watermark, alsoSave, applied, cancellationToken);
    }

    /// <summary>Waits for the page being saved; its failure is thrown here.</summary>
    public async Task FlushAsync()
    {
        if (saving is not { } pending)
        {
            return;
        }

        saving = null;
        inFlight = null;
        await pending;
    }

    /// <summary>Waits for a save still running when the pull stops early (its own failure then gives way to the pull's).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await FlushAsync();
        }
        catch (Exception)
        {
            // Only reached when the pull stops early (it flushes before it ends): the pull's own exception is the one to see.
        }
    }

    private async Task SaveAsync(
        PreparedPullPage prepared, DateTimeOffset? watermark, Action<Data.LeadSyncDbContext>? alsoSave, Action applied, CancellationToken cancellationToken)
    {
        await using (prepared)
        {
            await Task.Yield(); // the caller goes on to read the next page while this one is saved
            await applier.CommitAsync(prepared, watermark, cancellationToken, alsoSave);
        }

        applied();
    }
}
