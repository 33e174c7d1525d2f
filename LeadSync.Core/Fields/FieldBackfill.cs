using LeadSync.Core.Sync;
using LeadSync.Core.Sync.History;

namespace LeadSync.Core.Fields;

/// <summary>
/// Brings the values of newly mapped fields in from Zoho, as a sync run with progress. It runs a full pull (every
/// linked lead re-read, no If-Modified-Since) through the engine's one pull path, which reads every field
/// <see cref="IMappedFields"/> says pulls; the values are stored by that path, not here.
/// </summary>
public sealed class FieldBackfill(SyncService sync)
{
    /// <summary>Starts the backfill of <paramref name="apiNames"/>; returns the run to follow.</summary>
    public Task<Guid> StartAsync(IReadOnlyCollection<string> apiNames, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apiNames);
        if (apiNames.Count == 0)
        {
            throw new ArgumentException("A backfill needs at least one field.", nameof(apiNames));
        }

        return sync.FullResyncAsync(SyncTrigger.Manual, cancellationToken);
    }
}
