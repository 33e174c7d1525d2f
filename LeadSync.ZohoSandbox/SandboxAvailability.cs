using LeadSync.Core.Zoho;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// Whether the sandbox is served right now: only while the engine's own effective mode (<see cref="ZohoEffectiveMode"/>)
/// is Sandbox, re-read per request through the settings cache, so choosing Live on the Settings page closes it within
/// seconds. The sandbox's data (leads, tokens, channels) is loaded the first time it is served.
/// </summary>
// Seven parameters: the singletons it consults and loads, all injected by DI.
public sealed partial class SandboxAvailability(
    ZohoEffectiveMode mode,
    SandboxLeadStore store,
    SandboxFieldCatalog fields,
    SandboxTokenService tokens,
    SandboxWatchRegistry watches,
    SandboxDatabase database,
    ILogger<SandboxAvailability> logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private volatile bool loaded;

    /// <summary>True (with the data loaded) when the effective mode is Sandbox.</summary>
    public async ValueTask<bool> IsServedAsync(CancellationToken cancellationToken = default)
    {
        if (await mode.GetAsync(cancellationToken) != ZohoMode.Sandbox)
        {
            return false;
        }

        if (!loaded)
        {
            await LoadAsync(cancellationToken);
        }

        return true;
    }

    public void Dispose() => gate.Dispose();

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (loaded)
            {
                return;
            }

            await store.LoadAsync(cancellationToken);
            await fields.LoadAsync(cancellationToken);
            await tokens.LoadAsync(cancellationToken);
            await watches.LoadAsync(cancellationToken);
            loaded = true;
            LogReady(store.Count, database.Path);
        }
        finally
        {
            gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoho CRM sandbox ready at /sandbox/zoho with {Count} leads ({Path})")]
    private partial void LogReady(int count, string path);
}
