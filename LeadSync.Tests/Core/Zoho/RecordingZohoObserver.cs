using System.Collections.Concurrent;
using LeadSync.Core.Zoho;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>Remembers every Zoho call the client reports.</summary>
internal sealed class RecordingZohoObserver : IZohoCallObserver
{
    private readonly ConcurrentQueue<ZohoCallRecord> calls = new();

    public IReadOnlyList<ZohoCallRecord> Calls => calls.ToArray();

    public int TokenCalls => Calls.Count(c => c.Path.EndsWith("/oauth/v2/token", StringComparison.Ordinal));

    public IReadOnlyList<ZohoCallRecord> ApiCalls => Calls.Where(c => c.Path.Contains("/crm/", StringComparison.Ordinal)).ToList();

    public void OnCall(ZohoCallRecord record) => calls.Enqueue(record);

    public void Clear() => calls.Clear();
}
