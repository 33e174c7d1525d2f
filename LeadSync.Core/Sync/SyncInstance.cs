using Microsoft.Extensions.Options;

namespace LeadSync.Core.Sync;

/// <summary>This process's name in outbox claims, runs and events (<c>Sync:InstanceId</c>, or machine-pid-random).</summary>
public sealed class SyncInstance(IOptions<SyncOptions> options)
{
    public string Id { get; } = string.IsNullOrWhiteSpace(options.Value.InstanceId)
        ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}"
        : options.Value.InstanceId.Trim();

    /// <summary>
    /// A fresh mark for one hold of a lease by this instance (a Bulk Write job's follow, an import job's run): the
    /// instance and a random suffix, at most 200 characters. A hold that stalled past its lease is told apart from a
    /// later one — even a later one by this same instance — so only the current holder's writes count.
    /// </summary>
    public string NewHoldMark() => $"{(Id.Length > 191 ? Id[..191] : Id)}/{Guid.NewGuid().ToString("N")[..8]}";
}
