using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Core.Data;

/// <summary>Registers the database of the configured provider.</summary>
public static class DataServiceCollectionExtensions
{
    public static IServiceCollection AddLeadSyncData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("LeadSync");
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        "Database:Provider is Postgres but ConnectionStrings:LeadSync is empty. Set it, e.g. " +
                        "ConnectionStrings__LeadSync=\"Host=db;Database=leadsync;Username=leadsync;Password=…\".");
                }

                services.AddPooledDbContextFactory<PostgresLeadSyncDbContext>(b => b.UseNpgsql(connectionString));
                services.AddSingleton<IDbContextFactory<LeadSyncDbContext>>(sp =>
                    new LeadSyncDbContextFactory<PostgresLeadSyncDbContext>(sp.GetRequiredService<IDbContextFactory<PostgresLeadSyncDbContext>>()));
                break;
            default:
                var sqlite = string.IsNullOrWhiteSpace(connectionString)
                    ? SqliteConnectionString(Path.IsPathRooted(options.SqlitePath) ? options.SqlitePath : Path.Combine(contentRoot, options.SqlitePath))
                    : connectionString;
                services.AddPooledDbContextFactory<SqliteLeadSyncDbContext>(b => b.UseSqlite(sqlite).AddInterceptors(new SqliteConnectionSettings(options.SqliteSynchronous)));
                services.AddSingleton<IDbContextFactory<LeadSyncDbContext>>(sp =>
                    new LeadSyncDbContextFactory<SqliteLeadSyncDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteLeadSyncDbContext>>()));
                break;
        }

        // Request-scoped context for ASP.NET Core Identity's stores; everything else uses the factory.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<LeadSyncDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<DeploymentLocks>();
        return services;
    }

    /// <summary>The connection string for a SQLite file (busy waits up to 30 s rather than failing).</summary>
    public static string SqliteConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = true }.ToString();
}
