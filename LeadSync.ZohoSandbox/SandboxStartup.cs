using LeadSync.Core.Zoho;

namespace LeadSync.ZohoSandbox;

/// <summary>
/// At start, loads the sandbox's data when it is in effect (so the first request finds it ready), and creates its
/// credentials; in Live mode says the sandbox is closed. Runs after the migrations (the mode may be stored in the database).
/// </summary>
internal sealed partial class SandboxStartup(
    SandboxAvailability availability,
    SandboxCredentialStore credentials,
    ILogger<SandboxStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await availability.IsServedAsync(cancellationToken))
        {
            LogClosed();
            return;
        }

        await credentials.GetAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Zoho CRM sandbox is closed: LeadSync is connected to a real Zoho account (" + nameof(ZohoMode.Live) + " mode)")]
    private partial void LogClosed();
}
