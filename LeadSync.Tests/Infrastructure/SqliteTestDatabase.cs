using LeadSync.Core.Data;
using Microsoft.Data.Sqlite;

namespace LeadSync.Tests.Infrastructure;

/// <summary>A LeadSync database in a SQLite file of its own, deleted at dispose.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "leadsync-tests", Guid.NewGuid().ToString("N"));

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string FilePath => Path.Combine(directory, "leadsync.db");

    protected override Task<Dictionary<string, string?>> CreateStorageAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        return Task.FromResult(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:SqlitePath"] = FilePath,
        });
    }

    protected override Task DeleteStorageAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }
}
