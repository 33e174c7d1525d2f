using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// The real LeadSync.Web app on a real loopback socket (Kestrel on a free port), with its own throwaway SQLite file
/// (or a PostgreSQL database when <see cref="UsePostgres"/> is given), demo data off. Settings can be overridden per test.
/// </summary>
public class LeadSyncAppFactory : WebApplicationFactory<Program>
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "leadsync-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> settings = new(StringComparer.OrdinalIgnoreCase);
    private bool started;

    public LeadSyncAppFactory()
    {
        Directory.CreateDirectory(directory);
        settings["Database:Provider"] = "Sqlite";
        settings["Database:SqlitePath"] = Path.Combine(directory, "leadsync.db");
        settings["DemoData:Enabled"] = "false";
        settings["Sandbox:DataPath"] = Path.Combine(directory, "zoho-sandbox.db");
        UseKestrel(0);
    }

    /// <summary>A folder of this app instance's own, deleted on dispose.</summary>
    public string DataDirectory => directory;

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

    /// <summary>Starts the app (once) and returns its base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Start()
    {
        if (!started)
        {
            started = true;
            StartServer();
        }

        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var address = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        // Program reads some settings while building services (e.g. the database provider and path): host settings are
        // visible then, whereas ConfigureAppConfiguration below only applies once the host is built.
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            TryDelete();
        }
    }

    public override async ValueTask DisposeAsync()
    {
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
