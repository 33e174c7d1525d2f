namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// Keeps this instance's follow lease on a Bulk Write job alive while its runner works on it: renewed every quarter of
/// the lease, so a long step (a large upload retried through a minute of Zoho 5xx answers, a long result) does not
/// let another instance take a job that is still followed. When a renewal finds the job taken (this instance stalled
/// past its lease), <paramref name="following"/> is cancelled: the runner stops at once and writes nothing more.
/// </summary>
internal static class FollowLeaseKeeper
{
    /// <summary>Renews until <paramref name="following"/> is cancelled (the job ended, the app stops, or the job was taken).</summary>
    public static async Task KeepAsync(BulkWriteStore store, BulkWriteJob job, TimeProvider clock, CancellationTokenSource following)
    {
        var every = store.FollowLeaseLength / 4;
        try
        {
            while (true)
            {
                await Task.Delay(every, clock, following.Token);
                try
                {
                    if (!await store.RenewAsync(job, following.Token))
                    {
                        await following.CancelAsync();
                        return;
                    }
                }
                catch (Exception ex) when (!following.IsCancellationRequested && ex is not OutOfMemoryException)
                {
                    // The database did not answer this time (a DbException, or Npgsql's retrying strategy giving up with an
                    // InvalidOperationException): the next renewal tries again — the lease outlasts three misses. The
                    // keeper never fails: its runner awaits it as it ends.
                }
            }
        }
        catch (Exception) when (following.IsCancellationRequested)
        {
            // The runner is done with the job (or the app stops): whatever the last renewal met no longer matters.
        }
    }
}
