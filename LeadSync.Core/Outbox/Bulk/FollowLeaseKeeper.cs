namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// Keeps this instance's follow lease on a Bulk Write job alive while its runner works on it: renewed every quarter of
/// the lease, so a long step (a large upload retried through a minute of Zoho 5xx answers, a long result) does not
/// let another instance take a job that is still followed. A renewal the database does not answer is tried again at the
/// next turn (<see cref="RenewalLoop"/>; the lease outlasts three misses). When a renewal finds the job taken (this
/// instance stalled past its lease), <paramref name="following"/> is cancelled: the runner stops at once and writes
/// nothing more.
/// </summary>
internal static class FollowLeaseKeeper
{
    /// <summary>Renews until <paramref name="following"/> is cancelled (the job ended, the app stops, or the job was taken); never throws.</summary>
    public static async Task KeepAsync(BulkWriteStore store, BulkWriteJob job, TimeProvider clock, CancellationTokenSource following)
    {
        if (!await RenewalLoop.RunAsync(store.FollowLeaseLength / 4, clock, token => store.RenewAsync(job, token), following.Token))
        {
            try
            {
                await following.CancelAsync();
            }
            catch (AggregateException)
            {
                // A callback registered on the runner's token failed as it stopped: the runner stops all the same.
            }
        }
    }
}
