using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using LeadSync.Core.Settings;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Merge;
using LeadSync.Core.Sync;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadSync.Tests.Core.Sync.Model;

/// <summary>
/// The real app (engine, REST API, sandbox over loopback HTTP, watch channel on) on a SQLite file and a sandbox file in
/// a folder of the host's own, so <see cref="RestartAsync"/> can stop it and start a new process-like instance on the
/// same data. Between sequences <see cref="ResetAsync"/> empties both sides (cheaper than a new app); the sandbox's
/// credentials, the admin, API keys and the watch channel stay.
/// </summary>
/// <remarks>
/// Not a second test host: each instance is the one <see cref="LeadSyncAppFactory"/> (<see cref="LeadSyncAppFactory.StartForSync"/>
/// on <see cref="LeadSyncAppFactory.UseDataFolder"/>). This type exists because a sequence outlives an app instance: a
/// <c>WebApplicationFactory</c> cannot be restarted, so a restart is a new instance on the same folder, and the folder,
/// the API client and the restart count belong to the sequence's host rather than to any one instance.
/// </remarks>
internal sealed class ModelHost : IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "leadsync-tests", "model-" + Guid.NewGuid().ToString("N"));

    private ModelHost()
    {
        Directory.CreateDirectory(directory);
        App = Launch();
    }

    public LeadSyncAppFactory App { get; private set; }

    public HttpClient Api { get; private set; } = default!;

    public int Restarts { get; private set; }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<ModelHost> StartAsync()
    {
        var host = new ModelHost();
        await host.WarmAsync();
        return host;
    }

    /// <summary>Stops the app (whatever it is doing) and starts it again on the same files.</summary>
    public async Task RestartAsync()
    {
        Api.Dispose();
        await App.DisposeAsync();
        App = Launch();
        Restarts++;
        await WarmAsync();
    }

    /// <summary>Empties LeadSync's sync tables and the sandbox, and sets the conflict policy for the next sequence.</summary>
    public async Task ResetAsync(ConflictPolicy policy)
    {
        App.Sandbox.Faults.Apply(ModelFaults.Off);
        await App.Sandbox.ResetAsync(Token);
        await using (var db = await App.Contexts.CreateDbContextAsync(Token))
        {
            await db.Set<LeadHistoryEntry>().ExecuteDeleteAsync(Token);
            await db.Set<SyncConflict>().ExecuteDeleteAsync(Token);
            await db.Set<PullError>().ExecuteDeleteAsync(Token);
            await db.Set<OutboxEntry>().ExecuteDeleteAsync(Token);
            await db.Set<ZohoDeletion>().ExecuteDeleteAsync(Token);
            await db.Leads.ExecuteDeleteAsync(Token);
            await db.Set<SyncRun>().ExecuteDeleteAsync(Token);
            await db.Set<SyncWatermark>().ExecuteDeleteAsync(Token);
        }

        if (App.Services.GetRequiredService<IOptionsMonitor<SyncOptions>>().CurrentValue.ConflictPolicy != policy)
        {
            await App.Services.GetRequiredService<SettingsStore>().SetAsync(
                new Dictionary<string, string?> { [RuntimeSettings.ConflictPolicyKey] = policy.ToString() }, new HashSet<string>(), Token);
            await App.Services.GetRequiredService<RuntimeSettings>().ReloadAsync(Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private LeadSyncAppFactory Launch() => LeadSyncAppFactory.StartForSync(f => f
        .UseDataFolder(directory)
        .With("Sync:ClaimLease", "00:00:03")
        .With("Webhooks:Enabled", "true")
        .With("Webhooks:CoalesceDelay", "00:00:00.020")
        .With("Api:RateLimitPermits", "1000000")
        .With("Sandbox:DailyCredits", "100000000")
        .With("Logging:LogLevel:Default", "Warning")
        .WithLogCapture(LogLevel.Warning));

    private async Task WarmAsync()
    {
        Api = App.CreateApiClient();
        await App.WatchChannelAsync();
    }
}
