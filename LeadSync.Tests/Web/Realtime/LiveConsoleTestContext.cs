using Bunit;
using LeadSync.Core;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Zoho;
using LeadSync.Tests.Infrastructure;
using LeadSync.Web.Realtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using MudBlazor;
using MudBlazor.Services;

namespace LeadSync.Tests.Web.Realtime;

/// <summary>
/// A bUnit context with the real Core services (sync engine, event bus, queries) on a real SQLite file of its own,
/// and the console's live relay (<see cref="LiveSyncEvents"/>) running. Zoho is the sandbox address of an app that is not running: pushes are queued
/// for real and their attempts fail, which is all these component tests need.
/// </summary>
public abstract class LiveConsoleTestContext : BunitContext, IAsyncLifetime
{
    static LiveConsoleTestContext()
    {
        // The suite runs two test threads on two cores next to real servers: give renders time before failing.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }

    private readonly string directory = Path.Combine(Path.GetTempPath(), "leadsync-tests", Guid.NewGuid().ToString("N"));

    protected LiveConsoleTestContext()
    {
        Directory.CreateDirectory(directory);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:SqlitePath"] = Path.Combine(directory, "leadsync.db"),
            ["App:PublicUrl"] = "http://127.0.0.1:9",
            // Core alone (no web host): ConfiguredBuiltInZohoEndpoint reads the sandbox's credentials from here.
            ["Sandbox:ClientId"] = "1000.BUNIT",
            ["Sandbox:ClientSecret"] = "bunit-only-secret",
            ["Sandbox:RefreshToken"] = "1000.bunit.only",
            ["Sync:InstanceId"] = "bunit-" + Guid.NewGuid().ToString("N")[..6],
        }).Build();
        Services.AddLogging();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddSingleton<IHostApplicationLifetime, ApplicationLifetime>();
        Services.AddLeadSyncCore(configuration, directory);
        Services.AddSingleton<IBuiltInZohoEndpoint, ConfiguredBuiltInZohoEndpoint>();
        Services.AddLeadSyncLiveComponents();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    protected SyncEventBus Bus => Services.GetRequiredService<SyncEventBus>();

    protected string InstanceId => Services.GetRequiredService<SyncInstance>().Id;

    protected IDbContextFactory<LeadSyncDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>();

    public virtual async ValueTask InitializeAsync()
    {
        await Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(Xunit.TestContext.Current.CancellationToken);
        await Services.GetRequiredService<LiveSyncEvents>().StartAsync(Xunit.TestContext.Current.CancellationToken);
        Render<MudPopoverProvider>();
        Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await Services.GetRequiredService<LiveSyncEvents>().StopAsync(CancellationToken.None);
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Adds leads straight to the database (no outbox entry), in the given sync state.</summary>
    protected async Task<IReadOnlyList<Lead>> SeedLeadsAsync(SyncState state, params string[] lastNames)
    {
        await using var db = await Contexts.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        var now = DateTimeOffset.UtcNow;
        var leads = lastNames.Select((name, i) =>
        {
            var lead = new Lead { CreatedAt = now, UpdatedAt = now.AddSeconds(-i), SyncState = state };
            lead.Apply(new LeadFields("Test", name, $"{name.ToLowerInvariant()}@example.com", null, null, "Acme"));
            return lead;
        }).ToList();
        db.AddRange(leads);
        await db.SaveChangesAsync(Xunit.TestContext.Current.CancellationToken);
        return leads;
    }

    /// <summary>Retries an assertion on real state (database rows) until it holds, for up to ten seconds.</summary>
    protected static async Task EventuallyAsync(Func<Task> assertion)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Xunit.Sdk.XunitException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, Xunit.TestContext.Current.CancellationToken);
            }
        }
    }

    protected async Task SetStateAsync(Guid leadId, SyncState state)
    {
        await using var db = await Contexts.CreateDbContextAsync(Xunit.TestContext.Current.CancellationToken);
        await db.Leads.Where(l => l.Id == leadId).ExecuteUpdateAsync(s => s.SetProperty(l => l.SyncState, state), Xunit.TestContext.Current.CancellationToken);
    }
}
