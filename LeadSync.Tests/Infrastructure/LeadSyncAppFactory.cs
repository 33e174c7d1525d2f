using System.Globalization;
using LeadSync.Core.Zoho;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// The one test host: the real LeadSync.Web app with its own throwaway folder, demo data off, an admin
/// (<see cref="AdminEmail"/>/<see cref="AdminPassword"/>) and an API key (<see cref="BootstrapApiKey"/>) seeded, and
/// every log line captured in <see cref="Logs"/>. Options, all given before the app starts:
/// <list type="bullet">
/// <item>database: a SQLite file in its own folder by default; <see cref="UseDataFolder"/> for data that outlives the
/// instance (a restart is a second host on the same folder); <see cref="UsePostgres"/>;</item>
/// <item>server: Kestrel on a free loopback port by default (the app calls its built-in sandbox over real HTTP);
/// <see cref="InMemory"/> for an in-memory server;</item>
/// <item>Zoho: the built-in sandbox by default; <see cref="UseZohoMode"/>, <see cref="UseLiveZoho"/>;</item>
/// <item>engine: the app's defaults (scheduled pull on, watch channel off); <see cref="WithQuietEngine"/>,
/// <see cref="WithFastSync"/>, <see cref="WithWebhooks"/>;</item>
/// <item>anything else: <see cref="With"/>, and <see cref="WithLogCapture"/>.</item>
/// </list>
/// The presets <see cref="StartForSync"/> and <see cref="StartForWebhooks"/> start the app the way the sync and the
/// webhook tests need it. The helpers are grouped by partial file: HTTP clients and forms (<c>.Http.cs</c>), leads,
/// runs and the sync engine (<c>.Sync.cs</c>), the sandbox's side (<c>.Sandbox.cs</c>).
/// </summary>
public partial class LeadSyncAppFactory : WebApplicationFactory<Program>
{
    /// <summary>The admin every test app starts with (test-only credentials).</summary>
    public const string AdminEmail = "admin@leadsync.test";

    public const string AdminPassword = "Test-only-Pa55word!";

    /// <summary>The <c>Api:BootstrapKey</c> every test app starts with.</summary>
    public const string BootstrapApiKey = "lsk_test-bootstrap-key-0123456789abcdefghijklmnopq";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "leadsync-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Action<IServiceCollection>> extraServices = [];
    private readonly bool inMemory;
    private bool started;
    private bool plainDatabase;
    private LogLevel captureLevel = LogLevel.Debug;

    /// <summary>A host on a real loopback socket (Kestrel on a free port).</summary>
    public LeadSyncAppFactory()
        : this(inMemory: false)
    {
    }

    private LeadSyncAppFactory(bool inMemory)
    {
        this.inMemory = inMemory;
        Directory.CreateDirectory(directory);
        settings["Database:Provider"] = "Sqlite";
        settings["Database:SqlitePath"] = Path.Combine(directory, "leadsync.db");
        settings["DemoData:Enabled"] = "false";
        settings["Sandbox:DataPath"] = Path.Combine(directory, "zoho-sandbox.db");
        settings["Admin:Email"] = AdminEmail;
        settings["Admin:Password"] = AdminPassword;
        settings["Api:BootstrapKey"] = BootstrapApiKey;
        // No Zoho watch channel unless a test asks (Webhooks:Enabled=true): callbacks would pull changes (and spend
        // sandbox credits) behind the back of tests that count pulls, runs or calls.
        settings["Webhooks:Enabled"] = "false";
        // The sandbox's Bulk jobs step every 50 ms instead of every second (ADDED → QUEUED → IN PROGRESS → COMPLETED).
        settings["Sandbox:Bulk:StepMilliseconds"] = "50";
        if (!inMemory)
        {
            // No port given to the factory: with one, it rewrites the server's addresses on the test's thread while
            // Program's app.Run() starts that same server on the entry point's thread — a race CI lost once
            // ("IServerAddressesFeature.Addresses cannot be modified after the server has started"). The address
            // comes from the host's "urls" setting instead (ConfigureWebHost; OnPort to choose it).
            UseKestrel();
        }
    }

    /// <summary>Every log line the app wrote (Debug and up unless <see cref="WithLogCapture"/> says otherwise).</summary>
    public CapturedLogs Logs { get; } = new();

    /// <summary>A folder of this app instance's own, deleted on dispose.</summary>
    public string DataDirectory => directory;

