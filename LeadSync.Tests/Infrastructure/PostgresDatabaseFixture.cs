namespace LeadSync.Tests.Infrastructure;

/// <summary>
/// A fresh, uniquely named PostgreSQL database for one test class (<c>IClassFixture&lt;PostgresDatabaseFixture&gt;</c>),
/// dropped when the class is done.
/// </summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private string? name;
    private string? connectionString;

    public string DatabaseName => name ?? throw new InvalidOperationException("The database is not created yet.");

    public string ConnectionString => connectionString ?? throw new InvalidOperationException("The database is not created yet.");

    public async ValueTask InitializeAsync() =>
        (name, connectionString) = await PostgresServer.CreateDatabaseAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (name is not null)
        {
            await PostgresServer.DropDatabaseAsync(name);
        }
    }
}
