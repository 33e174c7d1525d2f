using LeadSync.Web.Security;
using LeadSync.Core.Data;
using LeadSync.Web.Demo;
using Microsoft.Extensions.Options;

namespace LeadSync.Web;

/// <summary>Runs before the app serves requests: migrations (unless turned off), then demo data.</summary>
internal sealed class StartupTasks(
    DatabaseMigrator migrator,
    IOptions<DatabaseOptions> database,
    IServiceProvider services) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Says once, at start, whether the key ring is encrypted (loudly when it is not, outside Development).
        services.GetRequiredService<KeyRingProtection>().Report(services.GetRequiredService<ILogger<KeyRingProtection>>());
        if (database.Value.MigrateOnStartup)
        {
            await migrator.MigrateAsync(cancellationToken);
        }

        await ActivatorUtilities.CreateInstance<DemoDataSeeder>(services).SeedAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
