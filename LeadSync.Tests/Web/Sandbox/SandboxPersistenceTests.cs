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

    [Fact] // the model-checked test: a reset, then a restart, handed out the same ids again
    public async Task A_reset_then_a_restart_never_hands_an_id_out_again()
    {
        var directory = Path.Combine(Path.GetTempPath(), "leadsync-sandbox-tests", Guid.NewGuid().ToString("N"));
        var dataPath = Path.Combine(directory, "zoho.db");
        try
        {
            long before;
            await using (var first = new LeadSyncAppFactory().With("Sandbox:DataPath", dataPath))
            {
                using var sandbox = new SandboxHttp(first);
                before = long.Parse(Assert.Single(await sandbox.InsertAsync(SandboxHttp.Lead("Before", "before@example.com"))), System.Globalization.CultureInfo.InvariantCulture);
                await first.Sandbox.ResetAsync(TestContext.Current.CancellationToken);
            }

            await using var second = new LeadSyncAppFactory().With("Sandbox:DataPath", dataPath);
            using var again = new SandboxHttp(second);
            var after = long.Parse(Assert.Single(await again.InsertAsync(SandboxHttp.Lead("After", "after@example.com"))), System.Globalization.CultureInfo.InvariantCulture);

            Assert.True(after > before, $"id {after} issued after the reset, {before} before it");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
