using System.Net;
using LeadSync.Tests.Infrastructure;

namespace LeadSync.Tests.Web.Sandbox;

/// <summary>The sandbox keeps its data in its own SQLite file across restarts.</summary>
public sealed class SandboxPersistenceTests
{
    [Fact]
    public async Task Leads_deletions_and_channels_survive_an_app_restart_with_the_same_data_path()
    {
        var directory = Path.Combine(Path.GetTempPath(), "leadsync-sandbox-tests", Guid.NewGuid().ToString("N"));
        var dataPath = Path.Combine(directory, "zoho.db");
        string kept;
        try
        {
            await using (var first = new LeadSyncAppFactory().With("Sandbox:DataPath", dataPath))
            {
                using var sandbox = new SandboxHttp(first);
                var ids = await sandbox.InsertAsync(SandboxHttp.Lead("Kept", "kept@example.com"), SandboxHttp.Lead("Removed", "removed@example.com"));
                kept = ids[0];
                await sandbox.CallAsync(HttpMethod.Delete, $"crm/v8/Leads?ids={ids[1]}");
            }

            await using var second = new LeadSyncAppFactory().With("Sandbox:DataPath", dataPath);
            using var again = new SandboxHttp(second);
            var (status, list) = await again.CallAsync(HttpMethod.Get, "crm/v8/Leads?fields=Last_Name,Email");
            var (_, deleted) = await again.CallAsync(HttpMethod.Get, "crm/v8/Leads/deleted");

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(kept, Assert.Single(list!["data"]!.AsArray())!["id"]!.GetValue<string>());
            Assert.Single(deleted!["data"]!.AsArray());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
