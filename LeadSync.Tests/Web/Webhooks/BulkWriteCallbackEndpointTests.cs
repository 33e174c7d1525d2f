using System.Net;
using System.Net.Http.Json;
using LeadSync.Core.Outbox.Bulk;
using LeadSync.Core.Sync.History;
using LeadSync.Core.Sync.Runs;
using LeadSync.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Webhooks;

/// <summary>
/// <c>POST /webhooks/zoho/bulk-write/{token}</c> (docs/zoho §6.5): only the job's own token is heard, whoever
/// calls; anything else is 404 and changes nothing.
/// </summary>
public sealed class BulkWriteCallbackEndpointTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_forged_token_is_refused_for_anonymous_callers_api_keys_and_admins_and_changes_nothing()
    {
        await using var app = LeadSyncAppFactory.InMemory();
        var (job, token) = await StoreJobAsync(app, BulkWriteJobState.Unknown);
        var forged = token[..^2] + (token[^2..] == "AA" ? "BB" : "AA");
        using var anonymous = app.CreateAnonymousClient();
        using var apiKey = app.CreateApiClient();
        using var admin = await app.CreateAdminClientAsync();

        foreach (var client in new[] { anonymous, apiKey, admin })
        {
            foreach (var path in new[] { forged, "x", Guid.NewGuid().ToString("N"), job.CallbackTokenHash })
            {
                using var response = await client.PostAsJsonAsync(BulkWriteCallbackAddress.PathPrefix + path, new { job_id = "999", state = "COMPLETED" }, Token);
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
        }

        var stored = await app.QueryAsync(db => db.Set<BulkWriteJob>().AsNoTracking().SingleAsync(j => j.Id == job.Id, Token));
        Assert.Null(stored.CallbackAt);
        Assert.Null(stored.ZohoJobId);
    }

    [Fact]
    public async Task The_jobs_own_token_is_heard_from_anyone_and_names_a_lost_jobs_zoho_id()
    {
        await using var app = LeadSyncAppFactory.InMemory();
        var (job, token) = await StoreJobAsync(app, BulkWriteJobState.Unknown);
        using var anonymous = app.CreateAnonymousClient();

        using var response = await anonymous.PostAsJsonAsync(BulkWriteCallbackAddress.PathPrefix + token, new { job_id = "4242", state = "COMPLETED" }, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await app.QueryAsync(db => db.Set<BulkWriteJob>().AsNoTracking().SingleAsync(j => j.Id == job.Id, Token));
        Assert.NotNull(stored.CallbackAt);
        Assert.Equal("4242", stored.ZohoJobId);
    }

    [Fact]
    public async Task A_finished_jobs_token_is_refused()
    {
        await using var app = LeadSyncAppFactory.InMemory();
        var (_, token) = await StoreJobAsync(app, BulkWriteJobState.Done);
        using var anonymous = app.CreateAnonymousClient();

        using var response = await anonymous.PostAsJsonAsync(BulkWriteCallbackAddress.PathPrefix + token, new { job_id = "1" }, Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<(BulkWriteJob Job, string Token)> StoreJobAsync(LeadSyncAppFactory app, BulkWriteJobState state)
    {
        var run = await app.Services.GetRequiredService<SyncRunRecorder>().StartAsync(SyncRunKind.Push, SyncTrigger.Manual, Token);
        var job = new BulkWriteJob { RunId = run.RunId, State = state, Rows = 1, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        var token = BulkWriteStore.NewCallbackToken(job);
        await using var db = await app.Contexts.CreateDbContextAsync(Token);
        db.Add(job);
        await db.SaveChangesAsync(Token);
        return (job, token);
    }
}
