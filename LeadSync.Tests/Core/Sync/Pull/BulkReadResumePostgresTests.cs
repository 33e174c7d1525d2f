using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Core.Sync.Pull;

/// <summary>
/// The Bulk Read resume on PostgreSQL (docs/zoho §6.1): the stored read's progress is saved inside each page's save and
/// its end with the watermark, as on SQLite — a restart after page 1 of 2 goes on with page 2 by <c>page_token</c>.
/// </summary>
public sealed class BulkReadResumePostgresTests : IAsyncLifetime
{
    private string database = string.Empty;
    private string connectionString = string.Empty;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => (database, connectionString) = await PostgresServer.CreateDatabaseAsync(Token);

    public async ValueTask DisposeAsync() => await PostgresServer.DropDatabaseAsync(database, CancellationToken.None);

    [Fact]
    public async Task A_restart_after_page_1_of_2_resumes_page_2_by_page_token_on_postgres() =>
        await BulkReadResumeTests.PageTwoResumesAsync(f => f.UsePostgres(connectionString));
}
