namespace LeadSync.Web.Sandbox;

/// <summary>Loads the sandbox's data (leads, tokens, channels) from its SQLite file before requests are served.</summary>
public sealed class SandboxStartup(
    SandboxLeadStore store,
    SandboxTokenService tokens,
    SandboxWatchRegistry watches,
    SandboxDatabase database,
    ZohoSandboxActivation activation,
    ILogger<SandboxStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!activation.Enabled)
        {
            logger.LogInformation("Zoho CRM sandbox is off (Zoho:Mode is Live)");
            return;
        }

        await store.LoadAsync(cancellationToken);
        await tokens.LoadAsync(cancellationToken);
        await watches.LoadAsync(cancellationToken);
        logger.LogInformation("Zoho CRM sandbox ready at /sandbox/zoho with {Count} leads ({Path})", store.Count, database.Path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
