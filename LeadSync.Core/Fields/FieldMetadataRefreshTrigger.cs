using Microsoft.Extensions.Logging;

namespace LeadSync.Core.Fields;

/// <summary>
/// Reads Zoho's field metadata again soon after the sync met a per-field error (Zoho refused an extra field's value, or
/// its value did not fit): such an error usually means an org admin just changed the field, and the mapping page should
/// flag it now, not at the next daily refresh. At most one refresh per <see cref="MinInterval"/> per instance, in the
/// background; a failure is logged and left to the daily job.
/// </summary>
public sealed partial class FieldMetadataRefreshTrigger(FieldMetadataStore metadata, TimeProvider clock, ILogger<FieldMetadataRefreshTrigger> logger)
{
    private readonly Lock gate = new();
    private DateTimeOffset? lastStarted;
    private Task running = Task.CompletedTask;

    /// <summary>The least time between two refreshes this trigger starts (1 credit each, docs/zoho §2.11.1).</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The refresh started last (completed when none runs), for tests and shutdown.</summary>
    public Task Running => running;

    /// <summary>Starts a refresh unless one ran within <see cref="MinInterval"/> or is running; true when it started one.</summary>
    public bool Request()
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (!running.IsCompleted || (lastStarted is { } last && now - last < MinInterval))
            {
                return false;
            }

            lastStarted = now;
            running = Task.Run(RefreshAsync);
            return true;
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            var read = await metadata.RefreshAsync(CancellationToken.None);
            LogRefreshed(logger, read.Fields.Count);
        }
#pragma warning disable CA1031 // A background refresh must never fault: the daily job tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogFailed(logger, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A per-field sync error was met: Zoho's Lead field metadata refreshed ({Count} fields)")]
    private static partial void LogRefreshed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A per-field sync error was met but Zoho's field metadata could not be refreshed ({Kind}); the daily refresh tries again")]
    private static partial void LogFailed(ILogger logger, string kind);
}
