using LeadSync.Core.Data;

namespace LeadSync.Tests.Infrastructure;

/// <summary>A LeadSync database in a fresh PostgreSQL database of its own (see <see cref="PostgresServer"/>), dropped at dispose.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private string? name;

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    public string ConnectionString { get; private set; } = string.Empty;

    protected override async Task<Dictionary<string, string?>> CreateStorageAsync(CancellationToken cancellationToken)
    {
        (name, ConnectionString) = await PostgresServer.CreateDatabaseAsync(cancellationToken);
        return new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:LeadSync"] = ConnectionString,
        };
    }

    protected override async Task DeleteStorageAsync()
    {
        if (name is not null)
        {
            await PostgresServer.DropDatabaseAsync(name);
        }
    }
}
