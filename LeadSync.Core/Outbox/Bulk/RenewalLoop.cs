namespace LeadSync.Core.Outbox.Bulk;

/// <summary>
/// The loop both lease keepers run (<see cref="ReservationKeeper"/>, <see cref="FollowLeaseKeeper"/>): renew on a timer
/// until told to stop or the hold is gone. A renewal the database does not answer (a <c>DbException</c>, or Npgsql's
/// retrying strategy giving up with an <see cref="InvalidOperationException"/>) is tried again at the next turn — a lease
/// outlasts several missed turns — so one bad moment of the database never ends the keeping. Never throws: its owner
/// awaits it as it ends.
/// </summary>
internal static class RenewalLoop
{
    /// <summary>
    /// Calls <paramref name="renew"/> every <paramref name="every"/> until <paramref name="cancellationToken"/> is
    /// cancelled (true) or a renewal finds the hold gone (<paramref name="renew"/> answers false: false).
    /// </summary>
    public static async Task<bool> RunAsync(TimeSpan every, TimeProvider clock, Func<CancellationToken, Task<bool>> renew, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(renew);
        try
        {
            while (true)
            {
                await Task.Delay(every, clock, cancellationToken);
                try
                {
                    if (!await renew(cancellationToken))
                    {
                        return false;
                    }
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not OutOfMemoryException)
                {
                    // Not answered this time: the next turn tries again.
                }
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The owner is done (or the app stops): whatever the last renewal met no longer matters.
            return true;
        }
    }
}
