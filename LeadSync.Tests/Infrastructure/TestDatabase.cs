using LeadSync.Core.Data;
using LeadSync.Core.Leads;
using LeadSync.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// A real, empty LeadSync database for one test class, built exactly as the app builds it (Core's
/// <c>AddLeadSyncData</c>) and migrated with the checked-in migrations. Two flavours: <see cref="SqliteTestDatabase"/>
/// and <see cref="PostgresTestDatabase"/>; persistence tests are written once against this type and run on both.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    private ServiceProvider? services;

    /// <summary>Apply the migrations when initialised (turn off to test the migrations themselves).</summary>
    public bool MigrateOnInitialize { get; init; } = true;

    public abstract DatabaseProvider Provider { get; }

    /// <summary>The services of the data layer (the context factory, <see cref="DatabaseMigrator"/>).</summary>
    public IServiceProvider Services => services ?? throw new InvalidOperationException("The database is not initialised yet.");

    public IDbContextFactory<LeadSyncDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>();

    public async ValueTask InitializeAsync()
    {
        var settings = await CreateStorageAsync(TestContext.Current.CancellationToken);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        services = new ServiceCollection()
            .AddLogging()
            .AddLeadSyncData(configuration, AppContext.BaseDirectory)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        if (MigrateOnInitialize)
        {
            await MigrateAsync(TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Applies the migrations the way the app does at start.</summary>
    public Task MigrateAsync(CancellationToken cancellationToken = default) =>
        Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);

    /// <summary>Deletes every lead and outbox entry, for test classes whose tests each want an empty table.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        await db.Set<OutboxEntry>().ExecuteDeleteAsync(cancellationToken);
        await db.Set<Lead>().ExecuteDeleteAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        await DeleteStorageAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates the empty database and returns the configuration that points the app at it.</summary>
    protected abstract Task<Dictionary<string, string?>> CreateStorageAsync(CancellationToken cancellationToken);

    protected abstract Task DeleteStorageAsync();
}