    /// <summary>True once the app runs (settings can no longer change).</summary>
    public bool HasStarted => started;

    /// <summary>The app's base address, e.g. <c>http://127.0.0.1:41234/</c> (starts the app).</summary>
    public Uri BaseAddress => Start();

    /// <summary>
    /// A host on an in-memory server (no socket): for tests of pages and endpoints only. Nothing listens, so the app's
    /// own Zoho client cannot reach its built-in sandbox: the engine is kept quiet (<see cref="WithQuietEngine"/>).
    /// </summary>
    public static LeadSyncAppFactory InMemory() => new LeadSyncAppFactory(inMemory: true).WithQuietEngine();

    /// <summary>
    /// Starts an app for the sync tests (<see cref="WithFastSync"/>, then <paramref name="configure"/>): engine, Zoho
    /// client and sandbox over loopback HTTP; tests pull explicitly.
    /// </summary>
    public static LeadSyncAppFactory StartForSync(Func<LeadSyncAppFactory, LeadSyncAppFactory>? configure = null)
    {
        var app = new LeadSyncAppFactory().WithFastSync();
        app = configure is null ? app : configure(app);
        app.Start();
        return app;
    }

    /// <summary>
    /// Starts an app for the webhook tests (<see cref="WithWebhooks"/> with a 50 ms coalescing delay, then
    /// <paramref name="configure"/>): with the scheduled pull at one hour, only notifications bring Zoho's changes in
    /// the test's time.
    /// </summary>
    public static LeadSyncAppFactory StartForWebhooks(Func<LeadSyncAppFactory, LeadSyncAppFactory>? configure = null)
    {
        var app = new LeadSyncAppFactory().WithWebhooks().With("Webhooks:CoalesceDelay", "00:00:00.050");
        app = configure is null ? app : configure(app);
        app.Start();
        return app;
    }

    /// <summary>Overrides one configuration value (before the app starts).</summary>
    public LeadSyncAppFactory With(string key, string? value)
    {
        if (started)
        {
            throw new InvalidOperationException("Settings must be given before the app starts.");
        }

        settings[key] = value;
        return this;
    }

    /// <summary>Runs the app on PostgreSQL with the given connection string.</summary>
    public LeadSyncAppFactory UsePostgres(string connectionString) =>
        With("Database:Provider", "Postgres").With("ConnectionStrings:LeadSync", connectionString);

    /// <summary>
    /// Keeps the app's SQLite database and the sandbox's data in <paramref name="folder"/>, which outlives this instance
    /// (the caller deletes it): a second host on the same folder is the same app restarted.
    /// </summary>
    public LeadSyncAppFactory UseDataFolder(string folder) =>
        With("Database:Provider", "Sqlite")
            .With("Database:SqlitePath", Path.Combine(folder, "leadsync.db"))
            .With("Sandbox:DataPath", Path.Combine(folder, "zoho-sandbox.db"));

    /// <summary>Listens on this loopback port instead of a free one (before the app starts).</summary>
    public LeadSyncAppFactory OnPort(int port) => With("urls", $"http://127.0.0.1:{port}");

    /// <summary>Sets <c>Zoho:Mode</c> (the built-in sandbox is the default).</summary>
    public LeadSyncAppFactory UseZohoMode(ZohoMode mode) => With("Zoho:Mode", mode.ToString());

    /// <summary>Talks to Zoho in Live mode at <paramref name="address"/> (e.g. another host's sandbox) with these credentials.</summary>
    public LeadSyncAppFactory UseLiveZoho(Uri address, ZohoClientCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(credentials);
        return UseZohoMode(ZohoMode.Live)
            .With("Zoho:AccountsUrl", address.ToString())
            .With("Zoho:ApiBaseUrl", address.ToString())
            .With("Zoho:ClientId", credentials.ClientId)
            .With("Zoho:ClientSecret", credentials.ClientSecret)
            .With("Zoho:RefreshToken", credentials.RefreshToken);
    }

    /// <summary>
    /// Keeps the sync engine from calling Zoho on its own (no scheduled pull, no notification channel), for tests that
    /// count the sandbox's calls, credits or tokens exactly.
    /// </summary>
    public LeadSyncAppFactory WithQuietEngine() => With("Sync:PullInterval", "00:00:00").With("Webhooks:Enabled", "false");

