using Microsoft.Extensions.Options;

namespace LeadSync.Core.Sync;

/// <summary>This process's name in outbox claims, runs and events (<c>Sync:InstanceId</c>, or machine-pid-random).</summary>
public sealed class SyncInstance(IOptions<SyncOptions> options)
{
    public string Id { get; } = string.IsNullOrWhiteSpace(options.Value.InstanceId)
        ? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}"
        : options.Value.InstanceId.Trim();
}
