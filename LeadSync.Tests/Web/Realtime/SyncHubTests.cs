using System.Net;
using System.Text.Json;
using LeadSync.Core.Leads;
using LeadSync.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LeadSync.Tests.Web.Realtime;

/// <summary>The <c>/hubs/sync</c> SignalR hub as another client sees it (docs/realtime.md): signed-in admins only.</summary>
public sealed class SyncHubTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signed_in_client_gets_the_status_and_sees_a_pushed_lead_turn_synced()
    {
        await using var app = new LeadSyncAppFactory().With("Sync:SweepInterval", "00:00:00.300").With("Sync:PullInterval", "00:00:00");
        var cookies = new CookieContainer();
        using (var signIn = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = app.Start() })
        using (var response = await LeadSyncAppFactory.PostSignInAsync(signIn, LeadSyncAppFactory.AdminEmail, LeadSyncAppFactory.AdminPassword))
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Start(), "hubs/sync"), o => o.Cookies = cookies)
            .Build();
        var synced = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        Guid? watched = null;
        hub.On<JsonElement>("LeadStatesChanged", changes =>
        {
            foreach (var change in changes.EnumerateArray())
            {
                var state = change.GetProperty("state");
                var isSynced = state.ValueKind == JsonValueKind.Number ? state.GetInt32() == (int)SyncState.Synced : state.ToString() == nameof(SyncState.Synced);
                if (watched is { } id && change.GetProperty("leadId").GetGuid() == id && isSynced)
                {
                    synced.TrySetResult(change);
                }
            }
        });
        await hub.StartAsync(Ct);

        var status = await hub.InvokeAsync<JsonElement>("GetStatus", Ct);
        Assert.True(status.TryGetProperty("queueDepth", out _), status.ToString());

        var lead = await app.Services.GetRequiredService<LeadCommands>()
            .CreateAsync(new LeadFields("Hub", "Watcher", "hub.watcher@example.com", null, null, "Initech"), cancellationToken: Ct);
        watched = lead.Id;

        var change = await synced.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.Equal(lead.Id, change.GetProperty("leadId").GetGuid());
    }

    [Fact]
    public async Task An_anonymous_client_is_refused()
    {
        await using var app = new LeadSyncAppFactory().WithQuietEngine();
        await using var hub = new HubConnectionBuilder().WithUrl(new Uri(app.Start(), "hubs/sync")).Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => hub.StartAsync(Ct));

        Assert.Contains("401", error.Message, StringComparison.Ordinal);
    }
}
