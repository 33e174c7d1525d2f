using LeadSync.Core.Zoho;
using Microsoft.Extensions.Logging;

namespace LeadSync.Tests.Core.Zoho;

/// <summary>A hand-built production client and its parts, for tests.</summary>
internal sealed class ZohoTestClient(
    ZohoClient client,
    ZohoTokenProvider tokens,
    IZohoConnectionSettingsProvider settings,
    ZohoSettingsStore settingsStore,
    RecordingZohoObserver observer,
    ZohoTransport transport,
    ILoggerFactory loggers) : IDisposable
{
    public IZohoClient Client => client;

    public LeadSync.Core.Zoho.Bulk.IZohoBulkReadClient BulkRead => client;

    public ZohoTokenProvider Tokens => tokens;

    public IZohoConnectionSettingsProvider Settings => settings;

    public ZohoSettingsStore SettingsStore => settingsStore;

    public RecordingZohoObserver Observer => observer;

    public void Dispose()
    {
        client.Dispose();
        tokens.Dispose();
        transport.Dispose();
        loggers.Dispose();
    }
}
