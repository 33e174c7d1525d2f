using Microsoft.Extensions.Options;

namespace LeadSync.ZohoSandbox;

/// <summary>Bulk Read result downloads per rolling minute (§6.1: 10, then 429), across the org like Zoho's limit.</summary>
internal sealed class SandboxDownloadLimiter(IOptions<ZohoSandboxOptions> options, TimeProvider timeProvider)
{
    private readonly Lock gate = new();
    private readonly Queue<DateTimeOffset> recent = new();

    /// <summary>Counts a download; false (not counted) when the minute's downloads are used up.</summary>
    public bool TryTake()
    {
        var now = timeProvider.GetUtcNow();
        lock (gate)
        {
            while (recent.Count > 0 && now - recent.Peek() >= TimeSpan.FromMinutes(1))
            {
                recent.Dequeue();
            }

            if (recent.Count >= options.Value.Bulk.DownloadsPerMinute)
            {
                return false;
            }

            recent.Enqueue(now);
            return true;
        }
    }
}
