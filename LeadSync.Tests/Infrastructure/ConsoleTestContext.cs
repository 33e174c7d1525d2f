using LeadSync.Core.Outbox;
using Bunit;
using Bunit.Rendering;
using LeadSync.Core;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Zoho;
using LeadSync.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// A bUnit context for console components: MudBlazor services plus the real Core services over a throwaway SQLite
/// file (migrated by <see cref="InitializeAsync"/>), and a <see cref="FakeTimeProvider"/> so seeded leads get distinct,
/// ordered timestamps. Tests seed their own data through <see cref="Commands"/> or <see cref="UpdateLeadAsync"/>.
/// </summary>
public sealed partial class ConsoleTestContext : BunitContext
{
    static ConsoleTestContext()
    {
        // The suite runs two test threads on two cores next to real servers: give renders time before failing.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }

    private readonly string directory = Path.Combine(Path.GetTempPath(), "leadsync-tests", "bunit-" + Guid.NewGuid().ToString("N"));

    public ConsoleTestContext()
    {
        Directory.CreateDirectory(directory);
        JSInterop.Mode = JSRuntimeMode.Loose;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:SqlitePath"] = Path.Combine(directory, "leadsync.db"),

                // Nothing listens there: a push the engine starts in the background fails fast as a transient error.
                ["App:PublicUrl"] = "http://127.0.0.1:9/",
                // Core alone (no web host): ConfiguredBuiltInZohoEndpoint reads the sandbox's credentials from here.
                ["Sandbox:ClientId"] = "1000.BUNIT",
                ["Sandbox:ClientSecret"] = "bunit-only-secret",
                ["Sandbox:RefreshToken"] = "1000.bunit.only",
            })
            .Build();
        Services.AddLogging();
        Services.AddSingleton<IConfiguration>(configuration);
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton<IHostApplicationLifetime, ApplicationLifetime>();
        Services.AddLeadSyncCore(configuration, directory);
        Services.AddSingleton<IBuiltInZohoEndpoint, ConfiguredBuiltInZohoEndpoint>();
        Services.AddLeadSyncLiveComponents();
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
    }

    /// <summary>Starts at a fixed instant; each <see cref="CreateLeadAsync"/> moves it one minute on.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public LeadCommands Commands => Services.GetRequiredService<LeadCommands>();

    public LeadQueries Queries => Services.GetRequiredService<LeadQueries>();

    /// <summary>Applies the migrations to this context's own database and starts the console's live event relay.</summary>
    public async Task InitializeAsync()
    {
        await Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await Services.GetRequiredService<LiveSyncEvents>().StartAsync(CancellationToken.None);
    }

    /// <summary>Creates a lead through Core (validated, with its outbox entry), one simulated minute after the last.</summary>
    public async Task<Lead> CreateLeadAsync(string lastName, string email, string? firstName = null, string? company = null, string? status = null, string? phone = null)
    {
        Clock.Advance(TimeSpan.FromMinutes(1));
        return await Commands.CreateAsync(new LeadFields(firstName, lastName, email, phone, status, company), ChangeSource.Console);
    }

    /// <summary>Inserts many leads in one transaction (faster than one command each), one simulated minute apart.</summary>
    public async Task<IReadOnlyList<Lead>> SeedManyAsync(int count, Func<int, LeadFields> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var contexts = Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var leads = new List<Lead>();
        for (var i = 1; i <= count; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
            var lead = new Lead { CreatedAt = Clock.GetUtcNow(), UpdatedAt = Clock.GetUtcNow() };
            lead.Apply(fields(i));
            leads.Add(lead);
        }

        db.Leads.AddRange(leads);
        await db.SaveChangesAsync();
        return leads;
    }

    /// <summary>Changes a stored lead directly (e.g. its sync state), as the sync engine would.</summary>
    public async Task UpdateLeadAsync(Guid id, Action<Lead> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var contexts = Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var lead = await db.Leads.SingleAsync(l => l.Id == id);
        change(lead);
        lead.Version++;
        await db.SaveChangesAsync();
    }

    /// <summary>Renders <typeparamref name="TComponent"/> beside the Mud providers that popovers, dialogs and snackbars need.</summary>
    public IRenderedComponent<ContainerFragment> RenderWithProviders<TComponent>()
        where TComponent : IComponent =>
        Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<MudSnackbarProvider>(2);
            builder.CloseComponent();
            builder.OpenComponent<TComponent>(3);
            builder.CloseComponent();
        });

    protected override async ValueTask DisposeAsyncCore()
    {
        await Services.GetRequiredService<LiveSyncEvents>().StopAsync(CancellationToken.None);
        await base.DisposeAsyncCore();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
