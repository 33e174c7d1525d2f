using LeadSync.Core.Sync.Runs;

namespace LeadSync.Web.Components.Pages.Leads;

/// <summary>
/// Follows a person's push until every selected lead has an outcome, reading Core's <see cref="BulkPushProgress"/>
/// (not one run's counters: another run may send part of the selection). It stops earlier when the push's own run has
/// finished and nothing moved for <see cref="QuietLimit"/> (or, run finished or not, for <see cref="StalledLimit"/>):
/// what is left goes out with a later drain, and the summary says so.
/// </summary>
internal sealed class BulkPushFollower(BulkPushProgressQueries queries, TimeProvider clock)
{
    /// <summary>How long the toolbar keeps following a finished run whose leftovers do not move.</summary>
    public static readonly TimeSpan QuietLimit = TimeSpan.FromSeconds(10);

    /// <summary>How long the toolbar waits for a run that neither moves nor finishes (its instance may have stopped).</summary>
    public static readonly TimeSpan StalledLimit = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    /// <summary>Reads the progress until done (or quiet); <paramref name="onProgress"/> sees each reading. Null when the push selected nothing.</summary>
    public async Task<BulkPushProgress?> FollowAsync(Guid runId, Action<BulkPushProgress> onProgress, CancellationToken cancellationToken)
    {
        var lastSettled = -1;
        var quietSince = clock.GetUtcNow();
        while (true)
        {
            var progress = await queries.GetAsync(runId, cancellationToken);
            if (progress is null || progress.IsDone)
            {
                return progress;
            }

            onProgress(progress);
            var now = clock.GetUtcNow();
            if (progress.Settled != lastSettled)
            {
                (lastSettled, quietSince) = (progress.Settled, now);
            }
            else if (now - quietSince >= (progress.RunFinished ? QuietLimit : StalledLimit))
            {
                return progress;
            }

            await Task.Delay(PollInterval, clock, cancellationToken);
        }
    }
}