    /// <summary>
    /// Fast sync defaults: no scheduled pull (tests pull explicitly), no push linger, a 200 ms sweep, short backoffs, no
    /// token throttle.
    /// </summary>
    public LeadSyncAppFactory WithFastSync() => this
        .With("Sync:PullInterval", "00:00:00")
        .With("Sync:PushLinger", "00:00:00")
        .With("Sync:SweepInterval", "00:00:00.200")
        .With("Sync:RetryBaseDelay", "00:00:00.050")
        .With("Sync:RetryMaxDelay", "00:00:00.500")
        .With("Sync:AuthProbeInterval", "00:00:00.300")
        .With("Zoho:RetryBaseDelay", "00:00:00.020")
        .With("Zoho:RetryMaxDelay", "00:00:00.200")
        .With("Sandbox:TokenRequestsPer10Minutes", "100000");

    /// <summary>The Zoho watch channel on and the scheduled pull at <paramref name="pullInterval"/> (default one hour).</summary>
    public LeadSyncAppFactory WithWebhooks(TimeSpan? pullInterval = null) =>
        With("Webhooks:Enabled", "true").With("Sync:PullInterval", (pullInterval ?? TimeSpan.FromHours(1)).ToString("c", CultureInfo.InvariantCulture));

    /// <summary>
    /// Captures log lines from <paramref name="minimum"/> up instead of Debug. Benchmarks log as a production server
    /// does: capturing every Debug line (each SQL command) costs CPU and a heap that grows by hundreds of MB per 10,000
    /// leads, whose collections then pause the very calls being timed.
    /// </summary>
    public LeadSyncAppFactory WithLogCapture(LogLevel minimum)
    {
        if (started)
        {
            throw new InvalidOperationException("Logging must be chosen before the app starts.");
        }

        captureLevel = minimum;
        return this;
    }

    /// <summary>Adds service registrations after the app's own (e.g. an in-memory telemetry exporter); before the app starts.</summary>
    public LeadSyncAppFactory WithServices(Action<IServiceCollection> configure)
    {
        if (started)
        {
            throw new InvalidOperationException("Services must be added before the app starts.");
        }

        extraServices.Add(configure);
        return this;
    }

    /// <summary>Starts the app (once) and returns its base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Start()
    {
        if (!started)
        {
            started = true;
            RunningApps.Add(this);
            StartServer();
        }

        if (inMemory)
        {
            return Server.BaseAddress;
        }

        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var address = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    /// <summary>An app that only creates the test admin in a database of the plain template (<see cref="SqliteTemplate"/>).</summary>
    internal static LeadSyncAppFactory ForAdminTemplate() => new LeadSyncAppFactory(inMemory: true) { plainDatabase = true }.WithQuietEngine();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        PrepareOwnDatabase();
        builder.UseEnvironment("Testing");

        // Serve package assets (_content/MudBlazor/…) from their NuGet folders as Development does.
        builder.UseStaticWebAssets();
        builder.UseSetting("urls", "http://127.0.0.1:0");
        // Program reads some settings while building services (e.g. the database provider and path): host settings are
        // visible then, whereas ConfigureAppConfiguration below only applies once the host is built.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
        builder.ConfigureServices(services => extraServices.ForEach(configure => configure(services)));
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(Logs);
            logging.AddFilter<CapturedLogs>(null, captureLevel);
        });
    }

    /// <summary>
    /// The app's own SQLite file, where the settings still name it: a copy of the database migrated once per test
    /// process — with the test admin already in it when this start would create that admin from the settings.
    /// </summary>
    private void PrepareOwnDatabase()
    {
        var own = Path.Combine(directory, "leadsync.db");
        if (!string.Equals(Setting("Database:Provider"), "Sqlite", StringComparison.OrdinalIgnoreCase)
            || !string.Equals(Setting("Database:SqlitePath"), own, StringComparison.Ordinal) || File.Exists(own))
        {
            return;
        }

        var defaultAdmin = Setting("Admin:Email") == AdminEmail && Setting("Admin:Password") == AdminPassword;
        if (defaultAdmin && !plainDatabase)
        {
            SqliteTemplate.CopyWithAdminTo(own);
        }
        else
        {
            SqliteTemplate.CopyTo(own);
        }
    }

    private string? Setting(string key) => settings.GetValueOrDefault(key);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            RunningApps.Remove(this);
            TryDelete();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        RunningApps.Remove(this);
        await base.DisposeAsync();
        TryDelete();
        GC.SuppressFinalize(this);
    }

    private void TryDelete()
    {
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
