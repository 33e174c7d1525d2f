using LeadSync.Core.Outbox;
using Bunit;
using Bunit.Rendering;
using LeadSync.Core;
using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Sync;
using LeadSync.Core.Sync.Events;
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
/// The one bUnit context for console components: MudBlazor services plus the real Core services (sync engine, event
/// bus, queries) over a throwaway SQLite file of its own, migrated by <see cref="InitializeAsync"/>, which also starts
/// the console's live event relay (<see cref="LiveSyncEvents"/>). Zoho is the sandbox address of an app that is not
/// running: pushes are queued for real and their attempts fail fast, which is all component tests need. Tests seed their
/// own data through <see cref="Commands"/>, <see cref="CreateLeadAsync"/>, <see cref="SeedLeadsAsync"/> or
/// <see cref="UpdateLeadAsync"/>. Two set-ups:
/// <list type="bullet">
/// <item><c>new ConsoleTestContext()</c>, for pages: a <see cref="FakeTimeProvider"/> (<see cref="Clock"/>) so seeded
/// leads get distinct, ordered timestamps; the component is rendered inside the Mud providers
/// (<see cref="RenderWithProviders{TComponent}"/>), so its dialogs and popovers are part of its markup.</item>
/// <item><see cref="Live"/>, for live updates: the system clock (the render throttle's timers run for real); the Mud
/// providers are rendered on their own by <see cref="InitializeAsync"/> and the component with bUnit's <c>Render</c>,
/// so tests hold the component itself.</item>
/// </list>
/// </summary>
public sealed partial class ConsoleTestContext : BunitContext
{
    static ConsoleTestContext()
    {
        // The suite runs two test threads on two cores next to real servers: give renders time before failing.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }

    private readonly string directory = Path.Combine(Path.GetTempPath(), "leadsync-tests", "bunit-" + Guid.NewGuid().ToString("N"));
    private readonly bool live;

    /// <summary>A context for console pages, on <see cref="Clock"/>.</summary>
    public ConsoleTestContext()
        : this(live: false)
    {
    }

    private ConsoleTestContext(bool live)
    {
        this.live = live;
        Directory.CreateDirectory(directory);
        SqliteTemplate.CopyTo(Path.Combine(directory, "leadsync.db")); // migrated once per test process
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
                ["Sync:InstanceId"] = "bunit-" + Guid.NewGuid().ToString("N")[..6],
            })
            .Build();
        Services.AddLogging();
        Services.AddSingleton<IConfiguration>(configuration);
        if (!live)
        {
            Services.AddSingleton<TimeProvider>(Clock);
        }

        Services.AddSingleton<IHostApplicationLifetime, ApplicationLifetime>();
        Services.AddLeadSyncCore(configuration, directory);
        HoldContexts();
        Services.AddSingleton<IBuiltInZohoEndpoint, ConfiguredBuiltInZohoEndpoint>();
        Services.AddLeadSyncLiveComponents();
        if (live)
        {
            Services.AddMudServices();
        }
        else
        {
            // Page tests render the providers with the page (RenderWithProviders), with MudBlazor's provider check off.
            Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        }
    }

    /// <summary>The app's context factory, through which a test can hold the next read (<see cref="HoldingContextFactory.HoldNext"/>).</summary>
    public HoldingContextFactory ContextHolds => Services.GetRequiredService<HoldingContextFactory>();

    /// <summary>
    /// A context for live-update tests: the system clock instead of <see cref="Clock"/>, and the Mud providers rendered
    /// on their own by <see cref="InitializeAsync"/>.
    /// </summary>
    public static ConsoleTestContext Live() => new(live: true);

    /// <summary>Puts <see cref="HoldingContextFactory"/> in front of the context factory Core registered.</summary>
    private void HoldContexts()
    {
        var registered = Services.Last(d => d.ServiceType == typeof(IDbContextFactory<LeadSyncDbContext>));
        Services.Remove(registered);
        Services.AddSingleton(sp => new HoldingContextFactory((IDbContextFactory<LeadSyncDbContext>)registered.ImplementationFactory!(sp)));
        Services.AddSingleton<IDbContextFactory<LeadSyncDbContext>>(sp => sp.GetRequiredService<HoldingContextFactory>());
    }

    /// <summary>
    /// Starts at a fixed instant; each <see cref="CreateLeadAsync"/> moves it one minute on. The app's clock, except in
    /// a <see cref="Live"/> context (which runs on the system clock).
    /// </summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public LeadCommands Commands => Services.GetRequiredService<LeadCommands>();

    public LeadQueries Queries => Services.GetRequiredService<LeadQueries>();

    public IDbContextFactory<LeadSyncDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>();

    public SyncEventBus Bus => Services.GetRequiredService<SyncEventBus>();

    /// <summary>This context's engine instance (the origin of the events it publishes).</summary>
    public string InstanceId => Services.GetRequiredService<SyncInstance>().Id;

    /// <summary>
    /// Applies the migrations to this context's own database and starts the console's live event relay; for
    /// <see cref="Live"/>, renders the Mud providers.
    /// </summary>
    public async Task InitializeAsync()
    {
        await Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(Xunit.TestContext.Current.CancellationToken);
        await Services.GetRequiredService<LiveSyncEvents>().StartAsync(Xunit.TestContext.Current.CancellationToken);
        if (live)
        {
            Render<MudPopoverProvider>();
            Render<MudDialogProvider>();
            Render<MudSnackbarProvider>();
        }
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

    /// <summary>Adds leads straight to the database (no outbox entry), in the given sync state, newest first by a second each.</summary>
    public async Task<IReadOnlyList<Lead>> SeedLeadsAsync(SyncState state, params string[] lastNames)
    {
        ArgumentNullException.ThrowIfNull(lastNames);
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
